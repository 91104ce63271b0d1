/**
 * Asking for case permissions: who is asking (from the transaction's own context, so a caller cannot claim
 * to be someone else), and the request that waits for a case-permission holder's approval. Used by the
 * administration services in the caller's transaction.
 */
import type { Tx } from '../platform/db/transaction.ts';
import type { Actor } from './approval-rules.ts';
import { casePermissionsOfRoles } from './approval-rules.ts';
import * as approvals from './approval-store.ts';

/** The actor of a transaction: the operator, the signed-in user, or the calling token. */
export function actorOf(tx: Tx): Actor {
  const context = tx.context;
  if (context.purpose === 'system') return { kind: 'system' };
  if (context.userId) return { kind: 'user', userId: context.userId, label: context.actorLabel };
  if (context.principalKey.startsWith('token:')) {
    return {
      kind: 'token',
      tokenId: context.principalKey.slice('token:'.length),
      label: context.actorLabel,
      permissions: new Set(context.permissions),
    };
  }
  throw new Error('administration needs a user, a token or the operator');
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : actor.label;
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

/**
 * Makes `pending` the roles the user waits for, in `agencyId`: an identical waiting request is kept (its
 * date and requester stand), any other is withdrawn, and a new one is made if anything waits.
 */
export async function replaceRoleRequest(
  tx: Tx,
  actor: Actor,
  r: {
    userId: string;
    agencyId: string;
    pending: readonly string[];
    cause: approvals.RequestCause;
    waiting: approvals.PendingRoles | undefined;
  },
): Promise<void> {
  const { waiting } = r;
  if (waiting && waiting.agency_id === r.agencyId && sameRoles(waiting.roles, r.pending)) return;
  if (waiting) await approvals.withdrawPending(tx, { userId: r.userId });
  if (r.pending.length === 0) return;
  await approvals.insertRequest(tx, {
    kind: 'ROLES',
    agencyId: r.agencyId,
    userId: r.userId,
    tokenId: null,
    roles: r.pending,
    permissions: casePermissionsOfRoles(r.pending),
    cause: r.cause,
    requestedByUserId: actorUserId(actor),
    requestedByLabel: actorLabel(actor),
  });
}

export async function requestTokenApproval(
  tx: Tx,
  actor: Actor,
  t: { tokenId: string; agencyId: string; permissions: readonly string[] },
): Promise<void> {
  await approvals.insertRequest(tx, {
    kind: 'TOKEN',
    agencyId: t.agencyId,
    userId: null,
    tokenId: t.tokenId,
    roles: [],
    permissions: t.permissions,
    cause: 'GRANT',
    requestedByUserId: actorUserId(actor),
    requestedByLabel: actorLabel(actor),
  });
}
