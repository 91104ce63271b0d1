/**
 * What a briefing request may ask for (page, API, export and CLI alike): a period, a scope and a mode.
 * None of it is personal data, so it travels in the query string.
 */
import { datePartsEmpty, datePartsFrom, isoFromParts } from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { MODES, type Mode, type Scope } from './briefing.ts';
import { defaultPeriod, isIsoDate, type Period, periodDays, todayInUk } from './period.ts';

export interface BriefingRequest {
  period: Period;
  scope: Scope;
  mode: Mode;
}

export interface RawBriefingQuery {
  from?: unknown;
  to?: unknown;
  area?: unknown;
  division?: unknown;
  mode?: unknown;
}

export const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
/** The longest period a briefing covers (two years). */
export const MAX_DAYS = 731;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function parseBriefingQuery(
  query: RawBriefingQuery,
  today = todayInUk(),
): { request: BriefingRequest; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fallback = defaultPeriod(today);
  const from = text(query.from) || fallback.from;
  const to = text(query.to) || fallback.to;
  if (!isIsoDate(from))
    errors.push({ field: 'from', message: 'Enter a real start date, like 1 4 2026 (2026-04-01 in the API)' });
  if (!isIsoDate(to))
    errors.push({ field: 'to', message: 'Enter a real end date, like 30 9 2026 (2026-09-30 in the API)' });
  if (isIsoDate(from) && isIsoDate(to)) {
    if (to < from)
      errors.push({ field: 'to', message: 'The end date must be the same as or after the start date' });
    else if (periodDays({ from, to }) > MAX_DAYS)
      errors.push({ field: 'to', message: 'A briefing covers at most two years' });
  }
  const area = text(query.area).toUpperCase() || null;
  const division = text(query.division).toUpperCase() || null;
  if (area && !CODE.test(area)) errors.push({ field: 'area', message: 'Select an area from the list' });
  if (division && !CODE.test(division))
    errors.push({ field: 'division', message: 'Select a division from the list' });
  const modeText = text(query.mode) || 'published';
  const mode = (MODES as readonly string[]).includes(modeText) ? (modeText as Mode) : 'published';
  if (modeText !== mode) errors.push({ field: 'mode', message: 'Choose published or operational figures' });
  return {
    request: {
      period: errors.some((e) => e.field === 'from' || e.field === 'to') ? fallback : { from, to },
      scope: { area, division },
      mode,
    },
    errors,
  };
}

/**
 * The page's query with the GOV.UK date inputs' boxes (`from-day`, `from-month`, `from-year`, and `to-...`)
 * read into `from` and `to` as 'YYYY-MM-DD' ('invalid' when what was typed is no date).
 */
export function withTypedDates<Q extends RawBriefingQuery>(query: Q): Q {
  const out: Q = { ...query };
  for (const name of ['from', 'to'] as const) {
    const parts = datePartsFrom(query, name);
    if (!datePartsEmpty(parts)) out[name] = isoFromParts(parts);
  }
  return out;
}

/** The query string that asks for the same briefing (for links to exports and to other modes). */
export function queryStringOf(request: BriefingRequest, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  params.set('from', request.period.from);
  params.set('to', request.period.to);
  if (request.scope.area) params.set('area', request.scope.area);
  if (request.scope.division) params.set('division', request.scope.division);
  params.set('mode', request.mode);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

/** What the audit log records about a briefing request (no personal data). */
export function auditDetails(request: BriefingRequest, extra: Record<string, unknown> = {}) {
  return {
    report: 'briefing',
    from: request.period.from,
    to: request.period.to,
    area: request.scope.area,
    division: request.scope.division,
    mode: request.mode,
    ...extra,
  };
}
