import { describe, expect, it } from 'vitest';
import type { JobRow } from '../platform/jobs/store.ts';
import { dedupeJobsView, dedupeJobView } from './dedupe-view.ts';

const job: JobRow = {
  id: 'j1',
  kind: 'identity.batch-dedupe',
  status: 'RUNNING',
  params: {},
  progress_done: 2,
  progress_total: 3,
  phase: 'scoring',
  result: null,
  error: null,
  requested_by_label: 'Sam Manager',
  created_at: new Date('2026-01-01T10:00:00Z'),
  started_at: null,
  finished_at: null,
};

describe('deduplication view models', () => {
  it('shows a running job’s progress and refreshes the page', () => {
    expect(dedupeJobView(job)).toMatchObject({
      status: 'running',
      phase: 'scoring',
      percent: 66,
      progress: '2 of 3',
      result: null,
      refresh: true,
      matchesHref: '/matches',
      runsHref: '/identity/dedupe',
    });
    expect(dedupeJobView({ ...job, status: 'QUEUED', phase: null, progress_total: 0 })).toMatchObject({
      phase: 'Waiting to start',
      percent: 0,
      refresh: true,
    });
  });

  it('shows what a finished run found', () => {
    const done = {
      ...job,
      status: 'DONE' as JobRow['status'],
      result: { records: 10, comparisons: 45, merged: 2, queued: 3, seconds: 1.5 },
    };
    expect(dedupeJobView(done)).toMatchObject({
      refresh: false,
      result: { records: 10, comparisons: 45, merged: 2, queued: 3, seconds: 1.5 },
    });
    expect(dedupeJobsView([done, job])).toEqual([
      {
        href: '/identity/jobs/j1',
        createdAt: job.created_at,
        requestedBy: 'Sam Manager',
        status: 'Finished',
        result: '2 merged, 3 for review',
      },
      {
        href: '/identity/jobs/j1',
        createdAt: job.created_at,
        requestedBy: 'Sam Manager',
        status: 'Running',
        result: null,
      },
    ]);
  });
});
