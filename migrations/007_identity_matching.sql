-- Matching at intake must consider everyone in the registry, not only the people the referrer may see;
-- it gets the comparison fields of blocked candidates and nothing else, and never shows them to the user.
CREATE FUNCTION lantern_match_candidates(
  p_dob date, p_birth_year integer, p_surname_codes text[], p_nhs text, p_postcode_sector text, p_initial text,
  p_limit integer
) RETURNS TABLE (
  source_record_id uuid, person_id uuid, forename text, surname text, dob date, gender text, postcode text,
  nhs_number text, other_id text
) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, coalesce(p.merged_into, s.person_id), s.forename, s.surname, s.dob, s.gender,
         (SELECT a.postcode FROM source_address a WHERE a.source_record_id = s.id ORDER BY a.from_date DESC NULLS LAST LIMIT 1),
         s.nhs_number, coalesce(s.police_ref, s.school_upn, s.la_id)
    FROM source_record s JOIN person p ON p.id = s.person_id
   WHERE (p_dob IS NOT NULL AND s.dob = p_dob)
      OR (p_nhs IS NOT NULL AND s.nhs_number = p_nhs)
      OR (p_birth_year IS NOT NULL AND (s.surname_dm = ANY (p_surname_codes) OR s.surname_dm_alt = ANY (p_surname_codes))
          AND extract(year FROM s.dob) = p_birth_year)
      OR (p_initial IS NOT NULL AND (s.surname_dm = ANY (p_surname_codes) OR s.surname_dm_alt = ANY (p_surname_codes))
          AND left(s.search_name, 1) = p_initial)
      OR (p_postcode_sector IS NOT NULL AND p_initial IS NOT NULL AND left(s.search_name, 1) = p_initial
          AND EXISTS (SELECT 1 FROM source_address a WHERE a.source_record_id = s.id AND a.postcode_key LIKE p_postcode_sector || '%'))
   LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION lantern_match_candidates(date, integer, text[], text, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_match_candidates(date, integer, text[], text, text, text, integer) TO lantern_app;

-- Intake queues possible matches for the hub's reviewers: a referrer may queue a match between people it
-- cannot see (and never reads it back), so the queueing runs with the owner's rights.
CREATE FUNCTION lantern_queue_match(
  p_person uuid, p_candidate uuid, p_probability double precision, p_weight double precision, p_explanation jsonb,
  p_source text, p_area text, p_model integer
) RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO match_candidate (person_id, candidate_person_id, probability, match_weight, explanation, status, source, area, model_version)
  VALUES (p_person, p_candidate, p_probability, p_weight, p_explanation, 'PENDING', p_source, p_area, p_model)
  ON CONFLICT (person_id, candidate_person_id) DO NOTHING
$$;
REVOKE ALL ON FUNCTION lantern_queue_match(uuid, uuid, double precision, double precision, jsonb, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_queue_match(uuid, uuid, double precision, double precision, jsonb, text, text, integer) TO lantern_app;

-- Search candidates by index. pg_trgm's operators are not LEAKPROOF, so under row-level security the
-- planner cannot use the trigram index and scans every record; this function finds the candidate records
-- through the index, and the caller's query then keeps only people (and matched records) in scope.
CREATE FUNCTION lantern_search_hits(
  p_name text, p_forename_dm text, p_surname_dm text, p_surname_dm_alt text, p_dob date, p_identifier text,
  p_postcode text, p_limit integer
) RETURNS TABLE (source_record_id uuid, person_id uuid, score double precision)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.id, s.person_id,
         (CASE WHEN p_name IS NULL THEN 0 ELSE greatest(similarity(s.search_name, p_name), word_similarity(p_name, s.search_name)) END
          + CASE WHEN p_surname_dm IS NOT NULL AND (s.surname_dm IN (p_surname_dm, p_surname_dm_alt)
                 OR s.surname_dm_alt IN (p_surname_dm, p_surname_dm_alt)) THEN 0.3 ELSE 0 END
          + CASE WHEN p_dob IS NOT NULL AND s.dob = p_dob THEN 0.5 ELSE 0 END
          + CASE WHEN p_identifier IS NOT NULL THEN 1 ELSE 0 END)::float8
    FROM source_record s
   WHERE (p_name IS NULL OR s.search_name % p_name
          OR (p_surname_dm IS NOT NULL AND (s.surname_dm IN (p_surname_dm, p_surname_dm_alt) OR s.surname_dm_alt IN (p_surname_dm, p_surname_dm_alt))
              AND (p_forename_dm IS NULL OR s.forename_dm = p_forename_dm OR left(s.search_name, 1) = left(p_name, 1))))
     AND (p_dob IS NULL OR s.dob = p_dob)
     AND (p_identifier IS NULL OR p_identifier IN (s.nhs_number, upper(s.school_upn), upper(s.police_ref), upper(s.la_id)))
     AND (p_postcode IS NULL OR EXISTS (SELECT 1 FROM source_address a WHERE a.source_record_id = s.id AND a.postcode_key LIKE p_postcode || '%'))
   ORDER BY 3 DESC
   LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION lantern_search_hits(text, text, text, text, date, text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_search_hits(text, text, text, text, date, text, text, integer) TO lantern_app;
