/**
 * The partnership briefing on the web and in the API. Statistics need `stats:published`; operational
 * (exact) figures need `stats:operational` as well, and asking for them without it is refused (403).
 * Every view and export is audited with the parameters asked for.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decideBriefingMode, mayChooseOperationalFigures } from '../platform/access/policy-reports.ts';
import { apiRoute, errorResponses } from '../platform/http/api-support.ts';
import { ForbiddenError, ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { briefingCountCache, briefingFrom, readBriefing } from './briefing.ts';
import { partnershipAreas } from './briefing-store.ts';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, exportFileName, renderExport } from './export.ts';
import { FIGURE_NAMES } from './figures.ts';
import { BRIEFING_API_PATH, BRIEFING_EXPORT_PATH, BRIEFING_PAGE_PATH } from './paths.ts';
import { withRevision } from './publication.ts';
import { auditDetails, type BriefingRequest, parseBriefingQuery, withTypedDates } from './request.ts';
import { stopSuppressionWorker } from './suppression-pool.ts';
import { briefingDownloads, briefingFormView, briefingView } from './view-model.ts';

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
    // The page's GOV.UK date inputs (the API and exports take `from` and `to` as YYYY-MM-DD).
    ...Object.fromEntries(
      ['from', 'to'].flatMap((d) =>
        ['day', 'month', 'year'].map((p) => [`${d}-${p}`, Type.Optional(Type.String({ maxLength: 10 }))]),
      ),
    ),
  },
  { additionalProperties: false },
);

const DIVISION_OPTIONS = ['EAST', 'SOUTH', 'WEST'];

/**
 * Operational figures only to those allowed them (decided by the access policy, since the mode is a query
 * parameter, not a route): a refusal is audited here, with the request's parameters, before the 403.
 */
async function requireMode(request: FastifyRequest, briefing: BriefingRequest): Promise<void> {
  const decision = decideBriefingMode(request.principal, briefing.mode);
  if (decision.allowed) return;
  await request.tx((tx) =>
    request.audit(tx, {
      action: 'ACCESS_DENIED',
      outcome: 'DENIED',
      details: { ...auditDetails(briefing), permission: decision.permission },
    }),
  );
  throw new ForbiddenError('Operational figures need the operational statistics permission', true);
}

async function briefingFor(
  request: FastifyRequest,
  req: BriefingRequest,
  audit: Record<string, unknown> = {},
) {
  const inputs = await request.tx(async (tx) => {
    // The counts kept for this database (nothing read again while the facts have not changed).
    const read = await readBriefing(tx, req, briefingCountCache(request.server.db));
    await request.audit(tx, {
      subjectType: 'report',
      subjectId: 'briefing',
      details: auditDetails(req, audit),
    });
    return read;
  });
  // Disclosure control after the transaction: the worker's seconds must not hold the connection either.
  const briefing = await briefingFrom(inputs);
  return request.tx((tx) => withRevision(tx, briefing));
}

export async function reportApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  // The disclosure-control worker ends with the app (it is unref'd, so it never holds the process open).
  app.addHook('onClose', stopSuppressionWorker);
  app.get(
    BRIEFING_API_PATH,
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

export async function reportPageRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    BRIEFING_PAGE_PATH,
    {
      config: { access: { permission: 'stats:published', audit: 'REPORT_VIEW', surface: 'page' } },
      schema: { querystring: PageQuery },
    },
    async (request, reply) => {
      const query = withTypedDates(request.query);
      const { request: req, errors } = parseBriefingQuery(query);
      const areas = await request.tx(partnershipAreas);
      const common = briefingFormView({
        query: request.query,
        request: req,
        areas,
        divisions: DIVISION_OPTIONS,
        canOperational: mayChooseOperationalFigures(request.principal),
      });
      if (errors.length)
        return reply.page('reports/views/briefing.njk', { ...common, ...errorView(errors) }, 400);
      await requireMode(request, req);
      const briefing = await briefingFor(request, req);
      return reply.page('reports/views/briefing.njk', {
        ...common,
        view: briefingView(briefing),
        downloads: briefingDownloads(req),
      });
    },
  );

  app.get(
    BRIEFING_EXPORT_PATH,
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
