/**
 * Administration use-cases. Each validates, writes and audits in the caller's transaction, so a failure
 * anywhere leaves nothing behind. Administrators manage accounts and reference data; nothing here reads
 * case data, and nothing here gives a case permission without a case-permission holder's approval
 * (user-service.ts, token-service.ts, approval-service.ts).
 */
import { appendAuditEvent } from '../platform/audit/store.ts';
import { areaCode } from '../platform/codes/areas.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { AUDIT } from './audit-actions.ts';
import { type AgencyInput, type TeamInput, validateAgency, validateTeam } from './rules.ts';
import { blankToNull, takenOr } from './service-support.ts';
import * as store from './store.ts';

export { AUDIT } from './audit-actions.ts';
export { issueToken, requestToken, revokeToken, type TokenOutcome } from './token-service.ts';
export { createUser, resetTotp, setDisabled, updateUser } from './user-service.ts';

export async function createAgency(tx: Tx, input: AgencyInput) {
  const errors = validateAgency(input);
  if (errors.length) throw new ValidationError(errors);
  try {
    const agency = await store.insertAgency(tx, {
      code: input.code.trim(),
      name: input.name.trim(),
      type: input.type,
      area: blankToNull(areaCode(input.area ?? '')),
      researchContact: blankToNull(input.researchContact),
      providesReturnInterviews: input.providesReturnInterviews === true,
    });
    await appendAuditEvent(tx, { action: AUDIT.AGENCY_CREATE, subjectType: 'agency', subjectId: agency.id });
    return agency;
  } catch (error) {
    throw takenOr(error, 'code', 'An agency with that code or name already exists');
  }
}

export async function updateAgency(tx: Tx, id: string, input: AgencyInput) {
  const errors = validateAgency(input);
  if (errors.length) throw new ValidationError(errors);
  try {
    const agency = await store.updateAgency(tx, id, {
      name: input.name.trim(),
      type: input.type,
      area: blankToNull(areaCode(input.area ?? '')),
      researchContact: input.researchContact === undefined ? undefined : blankToNull(input.researchContact),
      providesReturnInterviews: input.providesReturnInterviews,
    });
    if (!agency) throw new NotFoundError();
    await appendAuditEvent(tx, { action: AUDIT.AGENCY_UPDATE, subjectType: 'agency', subjectId: id });
    return agency;
  } catch (error) {
    throw takenOr(error, 'name', 'An agency with that name already exists');
  }
}

export async function createTeam(tx: Tx, input: TeamInput) {
  const errors = validateTeam(input);
  if (errors.length) throw new ValidationError(errors);
  if (!(await store.findAgency(tx, input.agencyId))) {
    throw new ValidationError([{ field: 'agencyId', message: 'Select an agency from the list' }]);
  }
  try {
    const team = await store.insertTeam(tx, {
      agencyId: input.agencyId,
      name: input.name.trim(),
      area: blankToNull(areaCode(input.area ?? '')),
    });
    await appendAuditEvent(tx, { action: AUDIT.TEAM_CREATE, subjectType: 'team', subjectId: team.id });
    return team;
  } catch (error) {
    throw takenOr(error, 'name', 'That agency already has a team with that name');
  }
}

export { store };
