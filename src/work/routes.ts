/**
 * My work: the page and the API. The providers are injected by the composition root (app.ts), so that this
 * module needs no feature module; the one audit event of each read is MY_WORK_VIEW, with counts only.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '../platform/access/permissions.ts';
import { errorResponses } from '../platform/http/api-support.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { pagingDescription } from '../platform/http/list-paging.ts';
import { errorView } from '../platform/views/render.ts';
import type { WorkProvider } from '../platform/work/work-item.ts';
import { encodeCursor, parseWorkQuery, type WorkQuery } from './request.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, myWork } from './service.ts';
import { MY_WORK_PATH, myWorkPageView, workItemJson } from './view.ts';

export interface WorkRoutesOptions {
  providers: readonly WorkProvider[];
}

/** Everyone who works cases or answers research has work; referrers, analysts and admins do not. */
export const MY_WORK_PERMISSIONS: Permission[] = ['case:read', 'mash:contribute', 'case:work'];

const PageQuery = Type.Object(
  {
    kind: Type.Optional(Type.String({ maxLength: 40 })),
    cursor: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.String({ maxLength: 4 })),
    notice: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

const ApiQuery = Type.Object(
  {
    kind: Type.Optional(Type.String({ maxLength: 40 })),
    cursor: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.String({ maxLength: 4, pattern: '^[0-9]+$' })),
  },
  { additionalProperties: false },
);

async function readWork(request: FastifyRequest, providers: readonly WorkProvider[], query: WorkQuery) {
  return request.tx(async (tx) => {
    const page = await myWork(tx, request.principal, providers, { now: new Date(), ...query });
    await request.audit(tx, {
      details: { shown: page.items.length, total: page.total, overdue: page.overdue, kind: query.kind },
    });
    return page;
  });
}

export async function workRoutes(base: FastifyInstance, options: WorkRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { providers } = options;

  app.get(
    MY_WORK_PATH,
    {
      config: { access: { permission: MY_WORK_PERMISSIONS, audit: 'MY_WORK_VIEW', surface: 'page' } },
      schema: { querystring: PageQuery },
    },
    async (request, reply) => {
      const { query, errors } = parseWorkQuery(request.query);
      if (errors.length) {
        const page = await readWork(request, providers, { kind: null, offset: 0, limit: query.limit });
        return reply.page(
          'work/views/my-work.njk',
          { ...myWorkPageView(page, null, null), ...errorView(errors) },
          400,
        );
      }
      const page = await readWork(request, providers, query);
      return reply.page(
        'work/views/my-work.njk',
        myWorkPageView(page, query.kind, request.query.notice ?? null),
      );
    },
  );

  app.get(
    `/api/v1${MY_WORK_PATH}`,
    {
      config: { access: { permission: MY_WORK_PERMISSIONS, audit: 'MY_WORK_VIEW', surface: 'api' } },
      schema: {
        tags: ['My work'],
        summary: 'Work for the caller, its team, agency or hub: overdue first, then by due time',
        description:
          'Kinds: research requests, strategy actions, MASH tasks, allocated referrals, decisions, reassessments ' +
          `and return home interviews due. ${pagingDescription({ defaultLimit: DEFAULT_PAGE_SIZE, maxLimit: MAX_PAGE_SIZE })}`,
        querystring: ApiQuery,
        response: { 200: Type.Any(), ...errorResponses },
      },
    },
    async (request) => {
      const { query, errors } = parseWorkQuery(request.query);
      if (errors.length) throw new ValidationError(errors);
      const page = await readWork(request, providers, query);
      return {
        items: page.items.map(workItemJson),
        total: page.total,
        overdue: page.overdue,
        next: page.next === null ? null : encodeCursor(page.next),
      };
    },
  );
}
