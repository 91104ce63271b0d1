-- Search and intake matching, planned for the terms actually given. The SQL functions of migration 007
-- wrote every optional term as `(p IS NULL OR ...)`; PostgreSQL plans a SECURITY DEFINER SQL function's
-- body with its arguments unknown, so the optional terms defeated the trigram and phonetic indexes and
-- each search read the whole source_record table (measured: search p50 615 ms at 100,000 people on
-- PostgreSQL 15, against 41 ms on the embedded database). The same functions, same signatures and same
-- results, now build their WHERE clause from the terms present and run it as dynamic SQL with the values
-- bound, so every call gets a plan for its own terms.

CREATE OR REPLACE FUNCTION lantern_search_hits(
  p_name text, p_forename_dm text, p_surname_dm text, p_surname_dm_alt text, p_dob date, p_identifier text,
  p_postcode text, p_limit integer
) RETURNS TABLE (source_record_id uuid, person_id uuid, score double precision)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  terms text[] := ARRAY['true'];
  sounds_like text := '(s.surname_dm IN ($3, $4) OR s.surname_dm_alt IN ($3, $4))';
BEGIN
  IF p_name IS NOT NULL THEN
    terms := terms || CASE
      WHEN p_surname_dm IS NULL THEN 's.search_name % $1'
      WHEN p_forename_dm IS NULL THEN format('(s.search_name %% $1 OR %s)', sounds_like)
      ELSE format('(s.search_name %% $1 OR (%s AND (s.forename_dm = $2 OR left(s.search_name, 1) = left($1, 1))))',
                  sounds_like)
    END;
  END IF;
  IF p_dob IS NOT NULL THEN terms := terms || 's.dob = $5'::text; END IF;
  IF p_identifier IS NOT NULL THEN
    terms := terms || '$6 IN (s.nhs_number, upper(s.school_upn), upper(s.police_ref), upper(s.la_id))'::text;
  END IF;
  IF p_postcode IS NOT NULL THEN
    terms := terms || 'EXISTS (SELECT 1 FROM source_address a WHERE a.source_record_id = s.id AND a.postcode_key LIKE $7 || ''%'')'::text;
  END IF;
  RETURN QUERY EXECUTE format($q$
    SELECT s.id, s.person_id,
           (CASE WHEN $1 IS NULL THEN 0 ELSE greatest(similarity(s.search_name, $1), word_similarity($1, s.search_name)) END
            + CASE WHEN $3 IS NOT NULL AND (s.surname_dm IN ($3, $4) OR s.surname_dm_alt IN ($3, $4)) THEN 0.3 ELSE 0 END
            + CASE WHEN $5 IS NOT NULL AND s.dob = $5 THEN 0.5 ELSE 0 END
            + CASE WHEN $6 IS NOT NULL THEN 1 ELSE 0 END)::float8
      FROM source_record s
     WHERE %s
     ORDER BY 3 DESC
     LIMIT $8 $q$, array_to_string(terms, ' AND '))
  USING p_name, p_forename_dm, p_surname_dm, p_surname_dm_alt, p_dob, p_identifier, p_postcode, p_limit;
END $$;

CREATE OR REPLACE FUNCTION lantern_match_candidates(
  p_dob date, p_birth_year integer, p_surname_codes text[], p_nhs text, p_postcode_sector text, p_initial text,
  p_limit integer
) RETURNS TABLE (
  source_record_id uuid, person_id uuid, forename text, surname text, dob date, gender text, postcode text,
  nhs_number text, other_id text
) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  arms text[] := '{}';
  sounds_like text := '(s.surname_dm = ANY ($3) OR s.surname_dm_alt = ANY ($3))';
BEGIN
  IF p_dob IS NOT NULL THEN arms := arms || 's.dob = $1'::text; END IF;
  IF p_nhs IS NOT NULL THEN arms := arms || 's.nhs_number = $4'::text; END IF;
  IF p_birth_year IS NOT NULL THEN
    arms := arms || format('(%s AND extract(year FROM s.dob) = $2)', sounds_like);
  END IF;
  IF p_initial IS NOT NULL THEN
    arms := arms || format('(%s AND left(s.search_name, 1) = $6)', sounds_like);
    IF p_postcode_sector IS NOT NULL THEN
      arms := arms || ('(left(s.search_name, 1) = $6 AND EXISTS (SELECT 1 FROM source_address a'
                       ' WHERE a.source_record_id = s.id AND a.postcode_key LIKE $5 || ''%''))')::text;
    END IF;
  END IF;
  IF cardinality(arms) = 0 THEN RETURN; END IF;
  RETURN QUERY EXECUTE format($q$
    SELECT s.id, coalesce(p.merged_into, s.person_id), s.forename, s.surname, s.dob, s.gender,
           (SELECT a.postcode FROM source_address a WHERE a.source_record_id = s.id
             ORDER BY a.from_date DESC NULLS LAST LIMIT 1),
           s.nhs_number, coalesce(s.police_ref, s.school_upn, s.la_id)
      FROM source_record s JOIN person p ON p.id = s.person_id
     WHERE %s
     LIMIT $7 $q$, array_to_string(arms, ' OR '))
  USING p_dob, p_birth_year, p_surname_codes, p_nhs, p_postcode_sector, p_initial, p_limit;
END $$;
