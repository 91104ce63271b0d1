/**
 * Pure view models of the chronology's pages: every line with its date already in GOV.UK style (UK time),
 * its kind as a label, who (name and agency) and its link; the filters' checkboxes; a case note's page.
 */
import {
  CHRONOLOGY_GROUPS,
  CHRONOLOGY_KIND_LABELS,
  type ChronologyEntry,
} from '../platform/chronology/entry.ts';
import { govukDate, govukDateOf, govukDateTime, govukTime } from '../platform/chronology/when.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import { CASE_NOTE_TYPES } from './codes.ts';
import type { CaseNoteRow } from './note-store.ts';
import { caseNotePath, chronologyPath, chronologyPrintPath, newCaseNotePath } from './paths.ts';
import type { Chronology, ChronologyFilter } from './service.ts';

export interface ChronologyLine {
  when: string;
  kind: string;
  summary: string;
  who: string;
  href: string | null;
}

export function lineView(entry: ChronologyEntry): ChronologyLine {
  return {
    when: entry.dateOnly ? govukDate(entry.at) : govukDateTime(entry.at),
    kind: CHRONOLOGY_KIND_LABELS[entry.kind],
    summary: entry.summary,
    who: [entry.who, entry.agencyName].filter(Boolean).join(', ') || 'Not recorded',
    href: entry.href,
  };
}

export function personName(person: { forename: string | null; surname: string | null }): string {
  return [person.forename, person.surname].filter(Boolean).join(' ') || 'Name not known';
}

export function chronologyView(
  person: { id: string; forename: string | null; surname: string | null },
  chronology: Chronology,
  filter: ChronologyFilter,
  options: { canWrite: boolean; now: Date },
) {
  const name = personName(person);
  const filters = { kinds: filter.groups, agencies: filter.agencyIds };
  return {
    title: `Chronology: ${name}`,
    personName: name,
    personHref: `/people/${person.id}`,
    lines: chronology.entries.map(lineView),
    count: chronology.entries.length,
    filtered: filter.groups.length > 0 || filter.agencyIds.length > 0,
    kindItems: CHRONOLOGY_GROUPS.map((g) => ({
      value: g.code,
      text: g.label,
      checked: filter.groups.includes(g.code),
    })),
    agencyItems: chronology.agencies.map((a) => ({
      value: a.id,
      text: a.name,
      checked: filter.agencyIds.includes(a.id),
    })),
    action: chronologyPath(person.id),
    clearHref: chronologyPath(person.id),
    printHref: chronologyPrintPath(person.id, filters),
    newNoteHref: options.canWrite ? newCaseNotePath(person.id) : null,
    printedAt: govukDateTime(options.now),
    filterWords: filterWords(filter, chronology),
  };
}

/** What the print shows it was filtered by, in words. */
function filterWords(filter: ChronologyFilter, chronology: Chronology): string {
  const kinds = CHRONOLOGY_GROUPS.filter((g) => filter.groups.includes(g.code)).map((g) => g.label);
  const agencies = chronology.agencies.filter((a) => filter.agencyIds.includes(a.id)).map((a) => a.name);
  const parts = [
    kinds.length ? `kinds: ${kinds.join(', ')}` : '',
    agencies.length ? `agencies: ${agencies.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? `Filtered by ${parts.join('; ')}` : 'Everything you may see';
}

/** When a note's event happened: "4 December 2026 at 2:05pm", or the date alone. */
export function occurredWords(occurredOn: string, occurredTime: string | null): string {
  const date = govukDateOf(occurredOn);
  const m = /^(\d{2}):(\d{2})$/.exec(occurredTime ?? '');
  return m ? `${date} at ${govukTime(Number(m[1]), Number(m[2]))}` : date;
}

export function noteView(note: CaseNoteRow, corrects: CaseNoteRow | null, options: { canWrite: boolean }) {
  return {
    id: note.id,
    type: labelOf(CASE_NOTE_TYPES, note.note_type) ?? 'Case note',
    occurred: occurredWords(note.occurred_on, note.occurred_time),
    recorded: govukDateTime(note.recorded_at),
    author: [note.author_name ?? 'Name not recorded', note.agency_name].join(', '),
    text: note.body,
    correctedByHref: note.corrected_by_id ? caseNotePath(note.person_id, note.corrected_by_id) : null,
    corrects: corrects
      ? {
          href: caseNotePath(note.person_id, corrects.id),
          words: `${occurredWords(corrects.occurred_on, corrects.occurred_time)} by ${corrects.author_name ?? 'someone'}`,
        }
      : note.corrects_id
        ? { href: caseNotePath(note.person_id, note.corrects_id), words: 'an earlier note' }
        : null,
    correctHref: options.canWrite && !note.corrected_by_id ? newCaseNotePath(note.person_id, note.id) : null,
  };
}

/** The kinds of line that are a record about the child, linked from the person page. */
const RECORD_KINDS = new Set(['REFERRAL', 'SUSPECT_LINK', 'EPISODE_OPENED', 'MISSING']);

export interface PersonStory {
  chronologyHref: string;
  latest: ChronologyLine[];
  records: ChronologyLine[];
}

/** The person page's part of the chronology: the latest few lines, and each record about the child. Pure. */
export function personStoryView(
  personId: string,
  entries: readonly ChronologyEntry[],
  latestCount = 5,
): PersonStory {
  return {
    chronologyHref: chronologyPath(personId),
    latest: entries.slice(-latestCount).reverse().map(lineView),
    records: entries.filter((e) => RECORD_KINDS.has(e.kind) && e.href).map(lineView),
  };
}
