/**
 * Deciding requests for case permissions (SECURITY 25). Who may approve is the policy module's decision
 * (decideApproval); this loads its facts, refuses (audited, as ACCESS_DENIED) whoever may not, and applies
 * an approval in the approver's transaction with its audit event: the roles take effect, or the token gets
 * its secret, shown once to the approver.
 */
import { isPermission, type Permission, permissionsOf } from '../platform/access/permissions.ts';
import { type ApprovalRequest, decideApproval } from '../platform/access/policy.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { TOKEN_PREFIX } from '../platform/auth/authenticate.ts';
import { randomToken, sha256 } from '../platform/auth/secrets.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { type DecisionInput, validateDecision } from './approval-rules.ts';
import * as approvals from './approval-store.ts';
import { AUDIT } from './audit-actions.ts';

/** The facts the policy needs about a request: its agency's areas, and whether a colleague could approve. */
async function requestFacts(tx: Tx, row: approvals.AccessRequestRow): Promise<ApprovalRequest> {
  const permissions = row.permissions.filter(isPermission);
  const members = await approvals.activeMembers(tx, row.agency_id);
  const agencyHasApprover = members.some((m) => {
    if (m.id === row.requested_by_user_id || m.id === row.user_id) return false;
    const held = permissionsOf(m.roles);
    return permissions.every((p) => held.has(p));
  });
  return {
    agencyId: row.agency_id,
    permissions,
    requestedBy: row.requested_by_user_id,
    subjectUserId: row.user_id,
    agencyAreas: await approvals.agencyAreas(tx, row.agency_id),
    agencyHasApprover,
  };
}

async function decisionFor(tx: Tx, principal: Principal, row: approvals.AccessRequestRow) {
  const approverAreas = principal.agencyId ? await approvals.agencyAreas(tx, principal.agencyId) : [];
  return decideApproval(principal, await requestFacts(tx, row), approverAreas);
}

/** The requests waiting for this person's decision, oldest first. */
export async function listApprovable(tx: Tx, principal: Principal): Promise<approvals.AccessRequestRow[]> {
  const pending = await approvals.listPendingRequests(tx);
  const mine: approvals.AccessRequestRow[] = [];
  for (const row of pending) if ((await decisionFor(tx, principal, row)).allowed) mine.push(row);
  return mine;
}

/** One waiting request this person may decide; anyone else is refused as for a record out of scope. */
export async function openRequest(
  tx: Tx,
  principal: Principal,
  id: string,
  lock = false,
): Promise<{ row: approvals.AccessRequestRow; basis: string }> {
  const row = await approvals.findRequest(tx, id, lock);
  if (row?.status !== 'PENDING') throw new NotFoundError();
  const decision = await decisionFor(tx, principal, row);
  if (!decision.allowed) throw new AccessDeniedError('access_request', id, decision.reason);
  return { row, basis: decision.basis };
}

export interface DecisionOutcome {
  request: approvals.AccessRequestRow;
  decision: 'APPROVE' | 'REJECT';
  /** For an approved token: its secret, to show once. */
  secret: string | null;
  expiresAt: Date | null;
}

/**
 * Approves or rejects. `principal` is the approver; `null` is the service operator (the CLI), who is trusted
 * as they can read the database anyway, and who approves a new partnership's very first case roles.
 */
export async function decide(
  tx: Tx,
  principal: Principal | null,
  id: string,
  input: DecisionInput,
): Promise<DecisionOutcome> {
  const errors = validateDecision(input);
  // Who may decide is settled before what they sent is checked, so a refusal is never a form error.
  const opened = principal
    ? await openRequest(tx, principal, id, true)
    : { row: await approvals.findRequest(tx, id, true), basis: 'OPERATOR' };
  const request = opened.row;
  if (request?.status !== 'PENDING') throw new NotFoundError();
  if (errors.length) throw new ValidationError(errors);
  const approve = input.decision === 'APPROVE';
  const reason = input.reason.trim();
  await approvals.decideRequest(tx, id, {
    status: approve ? 'APPROVED' : 'REJECTED',
    byUserId: principal?.userId ?? null,
    byLabel: principal?.label ?? 'system',
    reason,
  });
  let secret: string | null = null;
  let expiresAt: Date | null = null;
  if (request.kind === 'ROLES' && approve) {
    const current = await approvals.currentRoles(tx, request.user_id!);
    await approvals.setRoles(tx, request.user_id!, [...new Set([...current, ...request.roles])]);
  } else if (request.kind === 'TOKEN' && approve) {
    secret = `${TOKEN_PREFIX}${randomToken(32)}`;
    expiresAt = await approvals.activateToken(tx, request.token_id!, sha256(secret), secret.slice(0, 10));
  } else if (request.kind === 'TOKEN') {
    await approvals.rejectToken(tx, request.token_id!);
  }
  await appendAuditEvent(tx, {
    action: approve ? AUDIT.ACCESS_APPROVE : AUDIT.ACCESS_REJECT,
    subjectType: request.kind === 'ROLES' ? 'user' : 'api_token',
    subjectId: request.user_id ?? request.token_id,
    justification: reason,
    details: {
      request: id,
      agencyId: request.agency_id,
      roles: request.roles,
      permissions: request.permissions as Permission[],
      requestedBy: request.requested_by_user_id ?? request.requested_by_label,
      basis: opened.basis,
    },
  });
  return { request, decision: approve ? 'APPROVE' : 'REJECT', secret, expiresAt };
}
