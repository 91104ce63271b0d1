/**
 * Intelligence as its pages show it, pure: labels not codes ("1/B/P" with the grades' words), GOV.UK dates,
 * names. A submitter sees what it sent and the feedback; the police see everything.
 */
import { labelOf } from '../platform/codes/code-list.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import { HANDLING_CODES, INTELLIGENCE_GRADES, SOURCE_GRADES } from './codes.ts';
import type { IntelligenceRow, SanitisedRow } from './intelligence-store.ts';
import { intelligencePath } from './paths.ts';

type Row = { key: { text: string }; value: { text: string } };

/** "1/B/P" and its words: "Reliable; known indirectly to the source, corroborated; lawful sharing permitted". */
export function gradeWords(g: {
  source_grade: string | null;
  intelligence_grade: string | null;
  handling_code: string | null;
}): string {
  if (!g.source_grade || !g.intelligence_grade || !g.handling_code) return 'Not yet graded';
  const words = [
    labelOf(SOURCE_GRADES, g.source_grade),
    labelOf(INTELLIGENCE_GRADES, g.intelligence_grade),
    labelOf(HANDLING_CODES, g.handling_code),
  ].map((l) => (l ?? '').replace(/^\S+: /, ''));
  return `${g.source_grade}/${g.intelligence_grade}/${g.handling_code} (${words.join('; ')})`;
}

export function statusOf(row: IntelligenceRow): string {
  if (!row.evaluated_at) return 'Waiting for the police';
  return row.feedback ? 'Feedback given' : 'Evaluated';
}

export function listRow(row: IntelligenceRow) {
  return {
    href: intelligencePath(row.id),
    reference: row.reference,
    submitted: ukDateTime(row.submitted_at),
    agency: row.agency_name,
    about: row.about.length > 80 ? `${row.about.slice(0, 79)}…` : row.about,
    status: statusOf(row),
  };
}

export function submissionRows(row: IntelligenceRow): Row[] {
  const rows: Row[] = [];
  const add = (key: string, value: string | null) => {
    if (value) rows.push({ key: { text: key }, value: { text: value } });
  };
  add('Submitted', `${ukDateTime(row.submitted_at)} by ${row.submitted_by}`);
  add('Who it is about', row.about);
  add('What is known', row.what);
  add('Where', row.where_seen);
  add('When', row.seen_on ? ukDate(row.seen_on) : null);
  add('Vehicles', row.vehicles);
  add('Phone numbers', row.phones);
  add('Online names and handles', row.handles);
  return rows;
}

export function evaluationRows(row: IntelligenceRow): Row[] {
  if (!row.evaluated_at) return [];
  const rows: Row[] = [
    { key: { text: 'Grading' }, value: { text: gradeWords(row) } },
    { key: { text: 'Sanitised for sharing' }, value: { text: row.sanitised ?? '' } },
    {
      key: { text: 'Evaluated' },
      value: { text: `${ukDateTime(row.evaluated_at)} by ${row.evaluated_by ?? 'the police'}` },
    },
  ];
  if (row.handling_conditions)
    rows.splice(1, 0, { key: { text: 'Conditions of sharing' }, value: { text: row.handling_conditions } });
  if (row.person_name)
    rows.push({
      key: { text: 'Linked to' },
      value: {
        text: `${row.person_name} (by ${row.linked_by ?? 'the police'}, ${ukDateTime(row.linked_at)})`,
      },
    });
  return rows;
}

export function sanitisedView(row: SanitisedRow) {
  return {
    reference: row.reference,
    grading: gradeWords(row),
    conditions: row.handling_conditions,
    text: row.sanitised,
    evaluated: ukDate(row.evaluated_at),
  };
}
