/**
 * The people a child was found with, resolved within the caller's scope (issue 14, item 4): a person the
 * caller picked from a search by name (people they may see only), or "someone not yet known", recorded as a
 * new source record under the caller's agency. A picked person who does not exist, or whom the caller may
 * not see, is a field error on the pick (the form keeps its answers), never a 404; an out-of-scope pick is
 * still an audited denial (`DeniedFieldError`).
 */
import { parseSearch, type SearchResult, searchPeople } from '../people/search-service.ts';
import { openPerson, recordPerson, refreshPeople } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  AccessDeniedError,
  DeniedFieldError,
  type FieldError,
  NotFoundError,
} from '../platform/http/errors.ts';
import { fail } from './field-errors.ts';
import type { PersonFoundWith } from './input.ts';

export const PICK_AGAIN = 'Choose a person from the search results, or someone not yet known';

/** Opens a picked person as a field of the form: missing or out of scope is the pick's field error. */
async function openPicked(tx: Tx, principal: Principal, personId: string, field: string): Promise<string> {
  try {
    return (await openPerson(tx, principal, personId)).id;
  } catch (error) {
    if (error instanceof AccessDeniedError) {
      throw new DeniedFieldError(error, [{ field, message: PICK_AGAIN }]);
    }
    if (error instanceof NotFoundError) fail([{ field, message: PICK_AGAIN }]);
    throw error;
  }
}

export async function openPeopleFoundWith(
  tx: Tx,
  principal: Principal,
  child: { id: string; area: string | null },
  people: readonly PersonFoundWith[],
  prefix: string,
  now: Date = new Date(),
): Promise<{ personId: string; relation: string }[]> {
  const out: { personId: string; relation: string }[] = [];
  const created: string[] = [];
  for (const [i, p] of people.entries()) {
    const field = `${prefix}.${i}.personId`;
    let personId: string;
    if (p.newPerson) {
      // The caller searched and said this is none of the people they can see: never auto-linked to someone
      // (possibly out of their scope); a likely match is queued for a practitioner instead.
      const recorded = await recordPerson(tx, principal, {
        details: { forename: p.newPerson.forename, surname: p.newPerson.surname },
        role: 'ASSOCIATE',
        provenance: 'Found with a missing child',
        area: child.area,
        now,
        field: `${prefix}.${i}.newPerson`,
        confirmedNew: true,
      });
      personId = recorded.personId;
      created.push(personId);
    } else if (p.personId) {
      if (p.personId === child.id) fail([{ field, message: 'The child cannot be found with themselves' }]);
      personId = await openPicked(tx, principal, p.personId, field);
    } else {
      fail([{ field, message: PICK_AGAIN }]);
    }
    out.push({ personId, relation: p.relation.trim() });
  }
  if (created.length) await refreshPeople(tx, created);
  return out;
}

/** How many people a "found with" search offers: enough to pick from, few enough to read. */
export const FOUND_WITH_RESULTS = 10;

/**
 * People the caller may see whose name matches, for the "found with" radios (the people module's search,
 * under row-level security: no one out of scope is offered or counted), the child themself left out.
 */
export async function searchFoundWith(
  tx: Tx,
  childId: string,
  name: string,
): Promise<{ results: SearchResult[]; errors: FieldError[] }> {
  if (!name.trim()) {
    return { results: [], errors: [{ field: 'withName', message: 'Enter a name to search for' }] };
  }
  const { query, errors } = parseSearch({ name });
  if (errors.length) return { results: [], errors: errors.map((e) => ({ ...e, field: 'withName' })) };
  const found = await searchPeople(tx, query, FOUND_WITH_RESULTS + 1);
  return { results: found.filter((p) => p.id !== childId).slice(0, FOUND_WITH_RESULTS), errors: [] };
}
