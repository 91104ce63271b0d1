/**
 * Case notes on a child (issue 14 item 2): typed, dated, attributable, never edited. A note is corrected by
 * a new note that points to it; the old one then shows "Corrected by a later note". Who may write is the
 * access policy's (policy-notes.ts); the notes' lines in the chronology come from `notesChronology`.
 */
import { findPersonOrDeny, personScope } from '../people/service.ts';
import { decideCaseNoteWrite } from '../platform/access/policy-notes.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { ChronologyProvider } from '../platform/chronology/entry.ts';
import { type ChronologyRow, entryFrom } from '../platform/chronology/row.ts';
import { govukDateOf } from '../platform/chronology/when.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { AccessDeniedError, ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { CASE_NOTE_TYPES } from './codes.ts';
import { type NoteForm, validateNote } from './note-rules.ts';
import * as store from './note-store.ts';
import { caseNotePath } from './paths.ts';

/** The child, if the principal may write notes on them; otherwise an audited denial (404). */
export async function openChildForNotes(tx: Tx, principal: Principal, personId: string) {
  const person = await findPersonOrDeny(tx, personId);
  const decision = decideCaseNoteWrite(principal, personScope(person));
  if (!decision.allowed) throw new AccessDeniedError('person', personId, decision.reason);
  if (person.merged_into) throw new NotFoundError();
  return person;
}

/** The note a new note would correct: the child's, visible, and not corrected already. */
export async function noteToCorrect(tx: Tx, personId: string, noteId: string): Promise<store.CaseNoteRow> {
  const note = await store.noteOf(tx, personId, noteId);
  if (!note) throw new NotFoundError();
  if (note.corrected_by_id) throw new ConflictError('This note has already been corrected by a later note');
  return note;
}

export async function recordNote(
  tx: Tx,
  principal: Principal,
  personId: string,
  form: NoteForm,
  now: Date = new Date(),
): Promise<string> {
  await openChildForNotes(tx, principal, personId);
  const { input, errors } = validateNote(form, now);
  if (!input) throw new ValidationError(errors);
  if (input.correctsId) await noteToCorrect(tx, personId, input.correctsId);
  if (!principal.userId || !principal.agencyId) throw new NotFoundError();
  const id = await store.insertNote(tx, {
    ...input,
    personId,
    authorId: principal.userId,
    authorLabel: principal.label,
    agencyId: principal.agencyId,
  });
  await appendAuditEvent(tx, {
    action: 'CASE_NOTE_CREATE',
    subjectType: 'case_note',
    subjectId: id,
    details: { personId, noteType: input.noteType, corrects: input.correctsId },
  });
  return id;
}

/** A note as its page shows it; null when absent or not visible to the reader. */
export function readNote(tx: Tx, personId: string, noteId: string) {
  return store.noteOf(tx, personId, noteId);
}

/** "Visit: Saw Kelsey at home..." with what corrects what. Pure. */
export function noteSummary(row: ChronologyRow): string {
  const type = labelOf(CASE_NOTE_TYPES, row.d1 ?? '') ?? 'Case note';
  const text = (row.d2 ?? '').replace(/\s+/g, ' ');
  const line = `${type}: ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`;
  if (row.d3 === 'CORRECTED') return `${line} (corrected by a later note)`;
  if (row.d3) return `${line} (corrects the note of ${govukDateOf(row.d3)})`;
  return line;
}

export const notesChronology: ChronologyProvider = async (tx, personId, _viewer, query) => {
  const rows = await store.noteLinesOf(tx, personId, query.limit);
  return rows.map((row) => entryFrom(row, noteSummary(row), caseNotePath(personId, row.record_id)));
};
