/**
 * A suspect's or offender's monitoring profile (issue 17 item 1): ethnicity and nationality, each with "not
 * stated" and "refused to say", recorded by case workers who may open the person, audited; and how
 * complete the partnership's monitoring is over the people the reader may see. Nothing here feeds the
 * priority score.
 */
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { isCode } from '../platform/codes/code-list.ts';
import { NATIONALITIES } from '../platform/codes/nationalities.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { type FieldError, ValidationError } from '../platform/http/errors.ts';
import { PROFILE_ETHNICITIES } from './codes.ts';
import * as profileStore from './profile-store.ts';
import { openToRecord, recorderOf } from './service.ts';

export type { CompletenessRow, ProfileRow } from './profile-store.ts';

export interface ProfileForm {
  ethnicity: string;
  nationality: string;
}

export function profileFormFrom(body: unknown): ProfileForm {
  return {
    ethnicity: formText(body, 'ethnicity', 40).trim(),
    nationality: formText(body, 'nationality', 40).trim(),
  };
}

/** Pure: an answer of each list ("not stated" and "refused to say" are answers). */
export function profileErrors(form: ProfileForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCode(PROFILE_ETHNICITIES, form.ethnicity))
    errors.push({ field: 'ethnicity', message: 'Select the ethnicity, or "Not stated" or "Refused to say"' });
  if (!isCode(NATIONALITIES, form.nationality))
    errors.push({
      field: 'nationality',
      message: 'Select the nationality, or "Stateless", "Not stated" or "Refused to say"',
    });
  return errors;
}

/** The person, and what the form starts with: the latest answers, else the suspect referral's ethnicity. */
export async function openProfileForm(tx: Tx, principal: Principal, personId: string) {
  const { person } = await openToRecord(tx, principal, personId);
  const latest = await profileStore.latestProfileOf(tx, personId);
  const form: ProfileForm = latest
    ? { ethnicity: latest.ethnicity, nationality: latest.nationality }
    : { ethnicity: (await profileStore.referredEthnicityOf(tx, personId)) ?? '', nationality: '' };
  return { person, form };
}

export async function recordProfile(
  tx: Tx,
  principal: Principal,
  personId: string,
  form: ProfileForm,
  justification: string | null = null,
) {
  // A restricted person's case team records with a reason, checked with the form's own fields.
  const opened = await openToRecord(tx, principal, personId, justification);
  const errors = [...profileErrors(form), ...opened.reasonErrors];
  if (errors.length) throw new ValidationError(errors);
  await profileStore.insertProfile(tx, personId, form.ethnicity, form.nationality, recorderOf(principal));
  // The answers themselves stay out of the audit trail (special category data; the trail is kept longer).
  await appendAuditEvent(tx, {
    action: 'PURSUE_PROFILE_RECORD',
    subjectType: 'person',
    subjectId: personId,
    justification: opened.justification,
  });
}

/** The latest answers for the register (the caller has opened the person). */
export function profileOf(tx: Tx, personId: string) {
  return profileStore.latestProfileOf(tx, personId);
}

export function monitoringCompleteness(tx: Tx) {
  return profileStore.completeness(tx);
}
