/** View models of the registry deduplication pages: recent runs, and one run's progress and result. */
import type { JobRow } from '../platform/jobs/store.ts';
import { DEDUPE_PATH, dedupeJobPath, MATCHES_PATH } from './paths.ts';

/** What a finished run found (see BatchResult in ./batch-dedupe.ts); absent until it finishes. */
function resultOf(job: JobRow) {
  const r = job.result;
  if (!r) return null;
  return {
    records: r['records'],
    comparisons: r['comparisons'],
    merged: r['merged'],
    queued: r['queued'],
    seconds: r['seconds'],
  };
}

const JOB_STATUS_LABELS: Record<string, string> = {
  QUEUED: 'Waiting to start',
  RUNNING: 'Running',
  DONE: 'Finished',
  FAILED: 'Failed',
};

export function dedupeJobsView(jobs: readonly JobRow[]) {
  return jobs.map((job) => {
    const result = resultOf(job);
    return {
      href: dedupeJobPath(job.id),
      createdAt: job.created_at,
      requestedBy: job.requested_by_label,
      status: JOB_STATUS_LABELS[job.status] ?? job.status,
      result: result ? `${result.merged} merged, ${result.queued} for review` : null,
    };
  });
}

/** One run: its progress as a whole percentage, and a refresh while it is still queued or running. */
export function dedupeJobView(job: JobRow) {
  const percent = job.progress_total > 0 ? Math.floor((100 * job.progress_done) / job.progress_total) : 0;
  return {
    title: 'Deduplication progress',
    status: job.status.toLowerCase(),
    phase: job.phase ?? 'Waiting to start',
    percent,
    requestedBy: job.requested_by_label,
    createdAt: job.created_at,
    progress: `${job.progress_done} of ${job.progress_total}`,
    result: resultOf(job),
    error: job.error,
    // A meta refresh keeps the page current without JavaScript (and within the CSP).
    refresh: job.status === 'QUEUED' || job.status === 'RUNNING',
    matchesHref: MATCHES_PATH,
    runsHref: DEDUPE_PATH,
  };
}
