-- Issue 15, division everywhere: victim referrals by the police division of the referral (as the suspects
-- linked to them already were), as `referral.division` with 'NOT_RECORDED' for a referral with none, summed
-- from the same additive facts as `referral.total`. The function is otherwise as migration 026 left it.

CREATE OR REPLACE FUNCTION lantern_briefing_counts(p_from timestamptz, p_to timestamptz, p_area text, p_division text)
  RETURNS TABLE (figure text, category text, n bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  d_from date := lantern_uk_day(p_from);
  d_to date := lantern_uk_day(p_to);
  -- Which run columns belong to the scope: the whole partnership, an area, a division, or both.
  runs text := CASE WHEN p_area IS NULL AND p_division IS NULL THEN 'p' WHEN p_division IS NULL THEN 'a'
                    WHEN p_area IS NULL THEN 'd' ELSE 'ad' END;
  -- Suspects by division within the scope count once per division.
  division_runs text := CASE WHEN p_area IS NULL THEN 'd' ELSE 'ad' END;
BEGIN
  IF NOT (lantern_purpose() = 'system' OR lantern_has_permission('stats:published')
          OR lantern_has_permission('stats:operational')) THEN
    RAISE EXCEPTION 'statistics need the stats:published or stats:operational permission' USING ERRCODE = '42501';
  END IF;

  -- Every additive figure: referrals, suspects, episodes and disposals by category, missing facts.
  RETURN QUERY
  SELECT c.figure, c.category, round(sum(c.n))::bigint
    FROM briefing_count c
   WHERE c.day >= d_from AND c.day < d_to
     AND (p_area IS NULL OR c.area = p_area) AND (p_division IS NULL OR c.division = p_division)
   GROUP BY c.figure, c.category
  HAVING sum(c.n) <> 0;

  -- Children: distinct, and those referred more than once with their referrals.
  RETURN QUERY EXECUTE format($q$
    SELECT x.figure, x.category, x.n::bigint FROM (
      SELECT count(*) AS referrals,
             count(*) FILTER (WHERE prev_%1$s IS NULL OR prev_%1$s < $1) AS children,
             count(*) FILTER (WHERE (prev_%1$s IS NULL OR prev_%1$s < $1) AND (next_%1$s IS NULL OR next_%1$s >= $2))
               AS once
        FROM briefing_run
       WHERE kind = 'CHILD' AND day >= $1 AND day < $2
         AND ($3::text IS NULL OR area = $3) AND ($4::text IS NULL OR division = $4)
    ) f, LATERAL (VALUES
      ('children.total', 'ALL', f.children),
      ('children.referred_more_than_once', 'CHILDREN', f.children - f.once),
      ('children.referred_more_than_once', 'REFERRALS', f.referrals - f.once)) AS x(figure, category, n) $q$, runs)
  USING d_from, d_to, p_area, p_division;

  -- Children with a section 20 or section 31 outcome, by outcome.
  RETURN QUERY EXECUTE format($q$
    SELECT 'children.outcome', kind, count(*) FILTER (WHERE prev_%1$s IS NULL OR prev_%1$s < $1)
      FROM briefing_run
     WHERE kind IN ('S20', 'S31') AND day >= $1 AND day < $2
       AND ($3::text IS NULL OR area = $3) AND ($4::text IS NULL OR division = $4)
     GROUP BY kind $q$, runs)
  USING d_from, d_to, p_area, p_division;

  -- ... and the distinct children with either (the table's own total).
  RETURN QUERY
  SELECT 'children.outcome'::text, 'S20_OR_S31'::text, count(DISTINCT r.person_id)
    FROM briefing_run r
   WHERE r.kind IN ('S20', 'S31') AND r.day >= d_from AND r.day < d_to
     AND (p_area IS NULL OR r.area = p_area) AND (p_division IS NULL OR r.division = p_division);

  -- Distinct suspects named on the period's victim referrals, by the referral's division and in all.
  RETURN QUERY EXECUTE format($q$
    SELECT CASE WHEN GROUPING(division) = 0 THEN 'suspect.linked_division' ELSE 'suspect.linked_total' END,
           CASE WHEN GROUPING(division) = 0 THEN coalesce(division, 'NOT_RECORDED') ELSE 'ALL' END,
           CASE WHEN GROUPING(division) = 0
                THEN count(*) FILTER (WHERE prev_%1$s IS NULL OR prev_%1$s < $1)
                ELSE count(*) FILTER (WHERE prev_%2$s IS NULL OR prev_%2$s < $1) END
      FROM briefing_run
     WHERE kind = 'SUSPECT' AND day >= $1 AND day < $2
       AND ($3::text IS NULL OR area = $3) AND ($4::text IS NULL OR division = $4)
     GROUP BY GROUPING SETS ((division), ()) $q$, division_runs, runs)
  USING d_from, d_to, p_area, p_division;

  -- Victim referrals by the referral's police division (a referral with none: NOT_RECORDED).
  RETURN QUERY
  SELECT 'referral.division'::text, CASE WHEN c.division = '' THEN 'NOT_RECORDED' ELSE c.division END,
         round(sum(c.n))::bigint
    FROM briefing_count c
   WHERE c.figure = 'referral.total' AND c.day >= d_from AND c.day < d_to
     AND (p_area IS NULL OR c.area = p_area) AND (p_division IS NULL OR c.division = p_division)
   GROUP BY 2
  HAVING sum(c.n) <> 0;
END $$;
