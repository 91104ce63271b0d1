/** Deduplicating the whole registry: start the background job and watch its progress. */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import * as jobs from '../platform/jobs/store.ts';
import { BATCH_DEDUPE_JOB } from './batch-dedupe.ts';
import { dedupeJobsView, dedupeJobView } from './dedupe-view.ts';
import { DEDUPE_PATH, dedupeJobPath } from './paths.ts';
import { isUuid } from './service.ts';

export async function dedupeRoutes(app: FastifyInstance): Promise<void> {
  const page = (audit: string) => ({
    access: { permission: 'people:dedupe' as const, audit, surface: 'page' as const },
  });

  // Jobs carry counts and progress only, no personal data: viewing them is not audited.
  app.get('/identity/dedupe', { config: page('none') }, async (request, reply) => {
    const recent = await request.tx((tx) => jobs.recentJobs(tx, BATCH_DEDUPE_JOB));
    return reply.page('people/views/dedupe.njk', {
      title: 'Find duplicate people',
      jobs: dedupeJobsView(recent),
      dedupeHref: DEDUPE_PATH,
    });
  });

  app.post('/identity/dedupe', { config: page('IDENTITY_DEDUPE_START') }, async (request, reply) => {
    const id = await request.tx(async (tx) => {
      const jobId = await jobs.enqueue(tx, {
        kind: BATCH_DEDUPE_JOB,
        requestedBy: request.principal.userId,
        requestedByLabel: request.principal.label,
      });
      await request.audit(tx, { subjectType: 'job', subjectId: jobId });
      return jobId;
    });
    return reply.redirect(dedupeJobPath(id), 303);
  });

  app.get<{ Params: { id: string } }>(
    '/identity/jobs/:id',
    { config: page('none') },
    async (request, reply) => {
      if (!isUuid(request.params.id)) throw new NotFoundError();
      const job = await request.tx((tx) => jobs.findJob(tx, request.params.id));
      if (!job || job.kind !== BATCH_DEDUPE_JOB) throw new NotFoundError();
      return reply.page('people/views/job.njk', dedupeJobView(job));
    },
  );
}
