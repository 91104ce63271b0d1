/** SQL for background jobs. Jobs live in the database so that any app instance can run or show them. */
import { actorNameSql } from '../auth/actor-name-store.ts';
import type { Tx } from '../db/transaction.ts';

export type JobStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  params: Record<string, unknown>;
  progress_done: number;
  progress_total: number;
  phase: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
  requested_by_label: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS = `id, kind, status, params, progress_done, progress_total, phase, result, error, ${actorNameSql('requested_by_label')} AS requested_by_label,
  created_at, started_at, finished_at`;

export async function enqueue(
  tx: Tx,
  job: {
    kind: string;
    params?: Record<string, unknown>;
    requestedBy: string | null;
    requestedByLabel: string;
  },
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO job (kind, status, params, requested_by, requested_by_label) VALUES ($1, 'QUEUED', $2, $3, $4) RETURNING id`,
    [job.kind, JSON.stringify(job.params ?? {}), job.requestedBy, job.requestedByLabel],
  );
  return row.id;
}

/** Takes the oldest queued job; SKIP LOCKED lets several instances poll without taking the same one. */
export function claimNext(tx: Tx, kinds: readonly string[]): Promise<JobRow | null> {
  return tx.maybeOne<JobRow>(
    `UPDATE job SET status = 'RUNNING', started_at = now(), heartbeat_at = now()
      WHERE id = (SELECT id FROM job WHERE status = 'QUEUED' AND kind = ANY ($1) ORDER BY created_at
                  FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING ${COLUMNS}`,
    [kinds],
  );
}

export async function recordProgress(
  tx: Tx,
  id: string,
  done: number,
  total: number,
  phase: string,
): Promise<void> {
  await tx.query(
    'UPDATE job SET progress_done = $2, progress_total = $3, phase = $4, heartbeat_at = now() WHERE id = $1',
    [id, done, total, phase],
  );
}

export async function finish(tx: Tx, id: string, result: Record<string, unknown>): Promise<void> {
  await tx.query(
    `UPDATE job SET status = 'DONE', result = $2, finished_at = now(), progress_done = progress_total WHERE id = $1`,
    [id, JSON.stringify(result)],
  );
}

export async function fail(tx: Tx, id: string, error: string): Promise<void> {
  await tx.query(`UPDATE job SET status = 'FAILED', error = $2, finished_at = now() WHERE id = $1`, [
    id,
    error,
  ]);
}

/** A job whose instance died mid-run stops its heartbeat: it is marked failed so that it can be run again. */
export async function failStale(tx: Tx, olderThanMinutes: number): Promise<number> {
  const rows = await tx.query(
    `UPDATE job SET status = 'FAILED', error = 'interrupted: the instance running it stopped', finished_at = now()
      WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(mins => $1) RETURNING 1`,
    [olderThanMinutes],
  );
  return rows.length;
}

export function findJob(tx: Tx, id: string): Promise<JobRow | null> {
  return tx.maybeOne<JobRow>(`SELECT ${COLUMNS} FROM job WHERE id = $1`, [id]);
}

export function recentJobs(tx: Tx, kind: string, limit = 20): Promise<JobRow[]> {
  return tx.query<JobRow>(`SELECT ${COLUMNS} FROM job WHERE kind = $1 ORDER BY created_at DESC LIMIT $2`, [
    kind,
    limit,
  ]);
}
