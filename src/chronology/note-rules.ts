/**
 * Case notes, pure: reading the posted form (kept as typed, to show again on an error) and checking it.
 * Errors name the field and come in the form's order: type, date, time, text.
 */
import { formText } from '../platform/forms/body.ts';
import { type DateParts, datePartsFrom, isoFromParts } from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { CASE_NOTE_TYPES, type CaseNoteType } from './codes.ts';

export const MAX_NOTE_LENGTH = 10_000;

export interface NoteForm {
  noteType: string;
  occurredOn: DateParts;
  occurredTime: string;
  text: string;
  corrects: string;
}

export interface NoteInput {
  noteType: CaseNoteType;
  /** 'YYYY-MM-DD', the UK date it happened. */
  occurredOn: string;
  /** 'HH:MM' on the UK wall clock, or null when not known. */
  occurredTime: string | null;
  text: string;
  correctsId: string | null;
}

export function blankNoteForm(corrects = ''): NoteForm {
  return { noteType: '', occurredOn: { day: '', month: '', year: '' }, occurredTime: '', text: '', corrects };
}

export function noteFormFrom(body: unknown): NoteForm {
  return {
    noteType: formText(body, 'noteType', 40).trim(),
    occurredOn: datePartsFrom(body, 'occurredOn'),
    occurredTime: formText(body, 'occurredTime', 20).trim(),
    // The text is kept whole (up to one character over the limit, so that "too long" can be said).
    text: formText(body, 'text', MAX_NOTE_LENGTH + 1).trim(),
    corrects: formText(body, 'corrects', 40).trim(),
  };
}

/** "14:05", "2:05pm", "2pm" → "14:05"; null when it is not a time. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  } else if (m[2] === undefined) return null;
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function realDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function validateNote(
  form: NoteForm,
  now: Date,
): { input: NoteInput; errors: [] } | { input: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const type = CASE_NOTE_TYPES.find((t) => t.code === form.noteType)?.code;
  if (!type) errors.push({ field: 'noteType', message: 'Select the type of note' });
  const iso = isoFromParts(form.occurredOn);
  const today = formatLocalDate(toLocalDate(now));
  if (!iso) errors.push({ field: 'occurredOn', message: 'Enter the date it happened' });
  else if (iso === 'invalid' || !realDate(iso))
    errors.push({
      field: 'occurredOn',
      message: 'The date it happened must be a real date, for example 4 12 2026',
    });
  else if (iso > today)
    errors.push({ field: 'occurredOn', message: 'The date it happened must be today or in the past' });
  const time = form.occurredTime ? parseTime(form.occurredTime) : null;
  if (form.occurredTime && !time)
    errors.push({
      field: 'occurredTime',
      message: 'Enter the time as a time of day, for example 14:05 or 2:05pm',
    });
  if (!form.text) errors.push({ field: 'text', message: 'Enter the note' });
  else if (form.text.length > MAX_NOTE_LENGTH)
    errors.push({
      field: 'text',
      message: `The note must be ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters or fewer`,
    });
  if (errors.length || !type) return { input: null, errors };
  return {
    input: {
      noteType: type,
      occurredOn: iso,
      occurredTime: time,
      text: form.text,
      correctsId: form.corrects || null,
    },
    errors: [],
  };
}
