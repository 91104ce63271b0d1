-- The funnel under the lists (people charged, of them convicted, their custodial sentences) is a figure of
-- the partnership's, as the briefing's disposal and sentence figures are: counts only, naming no one. Counted
-- over the people the reader may see it checked each charged person's scope (320 ms at scale 100, once migration 051
-- made the check one call per person).
CREATE FUNCTION lantern_pursue_funnel()
  RETURNS TABLE (charged int, convicted int, sentence_months int)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET jit = off AS $$
BEGIN
  IF NOT (lantern_purpose() = 'system' OR lantern_has_permission('case:work')
          OR lantern_has_permission('analysis:read')) THEN
    RAISE EXCEPTION 'the Pursue funnel is for Pursue readers' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
  SELECT count(*)::int, (count(*) FILTER (WHERE f.convicted))::int,
         coalesce(sum(f.sentence_months) FILTER (WHERE f.convicted), 0)::int
    FROM pursue_priority_fact f WHERE f.charged;
END $$;
REVOKE ALL ON FUNCTION lantern_pursue_funnel() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_pursue_funnel() TO lantern_app;
