/** API tokens for partner systems: issued, asked for (when they hold a case permission), revoked. */
import { casePermissionsIn } from '../platform/access/permissions.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { TOKEN_PREFIX } from '../platform/auth/authenticate.ts';
import { randomToken, sha256 } from '../platform/auth/secrets.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { tokenAgencyErrors } from './approval-rules.ts';
import * as approvals from './approval-store.ts';
import { AUDIT } from './audit-actions.ts';
import { actorOf, requestTokenApproval } from './grants.ts';
import { type TokenInput, validateToken } from './rules.ts';
import * as store from './store.ts';

export type TokenOutcome =
  | { id: string; pending: false; secret: string; expiresAt: Date }
  | { id: string; pending: true; secret: null; expiresAt: Date };

/**
 * Issues a token, or asks for it: a token holding a case permission is made without a secret and waits for
 * a case-permission holder of its agency, who is shown the secret when approving (SECURITY 25). The
 * administrator who asked never sees it.
 */
export async function requestToken(
  tx: Tx,
  input: TokenInput,
  createdBy: string | null,
): Promise<TokenOutcome> {
  const actor = actorOf(tx);
  const errors = validateToken(input);
  if (errors.length) throw new ValidationError(errors);
  const agency = await store.findAgency(tx, input.agencyId);
  if (!agency) throw new ValidationError([{ field: 'agencyId', message: 'Select an agency from the list' }]);
  const agencyErrors = tokenAgencyErrors(input.permissions, agency.type);
  if (agencyErrors.length) throw new ValidationError(agencyErrors);
  const permissions = [...new Set(input.permissions)];
  const casePermissions = casePermissionsIn(permissions);
  const pending = actor.kind !== 'system' && casePermissions.length > 0;
  const secret = pending ? null : `${TOKEN_PREFIX}${randomToken(32)}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const token = await store.insertToken(tx, {
    name: input.name.trim(),
    agencyId: input.agencyId,
    permissions,
    tokenHash: secret ? sha256(secret) : null,
    prefix: secret ? secret.slice(0, 10) : null,
    approval: pending ? 'PENDING' : 'APPROVED',
    createdBy,
    expiresAt,
  });
  if (pending) {
    await requestTokenApproval(tx, actor, {
      tokenId: token.id,
      agencyId: input.agencyId,
      permissions: casePermissions,
    });
  }
  await appendAuditEvent(tx, {
    action: AUDIT.TOKEN_CREATE,
    subjectType: 'api_token',
    subjectId: token.id,
    details: {
      agencyId: input.agencyId,
      permissions,
      expiresAt: expiresAt.toISOString(),
      approval: pending ? 'PENDING' : 'APPROVED',
    },
  });
  // The secret is returned once and never stored: only its hash is kept.
  return secret
    ? { id: token.id, pending: false, secret, expiresAt }
    : { id: token.id, pending: true, secret: null, expiresAt };
}

/** Issues a token that needs no approval (or as the operator); refuses one that would wait. */
export async function issueToken(tx: Tx, input: TokenInput, createdBy: string | null) {
  const outcome = await requestToken(tx, input, createdBy);
  if (outcome.pending) throw new Error('a token with case permissions waits for approval: use requestToken');
  return outcome;
}

export async function revokeToken(tx: Tx, id: string) {
  const revoked = await store.revokeToken(tx, id);
  if (!revoked) throw new NotFoundError('That token does not exist or is already revoked');
  // A revoked token waiting for approval can no longer be approved.
  await approvals.withdrawPending(tx, { tokenId: id });
  await appendAuditEvent(tx, { action: AUDIT.TOKEN_REVOKE, subjectType: 'api_token', subjectId: id });
}
