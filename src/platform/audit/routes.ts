/** The auditor's pages: the latest events, a filtered search (sent by POST), and a chain check. */
import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../http/errors.ts';
import { errorView } from '../views/render.ts';
import { type AuditFilter, type AuditOutcome, searchEvents } from './store.ts';
import { verifyAuditChain } from './verify.ts';

type Form = Record<string, unknown>;

function text(form: Form, name: string, max = 200): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

const UUID = /^[0-9a-f-]{36}$/i;

export function parseAuditFilter(form: Form): { filter: AuditFilter; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const filter: AuditFilter = {};
  const action = text(form, 'action').toUpperCase();
  if (action) {
    if (/^[A-Z][A-Z0-9_]{2,63}$/.test(action)) filter.action = action;
    else errors.push({ field: 'action', message: 'Enter an action like SIGN_IN or USER_CREATE' });
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
  for (const [name, key] of [
    ['from', 'from'],
    ['to', 'to'],
  ] as const) {
    const value = text(form, name);
    if (!value) continue;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime()))
      errors.push({ field: name, message: `Enter the ${name} date as YYYY-MM-DD` });
    else filter[key] = key === 'to' ? new Date(date.getTime() + 86_400_000) : date;
  }
  return { filter, errors };
}

const PAGE_SIZE = 100;

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const page = (permission: 'audit:read', audit: string) => ({
    access: { permission, audit, surface: 'page' as const },
  });

  app.get('/audit', { config: page('audit:read', 'AUDIT_VIEW') }, async (request, reply) => {
    const events = await request.tx(async (tx) => {
      const rows = await searchEvents(tx, {}, { limit: PAGE_SIZE });
      await request.audit(tx, { details: { shown: rows.length } });
      return rows;
    });
    return reply.page('platform/audit/views/audit.njk', { title: 'Audit log', events, values: {} });
  });

  app.post('/audit', { config: page('audit:read', 'AUDIT_SEARCH') }, async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const { filter, errors } = parseAuditFilter(form);
    if (errors.length) {
      return reply.page(
        'platform/audit/views/audit.njk',
        { title: 'Audit log', events: [], values: form, ...errorView(errors) },
        400,
      );
    }
    const events = await request.tx(async (tx) => {
      const rows = await searchEvents(tx, filter, { limit: PAGE_SIZE });
      await request.audit(tx, { details: { filter: Object.keys(filter), shown: rows.length } });
      return rows;
    });
    return reply.page('platform/audit/views/audit.njk', {
      title: 'Audit log',
      events,
      values: form,
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
