/**
 * The people module's lines of a child's chronology (a ChronologyProvider, injected by src/app.ts): merges
 * of the child's records, linking to the other record; and the people linked to the child for the person
 * page's links.
 */
import type { ChronologyProvider } from '../platform/chronology/entry.ts';
import { type ChronologyRow, entryFrom } from '../platform/chronology/row.ts';
import type { Tx } from '../platform/db/transaction.ts';
import * as store from './chronology-store.ts';
import { personPath } from './paths.ts';

export function mergeSummary(row: ChronologyRow): string {
  const what = row.d1 === 'IN' ? 'Another record merged into this one' : 'This record merged into another';
  return row.d2 === 'UNDONE' ? `${what} (since undone)` : what;
}

export const mergeChronology: ChronologyProvider = async (tx, personId, _viewer, query) => {
  const rows = await store.mergeLinesOf(tx, personId, query.limit);
  return rows.map((row) => entryFrom(row, mergeSummary(row), row.link_id ? personPath(row.link_id) : null));
};

const RELATION_LABELS: Record<store.LinkedPersonRow['relation'], string> = {
  SUSPECT: 'Suspect',
  ASSOCIATE: 'Associate',
  CHILD: 'Child linked to the same suspect',
  FOUND_WITH: 'Found with the child when missing',
};

export interface LinkedPersonView {
  name: string;
  relation: string;
  href: string;
}

/** The people linked to a child that the viewer may see (under row-level security), by name. */
export async function linkedPeople(tx: Tx, personId: string, limit = 100): Promise<LinkedPersonView[]> {
  const rows = await store.linkedPeopleOf(tx, personId, limit);
  return rows
    .map((r) => ({
      name: [r.forename, r.surname].filter(Boolean).join(' ') || 'Name not known',
      relation: RELATION_LABELS[r.relation],
      href: personPath(r.id),
    }))
    .sort((a, b) => a.relation.localeCompare(b.relation) || a.name.localeCompare(b.name));
}
