/**
 * The disruption register's lines in a child's chronology: tactics naming the child, and tactics and
 * breaches about the people linked to the child by a suspect referral, as far as the viewer may see them
 * (row-level security of `disposal`: case readers who may see the person).
 */
import type { ChronologyProvider } from '../platform/chronology/entry.ts';
import { entryFrom } from '../platform/chronology/row.ts';
import { disruptionPath } from './paths.ts';
import * as store from './store.ts';
import { disruptionSummary } from './view.ts';

export const disruptionChronology: ChronologyProvider = async (tx, personId, _viewer, query) => {
  const rows = await store.disruptionLinesOf(tx, personId, query.limit);
  return rows.map((row) =>
    entryFrom(
      row,
      disruptionSummary(row.kind, row.d1, row.d2, row.d3),
      row.link_id && row.d2 ? disruptionPath(row.link_id) : null,
    ),
  );
};
