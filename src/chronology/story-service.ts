/**
 * The person page's part of a child's chronology (passed to the people pages by src/app.ts): the latest
 * lines and the records about the child, read once from every source under row-level security.
 */
import type { Principal } from '../platform/access/principal.ts';
import type { ChronologySource } from '../platform/chronology/entry.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { chronologyOf, NO_FILTER } from './service.ts';
import { type PersonStory, personStoryView } from './view.ts';

export async function personStory(
  tx: Tx,
  viewer: Principal,
  personId: string,
  sources: readonly ChronologySource[],
): Promise<PersonStory> {
  const { entries } = await chronologyOf(tx, viewer, personId, sources, NO_FILTER);
  return personStoryView(personId, entries);
}
