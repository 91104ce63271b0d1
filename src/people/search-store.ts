/** SQL of person search: the candidates through the search index, within the searcher's scope. */
import type { Tx } from '../platform/db/transaction.ts';
import type { PersonRow } from './store.ts';

/** The parsed terms a search runs on (see `parseSearch` in ./search-service.ts). */
export interface SearchTerms {
  name: string | null;
  forenameDm: string | null;
  surnameDm: string | null;
  surnameDmAlt: string | null;
  dob: string | null;
  identifier: string | null;
  /** Upper case without spaces; a prefix for a sector ("PR12") or the whole unit ("PR12AB"). */
  postcodePrefix: string | null;
}

/** A person found, with the person's own columns as the registry holds them. */
export interface SearchResult
  extends Pick<PersonRow, 'id' | 'forename' | 'surname' | 'dob' | 'estimated_age' | 'gender'> {
  score: number;
  matched_on: string[];
  referrals: number;
}

/**
 * One row per person matching every term, best first, without what it matched on; `total` on each row is how
 * many people match in all (a window over the grouped hits, counted before LIMIT/OFFSET: no second query).
 */
export async function searchHits(
  tx: Tx,
  q: SearchTerms,
  limit: number,
  offset = 0,
): Promise<Array<Omit<SearchResult, 'matched_on'> & { total: number }>> {
  // Candidates come through the index (see lantern_search_hits); row-level security then keeps only people,
  // and matched records, the searcher may see: nothing out of scope is returned or counted.
  return tx.query<Omit<SearchResult, 'matched_on'> & { total: number }>(
    `WITH hits AS (SELECT * FROM lantern_search_hits($1, $2, $3, $4, $5::date, $6, $7, 2000))
     SELECT p.id, p.forename, p.surname, to_char(p.dob, 'YYYY-MM-DD') AS dob, p.estimated_age, p.gender,
            max(h.score)::float8 AS score,
            (SELECT count(*)::int FROM victim_referral r WHERE r.person_id = p.id) AS referrals,
            (count(*) OVER ())::int AS total
       FROM hits h JOIN person p ON p.id = h.person_id
      WHERE p.merged_into IS NULL AND EXISTS (SELECT 1 FROM source_record s WHERE s.id = h.source_record_id)
      GROUP BY p.id ORDER BY score DESC, p.surname, p.forename, p.id LIMIT $8 OFFSET $9`,
    [q.name, q.forenameDm, q.surnameDm, q.surnameDmAlt, q.dob, q.identifier, q.postcodePrefix, limit, offset],
  );
}
