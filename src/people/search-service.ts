/**
 * Finding a person: by name (trigram similarity for misspellings, Double Metaphone for sound-alikes), date
 * of birth, any identifier and postcode (full, or sector). Row-level security keeps results, and so their
 * count, within the searcher's scope.
 */

import type { Tx } from '../platform/db/transaction.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { doubleMetaphone } from './identity/double-metaphone.ts';
import { normaliseNhsNumber } from './nhs-number.ts';
import { parseUkPostcode } from './postcode.ts';
import { isIsoDate, normaliseName } from './rules.ts';
import type { SearchResult } from './search-store.ts';
import * as store from './search-store.ts';

export type { SearchResult };

export interface SearchInput {
  name?: string | null;
  dob?: string | null;
  identifier?: string | null;
  postcode?: string | null;
}

/** The terms as the search index takes them. */
export type SearchQuery = store.SearchTerms;

export function parseSearch(input: SearchInput): { query: SearchQuery; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = normaliseName(input.name ?? '');
  const dob = (input.dob ?? '').trim();
  const identifier = (input.identifier ?? '').trim();
  const postcodeRaw = (input.postcode ?? '').trim().toUpperCase();
  if (!name && !dob && !identifier && !postcodeRaw) {
    errors.push({
      field: 'name',
      message: 'Enter a name, date of birth, identifier or postcode to search for',
    });
  }
  if (name.length > 200) errors.push({ field: 'name', message: 'Name must be 200 characters or fewer' });
  if (dob && !isIsoDate(dob))
    errors.push({ field: 'dob', message: 'Enter the date of birth as a real date' });
  if (identifier.length > 40)
    errors.push({ field: 'identifier', message: 'Identifier must be 40 characters or fewer' });
  let postcodePrefix: string | null = null;
  if (postcodeRaw) {
    const full = parseUkPostcode(postcodeRaw);
    const sector = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d)$/.exec(postcodeRaw);
    if (full) postcodePrefix = full.full.replace(' ', '');
    else if (sector) postcodePrefix = `${sector[1]}${sector[2]}`;
    else
      errors.push({
        field: 'postcode',
        message: 'Enter a full postcode (PR1 2AB) or a postcode sector (PR1 2)',
      });
  }
  const tokens = name.split(' ').filter(Boolean);
  const forename = tokens.length > 1 ? doubleMetaphone(tokens[0]!) : null;
  const surname = tokens.length ? doubleMetaphone(tokens.at(-1)!) : null;
  return {
    errors,
    query: {
      name: name || null,
      forenameDm: forename?.primary || null,
      surnameDm: surname?.primary || null,
      surnameDmAlt: surname?.alternate || null,
      dob: dob || null,
      // NHS numbers are typed with spaces; other identifiers (LA-55501) keep their hyphens.
      identifier: identifier
        ? /^[\d\s-]+$/.test(identifier)
          ? normaliseNhsNumber(identifier)
          : identifier.toUpperCase()
        : null,
      postcodePrefix,
    },
  };
}

/**
 * One row per person, best first. A name matches by trigram similarity, or by the surname sounding the same
 * with the forename sounding the same or sharing its initial; other terms must match exactly.
 */
export async function searchPeople(tx: Tx, q: SearchQuery, limit = 50): Promise<SearchResult[]> {
  return (await searchPeoplePage(tx, q, { limit, offset: 0 })).rows;
}

/**
 * A page of the people matching the terms (LIMIT/OFFSET in SQL), best first, and how many match in all (0 when
 * the page is past the last, where no row carries the count).
 */
export async function searchPeoplePage(
  tx: Tx,
  q: SearchQuery,
  page: { limit: number; offset: number },
): Promise<{ rows: SearchResult[]; total: number }> {
  const hits = await store.searchHits(tx, q, page.limit, page.offset);
  // Every result met every term given (the terms are ANDed), so what it matched on is the terms themselves.
  const matchedOn = [
    q.name ? 'name' : null,
    q.dob ? 'date of birth' : null,
    q.identifier ? 'identifier' : null,
    q.postcodePrefix ? 'postcode' : null,
  ].filter((t): t is string => t !== null);
  const rows = hits.map(({ total: _total, ...row }) => ({ ...row, matched_on: matchedOn }));
  return { rows, total: hits[0]?.total ?? 0 };
}
