/** The auditor's pages: the latest events, a filtered search (sent by POST), and a chain check. */
import type { FastifyInstance } from 'fastify';
import type { Tx } from '../db/transaction.ts';
import { type DateParts, datePartsEmpty, datePartsFrom, instantFrom } from '../forms/date-parts.ts';
import type { FieldError } from '../http/errors.ts';
import { pageRequest } from '../views/pagination.ts';
import { errorView } from '../views/render.ts';
import { actionItems, dateItems, eventRow } from './audit-view.ts';
import { type AuditFilter, type AuditOutcome, actorNames, searchEvents } from './store.ts';
import { verifyAuditChain } from './verify.ts';

type Form = Record<string, unknown>;

function text(form: Form, name: string, max = 200): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** The first instant of the next day on the UK clock (a day may be 23 or 25 hours long). */
function endOfDay(parts: DateParts): string {
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return instantFrom(
    {
      year: String(next.getUTCFullYear()),
      month: String(next.getUTCMonth() + 1),
      day: String(next.getUTCDate()),
    },
    '00:00',
  );
}

const UUID = /^[0-9a-f-]{36}$/i;

export function parseAuditFilter(form: Form): { filter: AuditFilter; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const filter: AuditFilter = {};
  const action = text(form, 'action').toUpperCase();
  if (action) {
    if (/^[A-Z][A-Z0-9_]{2,63}$/.test(action)) filter.action = action;
    else errors.push({ field: 'action', message: 'Select an action from the list' });
  }
  const actor = text(form, 'actor');
  if (actor) filter.actorLabel = actor;
  const subjectType = text(form, 'subjectType');
  if (subjectType) filter.subjectType = subjectType;
  const subjectId = text(form, 'subjectId');
  if (subjectId) filter.subjectId = subjectId;
  const correlationId = text(form, 'correlationId');
  if (correlationId) {
    if (UUID.test(correlationId)) filter.correlationId = correlationId;
    else errors.push({ field: 'correlationId', message: 'Enter a correlation id as shown on an error page' });
  }
  const outcome = text(form, 'outcome');
  if (outcome) {
    if (['SUCCESS', 'DENIED', 'FAILURE'].includes(outcome)) filter.outcome = outcome as AuditOutcome;
    else errors.push({ field: 'outcome', message: 'Select an outcome from the list' });
  }
  // Dates on the UK clock, typed in GOV.UK date inputs: from the start of `from` to the end of `to`.
  for (const name of ['from', 'to'] as const) {
    const parts = datePartsFrom(form, name);
    if (datePartsEmpty(parts)) continue;
    const start = instantFrom(parts, '00:00');
    if (!start) errors.push({ field: name, message: `Enter a real ${name} date, like 4 12 2026` });
    else filter[name] = name === 'to' ? new Date(endOfDay(parts)) : new Date(start);
  }
  return { filter, errors };
}

const PAGE_SIZE = 100;

/** The newest event a list's pages count back from (a sequence number only), or none for the newest now. */
function uptoOf(source: unknown): number | undefined {
  const raw = source && typeof source === 'object' ? (source as Form).upto : undefined;
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

/**
 * A page of events, newest first: LIMIT/OFFSET in SQL, one more row than shown to know whether older events
 * follow (no total: counting the whole log is not cheap), anchored at `upto` so new events do not shift pages.
 */
async function eventsPage(tx: Tx, filter: AuditFilter, source: unknown) {
  const paging = pageRequest(source, PAGE_SIZE);
  const upto = uptoOf(source) ?? (await searchEvents(tx, filter, { limit: 1 }))[0]?.seq;
  const rows = upto
    ? await searchEvents(tx, filter, { limit: PAGE_SIZE + 1, offset: paging.offset, uptoSeq: upto })
    : [];
  const shown = rows.slice(0, PAGE_SIZE);
  const names = await actorNames(
    tx,
    shown.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])),
  );
  const events = shown.map((e) => eventRow(e, names));
  const newer = paging.page > 1 ? paging.page - 1 : null;
  const older = rows.length > PAGE_SIZE ? paging.page + 1 : null;
  return { events, page: paging.page, upto: upto ?? null, newer, older };
}

/** Previous and next links for the unfiltered log (page and sequence numbers only in the URL). */
function linksOf(p: { upto: number | null; newer: number | null; older: number | null }) {
  const href = (n: number) => `/audit?page=${n}&upto=${p.upto}`;
  if (!p.newer && !p.older) return null;
  return {
    previous: p.newer ? { href: href(p.newer), labelText: 'Newer events' } : undefined,
    next: p.older ? { href: href(p.older), labelText: 'Older events' } : undefined,
  };
}

/** The filter form as typed: the action select and the from and to date inputs keep their answers. */
function formView(form: Form, errors: FieldError[] = []) {
  const invalid = (name: string) => errors.some((e) => e.field === name);
  return {
    values: form,
    actionItems: actionItems(text(form, 'action').toUpperCase()),
    fromItems: dateItems(datePartsFrom(form, 'from'), invalid('from')),
    toItems: dateItems(datePartsFrom(form, 'to'), invalid('to')),
  };
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const page = (permission: 'audit:read', audit: string) => ({
    access: { permission, audit, surface: 'page' as const },
  });

  app.get('/audit', { config: page('audit:read', 'AUDIT_VIEW') }, async (request, reply) => {
    const result = await request.tx(async (tx) => {
      const found = await eventsPage(tx, {}, request.query);
      await request.audit(tx, { details: { shown: found.events.length, page: found.page } });
      return found;
    });
    return reply.page('platform/audit/views/audit.njk', {
      title: 'Audit log',
      ...result,
      pagination: linksOf(result),
      ...formView({}),
    });
  });

  app.post('/audit', { config: page('audit:read', 'AUDIT_SEARCH') }, async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const { filter, errors } = parseAuditFilter(form);
    if (errors.length) {
      return reply.page(
        'platform/audit/views/audit.njk',
        { title: 'Audit log', events: [], ...formView(form, errors), ...errorView(errors) },
        400,
      );
    }
    // The filtered search stays a POST (a username is no thing for a URL): its pages are buttons that send
    // the same filter again with the page number.
    const result = await request.tx(async (tx) => {
      const found = await eventsPage(tx, filter, form);
      await request.audit(tx, {
        details: { filter: Object.keys(filter), shown: found.events.length, page: found.page },
      });
      return found;
    });
    return reply.page('platform/audit/views/audit.njk', {
      title: 'Audit log',
      ...result,
      ...formView(form),
      filtered: true,
    });
  });

  app.post('/audit/verify', { config: page('audit:read', 'AUDIT_VERIFY') }, async (request, reply) => {
    const report = await verifyAuditChain(app.db);
    await request.tx((tx) =>
      request.audit(tx, {
        outcome: report.ok ? 'SUCCESS' : 'FAILURE',
        details: { checked: report.checked, ok: report.ok },
      }),
    );
    return reply.page('platform/audit/views/verify.njk', { title: 'Audit chain check', report });
  });
}
