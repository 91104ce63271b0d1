/**
 * SQL of Pursue operations (migration 044): the only writer of `pursue_operation` and its members. Reads
 * under row-level security: the agency's own operations, and members the reader may see.
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { Recorder } from './store.ts';
import { linkedChildrenSql } from './store.ts';

export interface OperationRow {
  id: string;
  name: string;
  objectives: string;
  created_by: string;
  created_at: Date;
  closed_at: Date | null;
  outcome: string | null;
  members: number;
}

const COLUMNS = `o.id, o.name, o.objectives, ${actorNameSql('o.created_by_label')} AS created_by, o.created_at,
  o.closed_at, o.outcome, (SELECT count(*) FROM pursue_operation_member m WHERE m.operation_id = o.id)::int AS members`;

export async function insertOperation(
  tx: Tx,
  name: string,
  objectives: string,
  by: Recorder,
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO pursue_operation (name, objectives, agency_id, created_by_user, created_by_label)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [name, objectives, by.agencyId, by.userId, by.label],
  );
  return row.id;
}

/** Whether the agency already has an operation of this name (any case, whoever may see it). */
export async function nameTaken(tx: Tx, name: string): Promise<boolean> {
  const row = await tx.maybeOne('SELECT 1 FROM pursue_operation WHERE lower(name) = lower($1)', [name]);
  return row !== null;
}

export function operationsOf(tx: Tx): Promise<OperationRow[]> {
  return tx.query<OperationRow>(
    `SELECT ${COLUMNS} FROM pursue_operation o ORDER BY o.closed_at IS NOT NULL, o.created_at DESC LIMIT 200`,
  );
}

export function operationOf(tx: Tx, id: string): Promise<OperationRow | null> {
  return tx.maybeOne<OperationRow>(`SELECT ${COLUMNS} FROM pursue_operation o WHERE o.id = $1`, [id]);
}

export interface MemberRow {
  person_id: string;
  name: string | null;
  added_at: Date;
  added_by: string;
  children: string[];
}

/** The operation's members the reader may see, each with the names of the children linked to them. */
export function membersOf(tx: Tx, operationId: string): Promise<MemberRow[]> {
  return tx.query<MemberRow>(
    `SELECT m.person_id, nullif(concat_ws(' ', p.forename, p.surname), '') AS name, m.added_at,
            ${actorNameSql('m.added_by_label')} AS added_by,
            ARRAY(SELECT coalesce(nullif(concat_ws(' ', c.forename, c.surname), ''), 'Name not recorded')
                    FROM person c WHERE c.id IN (${linkedChildrenSql('m.person_id')}) ORDER BY 1) AS children
       FROM pursue_operation_member m JOIN person p ON p.id = m.person_id
      WHERE m.operation_id = $1 ORDER BY name`,
    [operationId],
  );
}

/** The operations a person is in (that the reader may see), and the agency's open ones they are not in. */
export async function operationsFor(
  tx: Tx,
  personId: string,
): Promise<{ in: OperationRow[]; open: OperationRow[] }> {
  const all = await tx.query<OperationRow & { member: boolean }>(
    `SELECT ${COLUMNS}, EXISTS (SELECT 1 FROM pursue_operation_member m WHERE m.operation_id = o.id AND m.person_id = $1) AS member
       FROM pursue_operation o ORDER BY o.created_at DESC LIMIT 200`,
    [personId],
  );
  return { in: all.filter((o) => o.member), open: all.filter((o) => !o.member && !o.closed_at) };
}

export async function addMember(
  tx: Tx,
  operationId: string,
  personId: string,
  byLabel: string,
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO pursue_operation_member (operation_id, person_id, added_by_label) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING person_id`,
    [operationId, personId, byLabel],
  );
  return rows.length === 1;
}

export async function closeOperation(tx: Tx, id: string, outcome: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE pursue_operation SET closed_at = now(), outcome = $2 WHERE id = $1 AND closed_at IS NULL RETURNING id`,
    [id, outcome],
  );
  return rows.length === 1;
}
