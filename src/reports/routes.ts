/**
 * The partnership briefing on the web and in the API. Statistics need `stats:published`; operational
 * (exact) figures need `stats:operational` as well, and asking for them without it is refused (403).
 * Every view and export is audited with the parameters asked for.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiRoute, errorResponses } from '../platform/http/api-support.ts';
import { ForbiddenError, ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { type Briefing, runBriefing } from './briefing.ts';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, toCsv, toPdf, toXlsx } from './export.ts';
import { FIGURE_NAMES } from './figures.ts';
import { auditDetails, type BriefingRequest, parseBriefingQuery, queryStringOf } from './request.ts';
import { briefingView } from './view-model.ts';

const DateParam = Type.String({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const CodeParam = Type.String({ maxLength: 40 });
const BriefingQuery = Type.Object(
  {
    from: Type.Optional(DateParam),
    to: Type.Optional(DateParam),
    area: Type.Optional(CodeParam),
    division: Type.Optional(CodeParam),
    mode: Type.Optional(Type.Union([Type.Literal('published'), Type.Literal('operational')])),
  },
  { additionalProperties: false },
);

const PageQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 20 })),
    to: Type.Optional(Type.String({ maxLength: 20 })),
    area: Type.Optional(Type.String({ maxLength: 40 })),
    division: Type.Optional(Type.String({ maxLength: 40 })),
    mode: Type.Optional(Type.String({ maxLength: 20 })),
    format: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

const DIVISION_OPTIONS = ['EAST', 'SOUTH', 'WEST'];

function mayOperational(request: FastifyRequest): boolean {
  return request.principal.permissions.has('stats:operational');
}

/** Operational figures only to those allowed them; a refusal is audited like any other. */
async function requireMode(request: FastifyRequest, briefing: BriefingRequest): Promise<void> {
  if (briefing.mode === 'operational' && !mayOperational(request)) {
    await request.tx((tx) =>
      request.audit(tx, {
        action: 'ACCESS_DENIED',
        outcome: 'DENIED',
        details: { ...auditDetails(briefing), permission: 'stats:operational' },
      }),
    );
    throw new ForbiddenError('Operational figures need the operational statistics permission', true);
  }
}

async function briefingFor(
  request: FastifyRequest,
  req: BriefingRequest,
  audit: Record<string, unknown> = {},
) {
  return request.tx(async (tx) => {
    const briefing = await runBriefing(tx, req);
    await request.audit(tx, {
      subjectType: 'report',
      subjectId: 'briefing',
      details: auditDetails(req, audit),
    });
    return briefing;
  });
}

export async function reportApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/reports/briefing',
    {
      config: apiRoute('stats:published', 'REPORT_VIEW'),
      schema: {
        tags: ['Reports'],
        summary: 'The partnership briefing: every figure by its stable name, with the previous period',
        description:
          `Figures: ${FIGURE_NAMES.join(', ')}. Published mode (default) shows counts from 1 to 5, and cells ` +
          'that would reveal them, as "c"; operational mode (exact counts) needs stats:operational.',
        querystring: BriefingQuery,
        response: { 200: Type.Any(), ...errorResponses },
      },
    },
    async (request) => {
      const { request: req, errors } = parseBriefingQuery(request.query);
      if (errors.length) throw new ValidationError(errors);
      await requireMode(request, req);
      return briefingFor(request, req);
    },
  );
}

async function areaOptions(request: FastifyRequest): Promise<string[]> {
  const rows = await request.tx((tx) =>
    tx.query<{ area: string }>('SELECT DISTINCT area FROM agency WHERE area IS NOT NULL ORDER BY area'),
  );
  return rows.map((r) => r.area);
}

export async function reportPageRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/reports/briefing',
    {
      config: { access: { permission: 'stats:published', audit: 'REPORT_VIEW', surface: 'page' } },
      schema: { querystring: PageQuery },
    },
    async (request, reply) => {
      const { request: req, errors } = parseBriefingQuery(request.query);
      const areas = await areaOptions(request);
      const form = {
        from: request.query.from ?? req.period.from,
        to: request.query.to ?? req.period.to,
        area: req.scope.area ?? '',
        division: req.scope.division ?? '',
        mode: req.mode,
      };
      const common = {
        title: 'Partnership briefing',
        form,
        areaItems: [
          { value: '', text: 'Whole partnership' },
          ...areas.map((a) => ({ value: a, text: a, selected: a === form.area })),
        ],
        divisionItems: [
          { value: '', text: 'All divisions' },
          ...DIVISION_OPTIONS.map((d) => ({ value: d, text: d, selected: d === form.division })),
        ],
        modeItems: [
          {
            value: 'published',
            text: 'Published (small counts suppressed)',
            selected: form.mode === 'published',
          },
          { value: 'operational', text: 'Operational (exact counts)', selected: form.mode === 'operational' },
        ],
        canOperational: mayOperational(request),
      };
      if (errors.length)
        return reply.page('reports/views/briefing.njk', { ...common, ...errorView(errors) }, 400);
      await requireMode(request, req);
      const briefing = await briefingFor(request, req);
      return reply.page('reports/views/briefing.njk', {
        ...common,
        view: briefingView(briefing),
        downloads: (['pdf', 'xlsx', 'csv'] as const).map((format) => ({
          format: format.toUpperCase(),
          href: `/reports/briefing/export?${queryStringOf(req, { format })}`,
        })),
      });
    },
  );

  app.get(
    '/reports/briefing/export',
    {
      config: { access: { permission: 'stats:published', audit: 'REPORT_EXPORT', surface: 'page' } },
      schema: { querystring: PageQuery },
    },
    async (request, reply) => {
      const { request: req, errors } = parseBriefingQuery(request.query);
      const format = (request.query.format ?? 'pdf').toLowerCase();
      if (!(EXPORT_FORMATS as readonly string[]).includes(format))
        errors.push({ field: 'format', message: 'Choose PDF, XLSX, CSV or JSON' });
      if (errors.length) throw new ValidationError(errors);
      await requireMode(request, req);
      const briefing = await briefingFor(request, req, { format });
      const body = await renderExport(briefing, format as ExportFormat);
      return reply
        .header('Content-Type', CONTENT_TYPES[format as ExportFormat])
        .header(
          'Content-Disposition',
          `attachment; filename="${exportFileName(briefing, format as ExportFormat)}"`,
        )
        .send(body);
    },
  );
}

export function exportFileName(b: Briefing, format: ExportFormat): string {
  const scope = (b.scope.division ?? b.scope.area ?? 'partnership').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `briefing-${scope}-${b.period.from}-to-${b.period.to}-${b.mode}.${format}`;
}

export async function renderExport(b: Briefing, format: ExportFormat): Promise<Buffer | string> {
  switch (format) {
    case 'csv':
      return toCsv(b);
    case 'xlsx':
      return toXlsx(b);
    case 'pdf':
      return toPdf(b);
    case 'json':
      return `${JSON.stringify({ marking: 'OFFICIAL-SENSITIVE', ...b }, null, 2)}\n`;
  }
}
