/**
 * An imported past suspect or offender referral (decision 0026): what a row carries and its checks, each
 * naming its field. Pure. A linked child is a Lantern person, or the child of a victim referral imported from
 * the same system, named by that referral's source reference (resolved when the row is written).
 */
import { validatePersonDetails } from '../people/rules.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { londonInstant, MAX_SOURCE_REFERENCE } from './import-rules.ts';
import { type PersonRef, type SuspectReferralInput, validateSuspectReferral } from './rules.ts';

export interface SuspectLinkRow {
  personId?: string | null;
  /** The source reference of a victim referral imported from the same system: its child. */
  victimReference?: string | null;
  linkType: string;
  note?: string | null;
}

export interface SuspectImportRow {
  sourceReference: string;
  receivedAt: string;
  /** The hub area; the importing agency's own area when absent. */
  area?: string | null;
  division?: string | null;
  referrer: { name: string };
  status: string;
  role: string;
  source: string;
  suspect: PersonRef;
  linkedChildren?: SuspectLinkRow[] | null;
  notes?: string | null;
}

/** Stands in for a link's child until its victim reference is resolved: only the id's form is checked here. */
const TO_BE_RESOLVED = '00000000-0000-4000-8000-000000000000';

export function suspectInputOf(row: SuspectImportRow, area: string | null): SuspectReferralInput {
  return {
    referrer: row.referrer,
    receivedAt: row.receivedAt,
    suspect: row.suspect,
    status: row.status,
    role: row.role,
    source: row.source,
    division: row.division ?? null,
    area,
    linkedChildren: (row.linkedChildren ?? []).map((l) => ({
      personId: l.personId || (l.victimReference ? TO_BE_RESOLVED : ''),
      linkType: l.linkType,
      note: l.note ?? null,
    })),
    notes: row.notes ?? null,
  };
}

export function withSuspectInstants(row: SuspectImportRow): SuspectImportRow {
  return { ...row, receivedAt: londonInstant(row.receivedAt) as string };
}

export function validateSuspectImportRow(row: SuspectImportRow, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const ref = (row.sourceReference ?? '').trim();
  if (!ref || ref.length > MAX_SOURCE_REFERENCE)
    errors.push({
      field: 'sourceReference',
      message: `Give the source system’s reference, up to ${MAX_SOURCE_REFERENCE} characters`,
    });
  errors.push(...validateSuspectReferral(suspectInputOf(row, null), now));
  (row.linkedChildren ?? []).forEach((link, i) => {
    if (link.personId && link.victimReference)
      errors.push({
        field: `linkedChildren[${i}].victimReference`,
        message: 'Name the child by a person id or by an imported referral, not both',
      });
  });
  if (row.suspect?.details)
    errors.push(
      ...validatePersonDetails(row.suspect.details, { role: 'SUSPECT', now, prefix: 'suspect' }).errors,
    );
  return errors;
}
