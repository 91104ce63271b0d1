/**
 * The risk module's lines of a child's chronology (a ChronologyProvider, injected by src/app.ts): each CSE
 * risk assessment, whose final level became the child's CSE flag, linking to the assessment.
 */
import type { ChronologyProvider } from '../platform/chronology/entry.ts';
import { type ChronologyRow, entryFrom } from '../platform/chronology/row.ts';
import { govukDateOf } from '../platform/chronology/when.ts';
import * as store from './chronology-store.ts';
import { RISK_LEVEL_LABELS } from './codes.ts';
import { riskAssessmentPath } from './paths.ts';

/** "CSE risk assessed as Medium (the tool gave Low); CSE flag Medium; review by 4 March 2027". Pure. */
export function riskSummary(row: ChronologyRow): string {
  const level = RISK_LEVEL_LABELS[row.d1 ?? ''] ?? 'not known';
  const computed =
    row.d2 && row.d2 !== row.d1 ? ` (the tool gave ${RISK_LEVEL_LABELS[row.d2] ?? 'another level'})` : '';
  const review = row.d3 ? `; review by ${govukDateOf(row.d3)}` : '';
  return `CSE risk assessed as ${level}${computed}; CSE flag set to ${level}${review}`;
}

export const riskChronology: ChronologyProvider = async (tx, personId, _viewer, query) => {
  const rows = await store.riskLinesOf(tx, personId, query.limit);
  return rows.map((row) => entryFrom(row, riskSummary(row), riskAssessmentPath(personId, row.record_id)));
};
