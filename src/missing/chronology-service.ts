/**
 * The missing module's lines of a child's chronology (a ChronologyProvider, injected by src/app.ts): each
 * missing episode, grade change, return and return home interview, linking to the episode.
 */
import type { ChronologyProvider } from '../platform/chronology/entry.ts';
import { type ChronologyRow, entryFrom } from '../platform/chronology/row.ts';
import * as store from './chronology-store.ts';
import { EPISODE_TYPE_LABELS, labelOf, RISK_GRADE_LABELS } from './codes.ts';
import { episodePath } from './paths.ts';

const RHI_WORDS: Record<string, string> = {
  NOT_OFFERED: 'Return home interview not offered',
  OFFERED: 'Return home interview offered',
  ACCEPTED: 'Return home interview accepted',
  DECLINED: 'Return home interview declined',
  COMPLETED: 'Return home interview held',
};

/** The one-line summary of a missing record, in labels. Pure. */
export function missingSummary(row: ChronologyRow): string {
  switch (row.kind) {
    case 'MISSING': {
      const type = labelOf(EPISODE_TYPE_LABELS, row.d1).toLowerCase() || 'missing';
      return `Reported ${type}; police risk grade ${labelOf(RISK_GRADE_LABELS, row.d2).toLowerCase()}`;
    }
    case 'MISSING_GRADE':
      return `Police risk grade changed from ${labelOf(RISK_GRADE_LABELS, row.d1).toLowerCase()} to ${labelOf(RISK_GRADE_LABELS, row.d2).toLowerCase()}`;
    case 'RETURN':
      return row.d1 ? `Returned; found at ${row.d1}` : 'Returned';
    case 'RHI': {
      const words = RHI_WORDS[row.d1 ?? ''] ?? 'Return home interview';
      return row.d1 === 'COMPLETED' && row.d2 ? `${words} by ${row.d2}` : words;
    }
    default:
      return 'Missing episode record';
  }
}

export const missingChronology: ChronologyProvider = async (tx, personId, _viewer, query) => {
  const rows = await store.missingLinesOf(tx, personId, query.limit);
  return rows.map((row) =>
    entryFrom(row, missingSummary(row), row.link_id ? episodePath(row.link_id) : null),
  );
};
