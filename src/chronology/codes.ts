/** The chronology module's code lists: the kinds of case note. */
import type { CodeEntry } from '../platform/codes/code-list.ts';

export const CASE_NOTE_TYPES = [
  { code: 'CONTACT', label: 'Contact' },
  { code: 'VISIT', label: 'Visit' },
  { code: 'MEETING', label: 'Meeting' },
  { code: 'OBSERVATION', label: 'Observation' },
  { code: 'MANAGEMENT_OVERSIGHT', label: 'Management oversight' },
] as const satisfies readonly CodeEntry[];
export type CaseNoteType = (typeof CASE_NOTE_TYPES)[number]['code'];
