/**
 * The checks on an episode as entered (form, API or import row) that the pure rules in episode.ts leave to
 * the caller: where the child went missing from, who reported it, lengths, and the return's details. Every
 * entry path runs `validateEpisodeInput`, which also runs `validateMissingEpisode`, so the rules are the same
 * whichever way an episode arrives.
 */
import type { FieldError } from '../platform/http/errors.ts';
import { fromLocalDateTime } from '../platform/time/zoned-time.ts';
import { FROM_KINDS } from './codes.ts';
import { validateMissingEpisode } from './episode.ts';
import type { NewEpisode } from './store.ts';

export interface PersonFoundWith {
  /** A person the caller may see, picked from a search by name. */
  personId?: string | null;
  /** Or someone not yet known, recorded as a new person under the caller's agency. */
  newPerson?: { forename: string; surname: string } | null;
  relation: string;
}

export interface ReturnInput {
  returnedAt: Date | string;
  foundWhere?: string | null;
  foundPostcode?: string | null;
  withPeople?: readonly PersonFoundWith[] | null;
}

export interface EpisodeInput {
  personId: string;
  type: string;
  from: {
    kind: string;
    placementId?: string | null;
    placementCode?: string | null;
    postcode?: string | null;
  };
  reportedAt: Date | string;
  /** Who reported the child missing to the agency that took the report (e.g. "Residential staff"). */
  reportedBy: string;
  reporterName?: string | null;
  lastSeenAt?: Date | string | null;
  riskGrade: string;
  circumstances?: string | null;
  exploitationSuspected: boolean;
  area?: string | null;
  /** The police report number, unique per reporting agency. */
  externalRef?: string | null;
  returned?: ReturnInput | null;
}

/**
 * A date from an API string, a form or a CSV cell; anything unreadable is an Invalid Date the rules name.
 * A time without a zone (`2026-05-01 21:30`) is London wall-clock time; a bare date is midnight in London.
 */
export function toDate(value: Date | string | null | undefined): Date | null {
  if (value == null || value === '') return null;
  if (value instanceof Date) return value;
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      value.trim(),
    );
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h = '0', mi = '0', sec = '0', , zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return new Date(Number.NaN);
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return new Date(Number.NaN);
  if (zone) return new Date(value.trim().replace(' ', 'T'));
  return fromLocalDateTime({ year, month, day }, ((Number(h) * 60 + Number(mi)) * 60 + Number(sec)) * 1000);
}

export function blank(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** What an entry path knows of an episode beyond its input: whose it is, where it is held, who records it. */
export interface EpisodeRecording {
  personId: string;
  placement: { id: string; postcode: string | null } | null;
  area: string;
  reportedByAgencyId: string;
  recordedByUser: string | null;
  recordedByLabel: string;
  externalRef: string | null;
}

/** The episode row a valid input makes, the same whichever way it arrived (form, API or import row). */
export function newEpisodeOf(input: EpisodeInput, recording: EpisodeRecording): NewEpisode {
  const { placement } = recording;
  return {
    personId: recording.personId,
    type: input.type,
    fromKind: input.from.kind,
    placementId: placement?.id ?? null,
    fromPostcode: blank(input.from.postcode)?.toUpperCase() ?? placement?.postcode ?? null,
    reportedAt: toDate(input.reportedAt)!,
    reportedByAgencyId: recording.reportedByAgencyId,
    reportedByLabel: input.reportedBy.trim(),
    reporterName: blank(input.reporterName),
    recordedByUser: recording.recordedByUser,
    recordedByLabel: recording.recordedByLabel,
    lastSeenAt: toDate(input.lastSeenAt ?? null),
    returnedAt: input.returned ? toDate(input.returned.returnedAt) : null,
    foundWhere: blank(input.returned?.foundWhere),
    foundPostcode: blank(input.returned?.foundPostcode)?.toUpperCase() ?? null,
    circumstances: blank(input.circumstances),
    exploitationSuspected: input.exploitationSuspected,
    riskGrade: input.riskGrade,
    area: recording.area,
    externalRef: recording.externalRef,
  };
}

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;
const MAX = {
  reportedBy: 200,
  reporterName: 200,
  circumstances: 10_000,
  foundWhere: 500,
  externalRef: 60,
  relation: 200,
};

function tooLong(field: string, value: string | null | undefined, max: number): FieldError[] {
  return value != null && value.length > max
    ? [{ field, code: 'TOO_LONG', message: `Enter ${max} characters or fewer` }]
    : [];
}

function postcodeErrors(field: string, value: string | null | undefined): FieldError[] {
  const v = blank(value);
  if (v && !POSTCODE.test(v))
    return [{ field, code: 'INVALID_POSTCODE', message: 'Enter a real postcode, like BB1 5AY' }];
  return [];
}

/** The return's own checks (the order of times is the rules' job). */
export function validateReturnDetails(r: ReturnInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const f = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (!blank(r.foundWhere)) {
    errors.push({
      field: f('foundWhere'),
      code: 'REQUIRED',
      message: 'Say where the child was found or returned to',
    });
  }
  errors.push(...tooLong(f('foundWhere'), r.foundWhere, MAX.foundWhere));
  errors.push(...postcodeErrors(f('foundPostcode'), r.foundPostcode));
  const seen = new Set<string>();
  for (const [i, p] of (r.withPeople ?? []).entries()) {
    if (p.personId && seen.has(p.personId)) {
      errors.push({
        field: f(`withPeople.${i}.personId`),
        code: 'DUPLICATE',
        message: 'Name each person once',
      });
    }
    if (p.personId) seen.add(p.personId);
    if (!blank(p.relation)) {
      errors.push({
        field: f(`withPeople.${i}.relation`),
        code: 'REQUIRED',
        message: 'Say who the person is to the child (for example a friend, or a suspect)',
      });
    }
    errors.push(...tooLong(f(`withPeople.${i}.relation`), p.relation, MAX.relation));
  }
  return errors;
}

/** Every check on a new episode; empty when it may be saved (lookups of child and placement aside). */
export function validateEpisodeInput(input: EpisodeInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const reportedAt = toDate(input.reportedAt) ?? new Date(Number.NaN);
  errors.push(
    ...validateMissingEpisode(
      {
        type: input.type,
        reportedAt,
        lastSeenAt: toDate(input.lastSeenAt ?? null),
        returnedAt: input.returned ? (toDate(input.returned.returnedAt) ?? new Date(Number.NaN)) : null,
        riskGrade: input.riskGrade,
      },
      now,
    ),
  );
  const kind = input.from?.kind;
  if (!(FROM_KINDS as readonly string[]).includes(kind)) {
    errors.push({
      field: 'from.kind',
      code: 'UNKNOWN_FROM',
      message: `Choose where the child went missing from: ${FROM_KINDS.join(', ')}`,
    });
  } else if (kind === 'PLACEMENT' && !blank(input.from.placementId) && !blank(input.from.placementCode)) {
    errors.push({ field: 'from.placement', code: 'REQUIRED', message: 'Choose the placement' });
  } else if (kind !== 'PLACEMENT' && (blank(input.from.placementId) || blank(input.from.placementCode))) {
    errors.push({
      field: 'from.placement',
      code: 'NOT_A_PLACEMENT',
      message: 'A placement is given only when the child went missing from a placement',
    });
  }
  errors.push(...postcodeErrors('from.postcode', input.from?.postcode));
  if (!blank(input.reportedBy)) {
    errors.push({ field: 'reportedBy', code: 'REQUIRED', message: 'Say who reported the child missing' });
  }
  errors.push(...tooLong('reportedBy', input.reportedBy, MAX.reportedBy));
  errors.push(...tooLong('reporterName', input.reporterName, MAX.reporterName));
  errors.push(...tooLong('circumstances', input.circumstances, MAX.circumstances));
  errors.push(...tooLong('externalRef', input.externalRef, MAX.externalRef));
  if (typeof input.exploitationSuspected !== 'boolean') {
    errors.push({
      field: 'exploitationSuspected',
      code: 'REQUIRED',
      message: 'Say whether exploitation is suspected',
    });
  }
  if (input.returned) errors.push(...validateReturnDetails(input.returned, 'returned'));
  return errors;
}
