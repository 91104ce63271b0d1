/**
 * SQL for case notes (migration 024): the only writer of case_note. Notes are inserted and read, never
 * updated or deleted (the app role holds no such grant). Reads run under row-level security.
 */
import type { ChronologyRow } from '../platform/chronology/row.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { NoteInput } from './note-rules.ts';

export interface CaseNoteRow {
  id: string;
  person_id: string;
  note_type: string;
  occurred_on: string;
  occurred_time: string | null;
  body: string;
  author_name: string | null;
  author_label: string;
  agency_id: string;
  agency_name: string;
  recorded_at: Date;
  corrects_id: string | null;
  /** The note correcting this one, if any (visible to the reader). */
  corrected_by_id: string | null;
}

const NOTE_COLUMNS = `n.id, n.person_id, n.note_type, n.occurred_on::text AS occurred_on, n.occurred_time, n.body,
  u.display_name AS author_name, n.author_label, n.agency_id, a.name AS agency_name, n.recorded_at, n.corrects_id,
  (SELECT c.id FROM case_note c WHERE c.corrects_id = n.id) AS corrected_by_id`;
const NOTE_FROM = `case_note n JOIN agency a ON a.id = n.agency_id LEFT JOIN app_user u ON u.id = n.author_id`;

export async function insertNote(
  tx: Tx,
  note: NoteInput & { personId: string; authorId: string; authorLabel: string; agencyId: string },
): Promise<string> {
  const row = await tx.one<{ id: string }>(
    `INSERT INTO case_note (person_id, note_type, occurred_on, occurred_time, body, author_id, author_label, agency_id,
                            corrects_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      note.personId,
      note.noteType,
      note.occurredOn,
      note.occurredTime,
      note.text,
      note.authorId,
      note.authorLabel,
      note.agencyId,
      note.correctsId,
    ],
  );
  return row.id;
}

export function noteOf(tx: Tx, personId: string, noteId: string): Promise<CaseNoteRow | null> {
  return tx.maybeOne<CaseNoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM ${NOTE_FROM} WHERE n.person_id = $1 AND n.id = $2`,
    [personId, noteId],
  );
}

/** Whether a note already has a correction, whoever may see it (a note is corrected once). */
export async function isCorrected(tx: Tx, noteId: string): Promise<boolean> {
  const row = await tx.maybeOne<{ id: string }>('SELECT id FROM case_note WHERE corrects_id = $1', [noteId]);
  return row !== null;
}

/**
 * The child's notes as chronology rows. `at` is the UK wall-clock time it happened (midday when no time was
 * given, so that a date-only note sorts within its day). d1: type; d2: the text; d3: 'CORRECTED' when a
 * later note corrects it, or the corrected note's date (YYYY-MM-DD) when it corrects one.
 */
export function noteLinesOf(tx: Tx, personId: string, limit: number): Promise<ChronologyRow[]> {
  // The child's notes are read once (under row-level security) and joined with themselves for what
  // corrects what: a correction is always of a note of the same child.
  return tx.query<ChronologyRow>(
    `/* prepared */ WITH n AS (SELECT * FROM case_note WHERE person_id = $1)
     SELECT 'CASE_NOTE' AS kind, n.id AS record_id, n.id AS link_id,
            (n.occurred_on + coalesce(n.occurred_time, '12:00')::time) AT TIME ZONE 'Europe/London' AS at,
            (n.occurred_time IS NULL) AS date_only, u.display_name AS who_name, n.author_label AS who_label,
            n.agency_id, a.name AS agency_name, n.note_type AS d1, left(n.body, 300) AS d2,
            CASE WHEN c.id IS NOT NULL THEN 'CORRECTED' ELSE o.occurred_on::text END AS d3
       FROM n JOIN agency a ON a.id = n.agency_id LEFT JOIN app_user u ON u.id = n.author_id
       LEFT JOIN n c ON c.corrects_id = n.id LEFT JOIN n o ON o.id = n.corrects_id
      ORDER BY at DESC, n.recorded_at DESC LIMIT $2`,
    [personId, limit],
  );
}
