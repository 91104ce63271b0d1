/**
 * An import of history, row by row (decision 0026): what one past victim referral carries, how it becomes
 * the input a live referral has, its checks (each naming its field) and its fingerprint. Pure.
 */
import { type PastOutcomeInput, validatePastOutcome } from '../mash/history-rules.ts';
import { validatePersonDetails } from '../people/rules.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { fingerprint } from '../platform/text/fingerprint.ts';
import { fromLocalDateTime } from '../platform/time/zoned-time.ts';
import type { FieldInput } from './fields.ts';
import {
  type PersonRef,
  type VictimReferralInput,
  validateReceivedAt,
  validateVictimReferral,
} from './rules.ts';

/** One past referral: the referral API's fields, when it was received, and optionally its MASH outcome. */
export type ImportRow = FieldInput & {
  /** The source system's own reference for the referral: the key that makes a re-run change nothing. */
  sourceReference: string;
  /** When the hub received it: the MASH clock of the past referral. */
  receivedAt: string;
  /** The hub area that handled it; without one, routed by the child's home postcode as a live referral. */
  area?: string | null;
  division?: string | null;
  /** When the referrer noticed the concern; the time received when not kept. */
  concernNoticedAt?: string | null;
  referrer: { name: string; role?: string | null; contact?: string | null };
  indicators?: string[] | null;
  child: PersonRef;
  outcome?: PastOutcomeInput | null;
};

export const MAX_SOURCE_REFERENCE = 100;
export const MAX_SYSTEM_NAME = 100;

const TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A time as a past system exports it, as an ISO instant: with a zone as given; without one, London wall-clock
 * time (a bare date is midnight in London). Anything unreadable is returned unchanged for the rules to name.
 */
export function londonInstant(value: string | null | undefined): string | null | undefined {
  if (typeof value !== 'string' || !value.trim()) return value;
  const m = TIME.exec(value.trim());
  if (!m) return value;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', , zone] = m;
  const date = { year: Number(y), month: Number(mo), day: Number(d) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day) return value;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return value;
  const at = zone
    ? new Date(value.trim().replace(' ', 'T'))
    : fromLocalDateTime(date, ((Number(h) * 60 + Number(mi)) * 60 + Number(sec)) * 1000);
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/** The row with its times as instants (londonInstant), as it is checked, fingerprinted and stored. */
export function withInstants(row: ImportRow): ImportRow {
  return {
    ...row,
    receivedAt: londonInstant(row.receivedAt) as string,
    ...(row.concernNoticedAt ? { concernNoticedAt: londonInstant(row.concernNoticedAt) } : {}),
    ...(row.outcome
      ? { outcome: { ...row.outcome, decidedAt: londonInstant(row.outcome.decidedAt) as string } }
      : {}),
  };
}

/** The row as the referral rules read it: people and places a past system seldom kept are empty. */
export function victimInputOf(row: ImportRow): VictimReferralInput {
  const { sourceReference, receivedAt, area, division, outcome, indicators, concernNoticedAt, ...rest } = row;
  return {
    ...rest,
    concernNoticedAt: concernNoticedAt || receivedAt,
    originalReceivedAt: null,
    indicators: indicators ?? [],
    suspects: [],
    associates: [],
    placesOfConcern: [],
  };
}

/** Every problem of the row, each naming its field (the outcome's as `outcome.<field>`). */
export function validateImportRow(row: ImportRow, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const ref = (row.sourceReference ?? '').trim();
  if (!ref) errors.push({ field: 'sourceReference', message: 'Give the source system’s reference' });
  else if (ref.length > MAX_SOURCE_REFERENCE)
    errors.push({
      field: 'sourceReference',
      message: `The source reference must be ${MAX_SOURCE_REFERENCE} characters or fewer`,
    });
  validateReceivedAt(row.receivedAt, now, errors);
  errors.push(...validateVictimReferral(victimInputOf(row), now));
  // The child's details are checked again when the person is recorded; here so that a row lists all its problems.
  if (row.child?.details)
    errors.push(...validatePersonDetails(row.child.details, { role: 'CHILD', now, prefix: 'child' }).errors);
  const concernAt = new Date(row.concernNoticedAt || row.receivedAt);
  if (row.concernNoticedAt && concernAt.getTime() > new Date(row.receivedAt).getTime())
    errors.push({
      field: 'concernNoticedAt',
      message: 'The concern must have been noticed before the referral was received',
    });
  if (row.outcome) {
    for (const e of validatePastOutcome(row.outcome, new Date(row.receivedAt), now))
      errors.push({ field: `outcome.${e.field}`, message: e.message });
  }
  return errors;
}

/**
 * The row's fingerprint: a re-run of the same row matches it and changes nothing; a row whose reference is
 * known but whose content differs is reported as changed, never applied a second time.
 */
export function fingerprintOf(row: object): string {
  return fingerprint(row);
}
