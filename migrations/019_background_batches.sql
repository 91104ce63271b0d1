-- Background work in bounded steps (issue 22, item 2; docs/decisions/0018-background-work-in-bounded-steps.md).
-- On the embedded engine a query holds the only connection, and the engine runs inside the Node process:
-- a job's statement must be short, so that a request never waits long behind it. These give the scheduled
-- jobs steps they can take a bounded piece at a time.

-- The breach marker's candidates (open, not yet breached), found by deadline without reading the queue:
-- each step marks the oldest few hundred, and the common case (nothing new to mark) is one index probe.
CREATE INDEX mash_episode_unbreached ON mash_episode (rag_deadline)
  WHERE closed_at IS NULL AND breached_at IS NULL;

-- The days the briefing's counts span, so that folding can walk them a window at a time.
CREATE FUNCTION lantern_briefing_count_days(OUT first_day date, OUT last_day date)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF lantern_purpose() IS DISTINCT FROM 'system' THEN
    RAISE EXCEPTION 'only the system compacts the briefing counts' USING ERRCODE = '42501';
  END IF;
  SELECT min(day), max(day) INTO first_day, last_day FROM briefing_count;
END $$;

-- lantern_briefing_compact() (migration 011) over the days from_day (inclusive) to to_day (exclusive) only:
-- the deltas of one key share its day, so folding day windows one after another folds them all.
CREATE FUNCTION lantern_briefing_compact_days(from_day date, to_day date) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  removed bigint;
  added bigint;
BEGIN
  IF lantern_purpose() IS DISTINCT FROM 'system' THEN
    RAISE EXCEPTION 'only the system compacts the briefing counts' USING ERRCODE = '42501';
  END IF;
  WITH repeated AS (
    SELECT day, area, division, figure, category FROM briefing_count
     WHERE day >= from_day AND day < to_day
     GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1),
  gone AS (
    DELETE FROM briefing_count c USING repeated r
     WHERE c.day >= from_day AND c.day < to_day
       AND (c.day, c.area, c.division, c.figure, c.category) = (r.day, r.area, r.division, r.figure, r.category)
    RETURNING c.*),
  folded AS (
    INSERT INTO briefing_count (day, area, division, figure, category, n)
    SELECT day, area, division, figure, category, sum(n) FROM gone
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    RETURNING 1)
  SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM folded) INTO removed, added;
  RETURN removed - added;
END $$;

REVOKE ALL ON FUNCTION lantern_briefing_count_days() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_count_days() TO lantern_app;
REVOKE ALL ON FUNCTION lantern_briefing_compact_days(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_compact_days(date, date) TO lantern_app;
