-- Issue 22, item 2: folding the briefing's deltas in steps sized by rows, not by days. After a scale-100
-- load one weekday holds ~10,000-15,000 deltas and folding it took 120-400 ms on the embedded engine (a
-- week, the first window, over 1 s): a day is too coarse a unit. A day's keys are split by a hash of the
-- key into ranges, so that one step folds a share of the day that the caller sizes to its time budget
-- (each step says how many rows it read, and the ranges of a day are alike in size, the hash being even);
-- the day index becomes (day, key hash), so that a step reads its own range and no more of the day. Every
-- delta of one key shares its day and its hash, so folding every range of every day folds them all.
-- See docs/decisions/0038-folding-sized-by-rows.md.

-- The key's hash, as the index holds it (the same expression, so that the planner uses the index).
CREATE INDEX briefing_count_day_key ON briefing_count
  (day, (hashtextextended(area || '|' || division || '|' || figure || '|' || category, 0)));
DROP INDEX briefing_count_day;

-- Part `part` of `parts` of the hash space (bigint), as its first and last hash: the parts are adjacent,
-- and part r of p is exactly parts r*k .. r*k+k-1 of k*p.
CREATE FUNCTION lantern_briefing_key_range(part integer, parts integer, OUT lo bigint, OUT hi bigint)
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  span constant numeric := 18446744073709551616;
BEGIN
  IF parts < 1 OR part < 0 OR part >= parts THEN
    RAISE EXCEPTION 'part % of % is not a part', part, parts USING ERRCODE = '22023';
  END IF;
  lo := (-9223372036854775808 + floor(part * span / parts))::bigint;
  hi := (-9223372036854775808 + floor((part + 1) * span / parts) - 1)::bigint;
END $$;

-- Migration 037's folding of the days [from_day, to_day), for the keys in part `part` of `parts` only.
-- `rows_read`: the rows of the part (the step's work, by which the caller sizes the next); `folded`: those of
-- them replaced, being a key's deltas; `removed`: how many fewer rows there are now.
CREATE FUNCTION lantern_briefing_fold_part(from_day date, to_day date, part integer, parts integer,
    OUT rows_read bigint, OUT folded bigint, OUT removed bigint)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  added bigint;
  lo bigint;
  hi bigint;
  was text := coalesce(current_setting('lantern.briefing_folding', true), '');
BEGIN
  IF lantern_purpose() IS DISTINCT FROM 'system' THEN
    RAISE EXCEPTION 'only the system compacts the briefing counts' USING ERRCODE = '42501';
  END IF;
  SELECT r.lo, r.hi INTO lo, hi FROM lantern_briefing_key_range(part, parts) r;
  PERFORM set_config('lantern.briefing_folding', 'on', true);
  WITH keys AS (
    SELECT day, area, division, figure, category, count(*) AS deltas FROM briefing_count
     WHERE day >= from_day AND day < to_day
       AND hashtextextended(area || '|' || division || '|' || figure || '|' || category, 0) BETWEEN lo AND hi
     GROUP BY 1, 2, 3, 4, 5),
  gone AS (
    DELETE FROM briefing_count c USING keys r
     WHERE r.deltas > 1 AND c.day >= from_day AND c.day < to_day
       AND hashtextextended(c.area || '|' || c.division || '|' || c.figure || '|' || c.category, 0)
           BETWEEN lo AND hi
       AND (c.day, c.area, c.division, c.figure, c.category) = (r.day, r.area, r.division, r.figure, r.category)
    RETURNING c.*),
  kept AS (
    INSERT INTO briefing_count (day, area, division, figure, category, n)
    SELECT day, area, division, figure, category, sum(n) FROM gone
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    RETURNING 1)
  SELECT (SELECT coalesce(sum(deltas), 0) FROM keys), (SELECT count(*) FROM gone), (SELECT count(*) FROM kept)
    INTO rows_read, folded, added;
  PERFORM set_config('lantern.briefing_folding', was, true);
  removed := folded - added;
END $$;

-- The whole window in one part, as before.
CREATE OR REPLACE FUNCTION lantern_briefing_compact_days(from_day date, to_day date) RETURNS bigint
  LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
  SELECT f.removed FROM lantern_briefing_fold_part(from_day, to_day, 0, 1) f
$$;

REVOKE ALL ON FUNCTION lantern_briefing_fold_part(date, date, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_fold_part(date, date, integer, integer) TO lantern_app;
