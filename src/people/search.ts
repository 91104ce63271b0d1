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

export interface SearchInput {
  name?: string | null;
  dob?: string | null;
  identifier?: string | null;
  postcode?: string | null;
}

export interface SearchQuery {
  name: string | null;
  forenameDm: string | null;
  surnameDm: string | null;
  surnameDmAlt: string | null;
  dob: string | null;
  identifier: string | null;
  /** Upper case without spaces; a prefix for a sector ("PR12") or the whole unit ("PR12AB"). */
  postcodePrefix: string | null;
}

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

export interface SearchResult {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  estimated_age: number | null;
  gender: string | null;
  score: number;
  matched_on: string[];
  referrals: number;
}

/**
 * One row per person, best first. A name matches by trigram similarity, or by the surname sounding the same
 * with the forename sounding the same or sharing its initial; other terms must match exactly.
 */
export async function searchPeople(tx: Tx, q: SearchQuery, limit = 50): Promise<SearchResult[]> {
  // Candidates come through the index (see lantern_search_hits); row-level security then keeps only people,
  // and matched records, the searcher may see: nothing out of scope is returned or counted.
  const rows = await tx.query<Omit<SearchResult, 'matched_on'>>(
    `WITH hits AS (SELECT * FROM lantern_search_hits($1, $2, $3, $4, $5::date, $6, $7, 2000))
     SELECT p.id, p.forename, p.surname, to_char(p.dob, 'YYYY-MM-DD') AS dob, p.estimated_age, p.gender,
            max(h.score)::float8 AS score,
            (SELECT count(*)::int FROM victim_referral r WHERE r.person_id = p.id) AS referrals
       FROM hits h JOIN person p ON p.id = h.person_id
      WHERE p.merged_into IS NULL AND EXISTS (SELECT 1 FROM source_record s WHERE s.id = h.source_record_id)
      GROUP BY p.id ORDER BY score DESC, p.surname, p.forename LIMIT $8`,
    [q.name, q.forenameDm, q.surnameDm, q.surnameDmAlt, q.dob, q.identifier, q.postcodePrefix, limit],
  );
  // Every result met every term given (the terms are ANDed), so what it matched on is the terms themselves.
  const matchedOn = [
    q.name ? 'name' : null,
    q.dob ? 'date of birth' : null,
    q.identifier ? 'identifier' : null,
    q.postcodePrefix ? 'postcode' : null,
  ].filter((t): t is string => t !== null);
  return rows.map((row) => ({ ...row, matched_on: matchedOn }));
}
