/**
 * SQL of a suspect's identifiers (migration 042): the only writer of `person_identifier`. Reads run under
 * row-level security: only identifiers of people the reader may see.
 */
import { actorNameSql } from '../platform/auth/actor-name-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { IdentifierInput } from './identifier-rules.ts';
import type { Recorder } from './store.ts';

export interface IdentifierRow {
  id: string;
  person_id: string;
  kind: string;
  value: string;
  checked_on: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

const COLUMNS = `i.id, i.person_id, i.kind, i.value, i.checked_on::text AS checked_on, i.note,
  ${actorNameSql('i.recorded_by_label')} AS recorded_by, i.recorded_at`;

export async function insertIdentifier(
  tx: Tx,
  personId: string,
  input: IdentifierInput,
  by: Recorder,
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO person_identifier (person_id, kind, value, search_key, checked_on, note, recorded_by_user,
                                    recorded_by_label, agency_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      personId,
      input.kind,
      input.value,
      input.searchKey,
      input.checkedOn,
      input.note,
      by.userId,
      by.label,
      by.agencyId,
    ],
  );
  return row.id;
}

export function identifiersOf(tx: Tx, personId: string): Promise<IdentifierRow[]> {
  return tx.query<IdentifierRow>(
    `SELECT ${COLUMNS} FROM person_identifier i WHERE i.person_id = $1 ORDER BY i.kind, i.recorded_at LIMIT 200`,
    [personId],
  );
}

export interface IdentifierMatchRow extends IdentifierRow {
  person_name: string | null;
}

/** Identifiers whose search form contains `key` (already in search form), of people the reader may see. */
export function identifiersMatching(tx: Tx, key: string): Promise<IdentifierMatchRow[]> {
  return tx.query<IdentifierMatchRow>(
    `SELECT ${COLUMNS}, nullif(concat_ws(' ', p.forename, p.surname), '') AS person_name
       FROM person_identifier i JOIN person p ON p.id = i.person_id
      WHERE i.search_key LIKE '%' || $1 || '%' AND p.merged_into IS NULL
      ORDER BY person_name, i.kind LIMIT 50`,
    [key],
  );
}
