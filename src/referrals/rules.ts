/**
 * Victim and suspect referrals as submitted: validation of everything except the people in them (see
 * people/rules.ts), each problem naming its field. Pure: `now` is a parameter.
 */
import type { PersonDetails } from '../people/rules.ts';
import { isCode } from '../platform/codes/code-list.ts';
import {
  CSE_INDICATORS,
  SUSPECT_LINK_TYPES,
  SUSPECT_REFERRAL_SOURCES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
} from '../platform/codes/referral.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { isUuid } from '../platform/ids.ts';
import { validatePageFields } from './field-kinds.ts';
import type { FieldInput } from './fields.ts';

/** A person on a referral: one already in the registry (by id), or new details, or both. */
export interface PersonRef {
  personId?: string | null;
  details?: PersonDetails | null;
  /**
   * The practitioner looked at the known people who matched and said this is none of them: the record is
   * never joined to anyone automatically (likely matches still go to the hub's reviewers).
   */
  newPerson?: boolean | null;
}

export interface LinkedPersonRef extends PersonRef {
  relationship?: string | null;
}

export interface PlaceInput {
  description: string;
  postcode?: string | null;
}

/** The referral as submitted: the simple fields of fields.ts, and the people, lists and times here. */
export interface VictimReferralInput extends FieldInput {
  referrer: { name: string; role?: string | null; contact?: string | null };
  /** When the referrer noticed (or was told of) the concern: kept and shown, never the MASH clock. */
  concernNoticedAt: string;
  /**
   * A partner system's own time of receipt, when it imports a referral it received earlier: recorded
   * separately; the clock still starts when Lantern receives the referral (decision 0014).
   */
  originalReceivedAt?: string | null;
  child: PersonRef;
  indicators: string[];
  suspects: LinkedPersonRef[];
  associates: LinkedPersonRef[];
  placesOfConcern: PlaceInput[];
}

export interface ChildLinkInput {
  personId: string;
  linkType: string;
  note?: string | null;
}

export interface SuspectReferralInput {
  referrer: { name: string };
  receivedAt: string;
  suspect: PersonRef;
  status: string;
  role: string;
  source: string;
  division?: string | null;
  area?: string | null;
  linkedChildren: ChildLinkInput[];
  notes?: string | null;
}

function text(value: string | null | undefined): string {
  return (value ?? '').trim();
}

/** Received at: a real instant, not in the future (five minutes' grace for clock drift). */
export function validateReceivedAt(value: string, now: Date, errors: FieldError[]): void {
  const at = new Date(value);
  if (!value || Number.isNaN(at.getTime())) {
    errors.push({ field: 'receivedAt', message: 'Enter when the referral was received, as a date and time' });
  } else if (at.getTime() > now.getTime() + 5 * 60_000) {
    errors.push({ field: 'receivedAt', message: 'The date and time received must not be in the future' });
  } else if (at.getTime() < now.getTime() - 5 * 365 * 86_400_000) {
    errors.push({ field: 'receivedAt', message: 'The date received must be within the last 5 years' });
  }
}

/** The concern noticed: a real instant, not in the future, within five years. */
export function validateConcernNoticedAt(value: string, now: Date, errors: FieldError[]): void {
  const at = new Date(value);
  const field = 'concernNoticedAt';
  if (!value || Number.isNaN(at.getTime())) {
    errors.push({ field, message: 'Enter when the concern was noticed, as a date and time' });
  } else if (at.getTime() > now.getTime() + 5 * 60_000) {
    errors.push({ field, message: 'The date and time the concern was noticed must not be in the future' });
  } else if (at.getTime() < now.getTime() - 5 * 365 * 86_400_000) {
    errors.push({ field, message: 'The date the concern was noticed must be within the last 5 years' });
  }
}

/** A partner system's original receipt time, when given: a real instant, not in the future. */
function validateOriginalReceivedAt(value: string | null | undefined, now: Date, errors: FieldError[]): void {
  if (value === null || value === undefined || value === '') return;
  const at = new Date(value);
  const field = 'originalReceivedAt';
  if (Number.isNaN(at.getTime()))
    errors.push({
      field,
      message: 'Enter when the partner system received the referral, as a date and time',
    });
  else if (at.getTime() > now.getTime() + 5 * 60_000)
    errors.push({ field, message: 'The original date and time received must not be in the future' });
}

function validatePersonRef(ref: PersonRef | undefined, field: string, errors: FieldError[]): void {
  if (!ref || (!ref.personId && !ref.details)) {
    errors.push({ field, message: 'Choose a person already known or enter their details' });
    return;
  }
  if (ref.personId && !isUuid(ref.personId))
    errors.push({ field: `${field}.personId`, message: 'Choose a person from the search results' });
}

function code(
  list: Parameters<typeof isCode>[0],
  value: string,
  field: string,
  message: string,
  errors: FieldError[],
) {
  if (!isCode(list, value)) errors.push({ field, message });
}

export function validateVictimReferral(input: VictimReferralInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(input.referrer?.name);
  if (!name)
    errors.push({
      field: 'referrer.name',
      message: 'Enter the name of the practitioner making the referral',
    });
  else if (name.length > 200)
    errors.push({ field: 'referrer.name', message: 'Name must be 200 characters or fewer' });
  if (text(input.referrer?.role).length > 200)
    errors.push({ field: 'referrer.role', message: 'Role must be 200 characters or fewer' });
  if (text(input.referrer?.contact).length > 200)
    errors.push({ field: 'referrer.contact', message: 'Contact details must be 200 characters or fewer' });
  validatePageFields(input, 'referrer', errors);
  validateConcernNoticedAt(input.concernNoticedAt, now, errors);
  validateOriginalReceivedAt(input.originalReceivedAt, now, errors);
  validatePersonRef(input.child, 'child', errors);
  validatePageFields(input, 'exploitation', errors);
  validatePageFields(input, 'concerns', errors);
  if (!Array.isArray(input.indicators))
    errors.push({ field: 'indicators', message: 'Select the indicators observed' });
  else {
    const unknown = input.indicators.find((i) => !isCode(CSE_INDICATORS, i));
    if (unknown !== undefined)
      errors.push({
        field: 'indicators',
        message: `"${String(unknown).slice(0, 40)}" is not an indicator on the list`,
      });
  }
  validatePageFields(input, 'model', errors);
  for (const [list, field] of [
    [input.suspects, 'suspects'],
    [input.associates, 'associates'],
  ] as const) {
    if (!Array.isArray(list) || list.length > 20) {
      errors.push({ field, message: `Name up to 20 ${field}` });
      continue;
    }
    list.forEach((ref, i) => {
      validatePersonRef(ref, `${field}[${i}]`, errors);
      if (text(ref.relationship).length > 200)
        errors.push({
          field: `${field}[${i}].relationship`,
          message: 'Relationship must be 200 characters or fewer',
        });
    });
  }
  if (!Array.isArray(input.placesOfConcern) || input.placesOfConcern.length > 20) {
    errors.push({ field: 'placesOfConcern', message: 'Name up to 20 places of concern' });
  } else {
    input.placesOfConcern.forEach((place, i) => {
      const description = text(place.description);
      if (!description || description.length > 500) {
        errors.push({
          field: `placesOfConcern[${i}].description`,
          message: 'Describe the place in up to 500 characters',
        });
      }
    });
  }
  validatePageFields(input, 'consent', errors);
  // Across fields: not seeking consent needs a reason.
  if (input.consent === 'NOT_SOUGHT' && !text(input.consentNote)) {
    errors.push({
      field: 'consentNote',
      message: 'Explain why consent was not sought (for example, it would place the child at greater risk)',
    });
  }
  validatePageFields(input, 'urgency', errors);
  return errors;
}

export function validateSuspectReferral(input: SuspectReferralInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(input.referrer?.name);
  if (!name || name.length > 200)
    errors.push({
      field: 'referrer.name',
      message: 'Enter the name of the practitioner making the referral',
    });
  validateReceivedAt(input.receivedAt, now, errors);
  validatePersonRef(input.suspect, 'suspect', errors);
  code(SUSPECT_STATUSES, input.status, 'status', 'Select suspect or offender', errors);
  code(SUSPECT_ROLES, input.role, 'role', 'Select the suspect’s role', errors);
  code(SUSPECT_REFERRAL_SOURCES, input.source, 'source', 'Select where the referral came from', errors);
  if (input.division && !/^[A-Z][A-Z_]{1,29}$/.test(input.division)) {
    errors.push({ field: 'division', message: 'Select a police division from the list' });
  }
  if (!Array.isArray(input.linkedChildren) || input.linkedChildren.length > 50) {
    errors.push({ field: 'linkedChildren', message: 'Link up to 50 children' });
  } else {
    input.linkedChildren.forEach((link, i) => {
      if (!isUuid(link.personId))
        errors.push({
          field: `linkedChildren[${i}].personId`,
          message: 'Choose the child from the search results',
        });
      code(
        SUSPECT_LINK_TYPES,
        link.linkType,
        `linkedChildren[${i}].linkType`,
        'Select how the suspect is linked to the child',
        errors,
      );
      if (text(link.note).length > 500)
        errors.push({ field: `linkedChildren[${i}].note`, message: 'Note must be 500 characters or fewer' });
    });
  }
  if (text(input.notes).length > 10_000)
    errors.push({ field: 'notes', message: 'Notes must be 10,000 characters or fewer' });
  return errors;
}
