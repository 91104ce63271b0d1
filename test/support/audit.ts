/** Reading what the audit trail and the tables hold, as a superuser, for assertions. */
import type { TestDatabase } from './engines.ts';

type Queries = Pick<TestDatabase, 'superuserQuery'>;

export async function lastAuditSeq(t: Queries): Promise<number> {
  const { rows } = await t.superuserQuery('SELECT coalesce(max(seq), 0)::int AS n FROM audit_event');
  return rows[0].n as number;
}

/** Runs the work and returns its result with the audit events it wrote, in order. */
export async function auditedBy<T>(t: Queries, work: () => Promise<T>) {
  const before = await lastAuditSeq(t);
  const result = await work();
  const { rows } = await t.superuserQuery(
    'SELECT action, subject_type, subject_id, outcome, justification, details FROM audit_event WHERE seq > $1 ORDER BY seq',
    [before],
  );
  return { result, events: rows as Array<Record<string, unknown>> };
}

/** How many rows a table holds. */
export async function countRows(t: Queries, table: string): Promise<number> {
  const { rows } = await t.superuserQuery(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n as number;
}
