-- Issues 15 and 22, the briefing's speed (docs/decisions/0032-briefing-counts-in-one-pass.md).
--
-- 1. lantern_briefing_counts_by_scope: the counts of lantern_briefing_counts (migration 031) for several
--    periods and scopes at once. A published briefing needs eight readings (the partnership and its areas,
--    or the partnership and its divisions, for the period and the previous one); each re-read the same
--    facts. Here each fact is read once: the facts of every period are first summed by area and division
--    (the runs with every kind of scope's filter side by side), and each scope then adds up the few groups
--    it covers. The rows for each (period, scope) are exactly those lantern_briefing_counts returns for it
--    (test/reports/counts-by-scope.test.ts compares them); that function stays for a single reading.
-- 2. briefing_fact_change: one row appended by every statement that changes the facts, so that the
--    service can keep the counts it read and know, cheaply, that nothing has changed since
--    (lantern_briefing_fact_marker). Appended, never updated: concurrent writers never wait on each other.

-- The periods and scopes of one reading, numbered as the caller passed them: each period as [d_from, d_to)
-- days, each scope with its kind (k: p the partnership, a an area, d a division, ad both), which picks
-- the children's first-referral filter that scope counts with. Plain SQL, so each use is inlined.
CREATE FUNCTION lantern_briefing_periods(p_first date[], p_last date[])
  RETURNS TABLE (i integer, d_from date, d_to date) LANGUAGE sql IMMUTABLE AS $$
  SELECT u.i::int, u.d_first, u.d_last + 1 FROM unnest(p_first, p_last) WITH ORDINALITY u(d_first, d_last, i)
$$;
CREATE FUNCTION lantern_briefing_scopes(p_area text[], p_division text[])
  RETURNS TABLE (i integer, area text, division text, k text) LANGUAGE sql IMMUTABLE AS $$
  SELECT u.i::int, u.area, u.division,
         CASE WHEN u.area IS NULL AND u.division IS NULL THEN 'p' WHEN u.division IS NULL THEN 'a'
              WHEN u.area IS NULL THEN 'd' ELSE 'ad' END
    FROM unnest(p_area, p_division) WITH ORDINALITY u(area, division, i)
$$;

CREATE FUNCTION lantern_briefing_counts_by_scope(p_first date[], p_last date[], p_area text[], p_division text[])
  RETURNS TABLE (period int, scope int, figure text, category text, n bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
  -- The children with an s20 or s31 outcome are made distinct in memory, not spilled to disk (the default
  -- 4 MB spilled at 200,000 referrals).
  SET work_mem = '32MB'
  -- Each query planned for the days asked for: after five calls PL/pgSQL may keep a generic plan, made
  -- without knowing the days (the benchmark's later readings on PGlite took about twice as long without
  -- this setting, under shared load).
  SET plan_cache_mode = 'force_custom_plan' AS $$
#variable_conflict use_column
DECLARE
  -- The days every period spans together: each query reads them once, through the day index.
  d_min date := (SELECT min(d) FROM unnest(p_first) d);
  d_max date := (SELECT max(d) + 1 FROM unnest(p_last) d);
BEGIN
  IF NOT (lantern_purpose() = 'system' OR lantern_has_permission('stats:published')
          OR lantern_has_permission('stats:operational')) THEN
    RAISE EXCEPTION 'statistics need the stats:published or stats:operational permission' USING ERRCODE = '42501';
  END IF;
  IF coalesce(cardinality(p_first), 0) = 0 OR cardinality(p_first) <> coalesce(cardinality(p_last), 0)
     OR coalesce(cardinality(p_area), 0) = 0 OR cardinality(p_area) <> coalesce(cardinality(p_division), 0) THEN
    RAISE EXCEPTION 'periods (first and last days) and scopes (area and division) come in pairs' USING ERRCODE = '22023';
  END IF;

  -- Every additive figure, and victim referrals by the referral's division, as migration 031 reads them.
  RETURN QUERY
  WITH p AS (SELECT * FROM lantern_briefing_periods(p_first, p_last)),
       s AS (SELECT * FROM lantern_briefing_scopes(p_area, p_division)),
       g AS (SELECT p.i AS period, c.area, c.division, c.figure, c.category, sum(c.n) AS n
               FROM briefing_count c JOIN p ON c.day >= p.d_from AND c.day < p.d_to
              WHERE c.day >= d_min AND c.day < d_max
              GROUP BY 1, 2, 3, 4, 5)
  SELECT g.period, s.i, x.figure, x.category, round(sum(g.n))::bigint
    FROM g JOIN s ON (s.area IS NULL OR g.area = s.area) AND (s.division IS NULL OR g.division = s.division)
   CROSS JOIN LATERAL (VALUES
     (false, g.figure, g.category),
     (true, CASE WHEN g.figure = 'referral.total' THEN 'referral.division' END,
            CASE WHEN g.division = '' THEN 'NOT_RECORDED' ELSE g.division END)) AS x(by_division, figure, category)
   WHERE x.figure IS NOT NULL
   GROUP BY g.period, s.i, x.by_division, x.figure, x.category
  HAVING sum(g.n) <> 0;

  -- Children: distinct, and those referred more than once with their referrals. A run row's filters for
  -- the partnership (p), an area (a), a division (d) and both (ad) are counted side by side; each scope
  -- adds up its own kind's over the groups it covers (a scope with no referrals: zeros, as in 031).
  RETURN QUERY
  WITH p AS (SELECT * FROM lantern_briefing_periods(p_first, p_last)),
       s AS (SELECT * FROM lantern_briefing_scopes(p_area, p_division)),
       g AS (SELECT p.i AS period, r.area, r.division, count(*) AS referrals,
                    count(*) FILTER (WHERE r.prev_p IS NULL OR r.prev_p < p.d_from) AS first_p,
                    count(*) FILTER (WHERE r.prev_a IS NULL OR r.prev_a < p.d_from) AS first_a,
                    count(*) FILTER (WHERE r.prev_d IS NULL OR r.prev_d < p.d_from) AS first_d,
                    count(*) FILTER (WHERE r.prev_ad IS NULL OR r.prev_ad < p.d_from) AS first_ad,
                    count(*) FILTER (WHERE (r.prev_p IS NULL OR r.prev_p < p.d_from)
                                       AND (r.next_p IS NULL OR r.next_p >= p.d_to)) AS once_p,
                    count(*) FILTER (WHERE (r.prev_a IS NULL OR r.prev_a < p.d_from)
                                       AND (r.next_a IS NULL OR r.next_a >= p.d_to)) AS once_a,
                    count(*) FILTER (WHERE (r.prev_d IS NULL OR r.prev_d < p.d_from)
                                       AND (r.next_d IS NULL OR r.next_d >= p.d_to)) AS once_d,
                    count(*) FILTER (WHERE (r.prev_ad IS NULL OR r.prev_ad < p.d_from)
                                       AND (r.next_ad IS NULL OR r.next_ad >= p.d_to)) AS once_ad
               FROM briefing_run r JOIN p ON r.day >= p.d_from AND r.day < p.d_to
              WHERE r.kind = 'CHILD' AND r.day >= d_min AND r.day < d_max
              GROUP BY 1, 2, 3),
       f AS (SELECT p.i AS period, s.i AS scope, coalesce(sum(g.referrals), 0) AS referrals,
                    coalesce(sum(CASE s.k WHEN 'p' THEN g.first_p WHEN 'a' THEN g.first_a
                                          WHEN 'd' THEN g.first_d ELSE g.first_ad END), 0) AS children,
                    coalesce(sum(CASE s.k WHEN 'p' THEN g.once_p WHEN 'a' THEN g.once_a
                                          WHEN 'd' THEN g.once_d ELSE g.once_ad END), 0) AS once
               FROM p CROSS JOIN s
               LEFT JOIN g ON g.period = p.i AND (s.area IS NULL OR g.area = s.area)
                          AND (s.division IS NULL OR g.division = s.division)
              GROUP BY p.i, s.i)
  SELECT f.period, f.scope, x.figure, x.category, x.n::bigint FROM f, LATERAL (VALUES
      ('children.total', 'ALL', f.children),
      ('children.referred_more_than_once', 'CHILDREN', f.children - f.once),
      ('children.referred_more_than_once', 'REFERRALS', f.referrals - f.once)) AS x(figure, category, n);

  -- Children with a section 20 or section 31 outcome, by outcome (a row for each outcome the scope has).
  RETURN QUERY
  WITH p AS (SELECT * FROM lantern_briefing_periods(p_first, p_last)),
       s AS (SELECT * FROM lantern_briefing_scopes(p_area, p_division)),
       g AS (SELECT p.i AS period, r.kind, r.area, r.division,
                    count(*) FILTER (WHERE r.prev_p IS NULL OR r.prev_p < p.d_from) AS first_p,
                    count(*) FILTER (WHERE r.prev_a IS NULL OR r.prev_a < p.d_from) AS first_a,
                    count(*) FILTER (WHERE r.prev_d IS NULL OR r.prev_d < p.d_from) AS first_d,
                    count(*) FILTER (WHERE r.prev_ad IS NULL OR r.prev_ad < p.d_from) AS first_ad
               FROM briefing_run r JOIN p ON r.day >= p.d_from AND r.day < p.d_to
              WHERE r.kind IN ('S20', 'S31') AND r.day >= d_min AND r.day < d_max
              GROUP BY 1, 2, 3, 4)
  SELECT g.period, s.i, 'children.outcome'::text, g.kind,
         sum(CASE s.k WHEN 'p' THEN g.first_p WHEN 'a' THEN g.first_a WHEN 'd' THEN g.first_d ELSE g.first_ad END)::bigint
    FROM g JOIN s ON (s.area IS NULL OR g.area = s.area) AND (s.division IS NULL OR g.division = s.division)
   GROUP BY g.period, s.i, g.kind;

  -- ... and the distinct children with either (the table's own total): each child once per period, area
  -- and division first, then counted once per scope.
  RETURN QUERY
  WITH p AS (SELECT * FROM lantern_briefing_periods(p_first, p_last)),
       s AS (SELECT * FROM lantern_briefing_scopes(p_area, p_division)),
       g AS (SELECT DISTINCT p.i AS period, r.person_id, r.area, r.division
               FROM briefing_run r JOIN p ON r.day >= p.d_from AND r.day < p.d_to
              WHERE r.kind IN ('S20', 'S31') AND r.day >= d_min AND r.day < d_max)
  SELECT p.i, s.i, 'children.outcome'::text, 'S20_OR_S31'::text, count(DISTINCT g.person_id)
    FROM p CROSS JOIN s
    LEFT JOIN g ON g.period = p.i AND (s.area IS NULL OR g.area = s.area) AND (s.division IS NULL OR g.division = s.division)
   GROUP BY p.i, s.i;

  -- Distinct suspects named on the period's victim referrals, by the referral's division (counted once per
  -- division: the d filter, or ad within an area) and in all (the scope's own filter).
  RETURN QUERY
  WITH p AS (SELECT * FROM lantern_briefing_periods(p_first, p_last)),
       s AS (SELECT * FROM lantern_briefing_scopes(p_area, p_division)),
       g AS (SELECT p.i AS period, r.area, r.division,
                    count(*) FILTER (WHERE r.prev_p IS NULL OR r.prev_p < p.d_from) AS first_p,
                    count(*) FILTER (WHERE r.prev_a IS NULL OR r.prev_a < p.d_from) AS first_a,
                    count(*) FILTER (WHERE r.prev_d IS NULL OR r.prev_d < p.d_from) AS first_d,
                    count(*) FILTER (WHERE r.prev_ad IS NULL OR r.prev_ad < p.d_from) AS first_ad
               FROM briefing_run r JOIN p ON r.day >= p.d_from AND r.day < p.d_to
              WHERE r.kind = 'SUSPECT' AND r.day >= d_min AND r.day < d_max
              GROUP BY 1, 2, 3)
  SELECT g.period, s.i, 'suspect.linked_division'::text, coalesce(g.division, 'NOT_RECORDED'),
         sum(CASE WHEN s.area IS NULL THEN g.first_d ELSE g.first_ad END)::bigint
    FROM g JOIN s ON (s.area IS NULL OR g.area = s.area) AND (s.division IS NULL OR g.division = s.division)
   GROUP BY g.period, s.i, g.division
  UNION ALL
  SELECT p.i, s.i, 'suspect.linked_total'::text, 'ALL'::text,
         coalesce(sum(CASE s.k WHEN 'p' THEN g.first_p WHEN 'a' THEN g.first_a
                               WHEN 'd' THEN g.first_d ELSE g.first_ad END), 0)::bigint
    FROM p CROSS JOIN s
    LEFT JOIN g ON g.period = p.i AND (s.area IS NULL OR g.area = s.area) AND (s.division IS NULL OR g.division = s.division)
   GROUP BY p.i, s.i;
END $$;

REVOKE ALL ON FUNCTION lantern_briefing_counts_by_scope(date[], date[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_counts_by_scope(date[], date[], text[], text[]) TO lantern_app;

-- The change log of the facts. `n` statements changed them, the last numbered `seq`: folding replaces rows
-- by one with their sum and their highest number, so that sum(n) only grows as changes commit (whatever
-- order they commit in) and max(seq) tells a log emptied some other way from the one before.
CREATE TABLE briefing_fact_change (
  n bigint NOT NULL,
  seq bigint NOT NULL
);
CREATE SEQUENCE briefing_fact_change_seq;
REVOKE ALL ON briefing_fact_change FROM PUBLIC;
REVOKE ALL ON SEQUENCE briefing_fact_change_seq FROM PUBLIC;

-- Appends a change when a statement changed at least one row of the facts (a statement that changes none,
-- as an intake trigger whose counts cancel out, changes nothing). Folding the day counts
-- (lantern_briefing_compact_days, which sets lantern.briefing_folding) changes no sum, so it is no change;
-- the older whole-table folding (lantern_briefing_compact, used by no job) counts as one, which is harmless.
CREATE FUNCTION lantern_briefing_fact_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF current_setting('lantern.briefing_folding', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM gone) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM changed) THEN
    RETURN NULL;
  END IF;
  INSERT INTO briefing_fact_change (n, seq) VALUES (1, nextval('briefing_fact_change_seq'));
  -- This transaction's own reading of the facts sees changes no one else may ever see (it may roll
  -- back): lantern_briefing_fact_marker gives it no marker, so nothing it reads is kept.
  PERFORM set_config('lantern.briefing_facts_changed', 'on', true);
  RETURN NULL;
END $$;

-- One trigger per event: a trigger with transition tables may fire on one event only.
CREATE TRIGGER briefing_count_inserted AFTER INSERT ON briefing_count
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_fact_changed();
CREATE TRIGGER briefing_count_updated AFTER UPDATE ON briefing_count
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_fact_changed();
CREATE TRIGGER briefing_count_deleted AFTER DELETE ON briefing_count
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_fact_changed();
CREATE TRIGGER briefing_run_inserted AFTER INSERT ON briefing_run
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_fact_changed();
CREATE TRIGGER briefing_run_updated AFTER UPDATE ON briefing_run
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_fact_changed();
CREATE TRIGGER briefing_run_deleted AFTER DELETE ON briefing_run
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_fact_changed();

-- Migration 019's folding of a window of days, saying while it runs that it is folding (the setting is put
-- back before it returns; an error ends the transaction, and the setting with it). Otherwise unchanged.
-- (A function's own SET clause would be simpler, but only a superuser may attach a custom setting.)
CREATE OR REPLACE FUNCTION lantern_briefing_compact_days(from_day date, to_day date) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  removed bigint;
  added bigint;
  was text := coalesce(current_setting('lantern.briefing_folding', true), '');
BEGIN
  IF lantern_purpose() IS DISTINCT FROM 'system' THEN
    RAISE EXCEPTION 'only the system compacts the briefing counts' USING ERRCODE = '42501';
  END IF;
  PERFORM set_config('lantern.briefing_folding', 'on', true);
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
  PERFORM set_config('lantern.briefing_folding', was, true);
  RETURN removed - added;
END $$;

-- The facts' state, as "changes:last": the same text twice means nothing about the facts committed in
-- between (sum(n) counts the committed changes a snapshot sees, and a later snapshot sees every one an
-- earlier one saw). NULL in a transaction that has changed the facts itself. Allowed to whoever may read
-- the counts, as the counts kept by it are theirs to read.
CREATE FUNCTION lantern_briefing_fact_marker() RETURNS text
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT (lantern_purpose() = 'system' OR lantern_has_permission('stats:published')
          OR lantern_has_permission('stats:operational')) THEN
    RAISE EXCEPTION 'statistics need the stats:published or stats:operational permission' USING ERRCODE = '42501';
  END IF;
  IF current_setting('lantern.briefing_facts_changed', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RETURN (SELECT coalesce(sum(c.n), 0) || ':' || coalesce(max(c.seq), 0) FROM briefing_fact_change c);
END $$;

-- Folds the log into one row (the compaction job), so that reading the marker stays cheap.
CREATE FUNCTION lantern_briefing_fold_fact_changes() RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  removed bigint;
BEGIN
  IF lantern_purpose() IS DISTINCT FROM 'system' THEN
    RAISE EXCEPTION 'only the system compacts the briefing counts' USING ERRCODE = '42501';
  END IF;
  IF (SELECT count(*) FROM briefing_fact_change) < 2 THEN
    RETURN 0;
  END IF;
  WITH gone AS (DELETE FROM briefing_fact_change RETURNING n, seq),
  folded AS (INSERT INTO briefing_fact_change (n, seq)
             SELECT sum(gone.n), max(gone.seq) FROM gone HAVING count(*) > 0 RETURNING 1)
  SELECT count(*) - (SELECT count(*) FROM folded) INTO removed FROM gone;
  RETURN removed;
END $$;

REVOKE ALL ON FUNCTION lantern_briefing_fact_marker() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_fact_marker() TO lantern_app;
REVOKE ALL ON FUNCTION lantern_briefing_fold_fact_changes() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_fold_fact_changes() TO lantern_app;
