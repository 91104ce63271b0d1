-- Statistics at scale (issue 7): the briefing reads facts kept as the data changes, not the registry's
-- wide tables. See docs/decisions/0008-briefing-facts.md.
--
-- 1. briefing_count: additive counts per UK calendar day, area, division, figure family and category.
--    Statement-level triggers append one aggregated delta row per key and statement (a bulk load of a
--    million referrals adds a few hundred thousand rows, an intake about a dozen); nothing updates a
--    counter in place, so concurrent intakes never wait on each other. lantern_briefing_compact() folds
--    the deltas together and runs on a schedule.
-- 2. briefing_child_fact / briefing_link_fact: one narrow row per victim referral (the child) and per
--    suspect named on one, each carrying the day of the same person's previous and next referral within
--    each kind of scope (partnership, area, division, area and division). A referral starts a person's run
--    in a period when its previous one lies before the period; it is the person's only referral there when
--    the next one lies after it too. Distinct children, children referred more than once and distinct
--    linked suspects are then plain filtered counts over the period, with no grouping by person.
-- The triggers run as the owner (SECURITY DEFINER), as the facts copied at intake already do.

CREATE TABLE briefing_count (
  day date NOT NULL,
  area text NOT NULL,
  division text NOT NULL,
  figure text NOT NULL,
  category text NOT NULL,
  n numeric NOT NULL
);
CREATE INDEX briefing_count_day ON briefing_count (day);

CREATE TABLE briefing_child_fact (
  referral_id uuid PRIMARY KEY,
  person_id uuid NOT NULL,
  day date NOT NULL,
  area text,
  division text,
  outcome text,
  repeat_missing boolean NOT NULL DEFAULT false,
  missing_more_than_once boolean NOT NULL DEFAULT false,
  prev_p date, next_p date, prev_a date, next_a date, prev_d date, next_d date, prev_ad date, next_ad date
);
CREATE INDEX briefing_child_fact_day ON briefing_child_fact (day);
CREATE INDEX briefing_child_fact_person ON briefing_child_fact (person_id);

CREATE TABLE briefing_link_fact (
  referral_id uuid NOT NULL,
  person_id uuid NOT NULL,
  day date NOT NULL,
  area text,
  division text,
  prev_p date, next_p date, prev_a date, next_a date, prev_d date, next_d date, prev_ad date, next_ad date,
  PRIMARY KEY (referral_id, person_id)
);
CREATE INDEX briefing_link_fact_day ON briefing_link_fact (day);
CREATE INDEX briefing_link_fact_person ON briefing_link_fact (person_id);

-- No grants: only the owner's functions below read or write these tables.
REVOKE ALL ON briefing_count, briefing_child_fact, briefing_link_fact FROM PUBLIC;

-- The UK calendar day of an instant (periods are whole UK days).
CREATE FUNCTION lantern_uk_day(t timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (t AT TIME ZONE 'Europe/London')::date $$;

-- The SQL that appends the counts of a set of rows, each with a sign (+1 added, -1 removed). Each takes the
-- text of a query yielding the table's columns and `sign` (and, for episodes and disposals, the scope
-- taken from their referral) so that the same definition serves the triggers (over their transition
-- tables, which only the trigger function itself can query) and the backfill below.
CREATE FUNCTION lantern_briefing_victim_counts_sql(source text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$ SELECT format($q$
  INSERT INTO briefing_count (day, area, division, figure, category, n)
  SELECT lantern_uk_day(r.received_at), r.area, coalesce(r.division, ''), x.figure, x.category, sum(r.sign)
    FROM (%s) r
   CROSS JOIN LATERAL (VALUES
     ('referral.total', 'ALL'),
     ('referral.category', r.category),
     ('referral.model', r.exploitation_model),
     ('referral.contact', r.contact_method),
     ('referral.gender', coalesce(r.child_gender, 'NOT_RECORDED')),
     ('referral.ethnicity', coalesce(r.child_ethnicity, 'NOT_RECORDED')),
     ('referral.living', coalesce(r.child_living_situation, 'NOT_RECORDED')),
     ('referral.camhs', CASE r.child_camhs_contact WHEN true THEN 'YES' WHEN false THEN 'NO' ELSE 'NOT_RECORDED' END),
     ('referral.age', coalesce(r.child_age::text, 'NOT_RECORDED')),
     ('referral.outcome', coalesce(r.outcome, 'NOT_DECIDED'))) AS x(figure, category)
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.sign) <> 0 $q$, source) $f$;

CREATE FUNCTION lantern_briefing_suspect_counts_sql(source text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$ SELECT format($q$
  INSERT INTO briefing_count (day, area, division, figure, category, n)
  SELECT lantern_uk_day(r.received_at), r.area, coalesce(r.division, ''), x.figure, x.category, sum(r.sign)
    FROM (%s) r
   CROSS JOIN LATERAL (VALUES
     ('suspect.total', 'ALL'),
     ('suspect.gender', coalesce(r.suspect_gender, 'NOT_RECORDED')),
     ('suspect.status', r.status),
     ('suspect.ethnicity', coalesce(r.suspect_ethnicity, 'NOT_RECORDED')),
     ('suspect.ethnicity_division',
      coalesce(r.suspect_ethnicity, 'NOT_RECORDED') || '|' || coalesce(r.division, 'NOT_RECORDED')),
     ('suspect.female_role', CASE WHEN r.suspect_gender = 'FEMALE' THEN r.role END)) AS x(figure, category)
   WHERE x.category IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.sign) <> 0 $q$, source) $f$;

-- Episodes: `ref_division` is the division of the episode's referral.
CREATE FUNCTION lantern_briefing_episode_counts_sql(source text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$ SELECT format($q$
  INSERT INTO briefing_count (day, area, division, figure, category, n)
  SELECT lantern_uk_day(m.received_at), m.area, coalesce(m.ref_division, ''), x.figure, c.category, sum(m.sign)
    FROM (%s) m
   CROSS JOIN LATERAL (VALUES (coalesce(m.rag, 'NOT_TRIAGED')), ('ALL')) AS c(category)
   CROSS JOIN LATERAL (VALUES
     ('mash.received', true),
     ('mash.decided', m.decided_at IS NOT NULL),
     ('mash.decided_within_one_working_day', m.decided_at <= m.decision_deadline),
     ('mash.decided_within_rag_target', m.decided_at <= m.rag_deadline)) AS x(figure, holds)
   WHERE x.holds
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(m.sign) <> 0 $q$, source) $f$;

-- Disposals: `ref_area` and `ref_division` are those of the disposal's suspect referral, if any.
CREATE FUNCTION lantern_briefing_disposal_counts_sql(source text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $f$ SELECT format($q$
  INSERT INTO briefing_count (day, area, division, figure, category, n)
  SELECT d.disposed_at, coalesce(d.ref_area, ''), coalesce(d.ref_division, ''), x.figure, x.category,
         sum(d.sign * x.amount)
    FROM (%s) d
   CROSS JOIN LATERAL (VALUES
     ('disposal.total', 'ALL', 1::numeric),
     ('disposal.type', d.type, 1::numeric),
     ('disposal.sentence_months', CASE WHEN d.type = 'CONVICTION' THEN 'CONVICTION' END, d.sentence_months))
     AS x(figure, category, amount)
   WHERE x.category IS NOT NULL AND x.amount IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign * x.amount) <> 0 $q$, source) $f$;

-- Recomputes the previous/next days of the given people's facts in one fact table, in every scope kind.
-- Callers lock the people first (see lantern_briefing_lock_people), so that two transactions adding
-- referrals for the same child one after the other leave both runs complete.
CREATE FUNCTION lantern_briefing_rechain(fact_table text, people uuid[]) RETURNS void
  LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  IF cardinality(people) = 0 THEN RETURN; END IF;
  EXECUTE format($q$
    UPDATE %1$I f SET prev_p = w.prev_p, next_p = w.next_p, prev_a = w.prev_a, next_a = w.next_a,
                      prev_d = w.prev_d, next_d = w.next_d, prev_ad = w.prev_ad, next_ad = w.next_ad
      FROM (SELECT referral_id, person_id,
                   lag(day) OVER p AS prev_p, lead(day) OVER p AS next_p,
                   lag(day) OVER a AS prev_a, lead(day) OVER a AS next_a,
                   lag(day) OVER d AS prev_d, lead(day) OVER d AS next_d,
                   lag(day) OVER ad AS prev_ad, lead(day) OVER ad AS next_ad
              FROM %1$I WHERE person_id = ANY($1)
            WINDOW p AS (PARTITION BY person_id ORDER BY day, referral_id),
                   a AS (PARTITION BY person_id, area ORDER BY day, referral_id),
                   d AS (PARTITION BY person_id, division ORDER BY day, referral_id),
                   ad AS (PARTITION BY person_id, area, division ORDER BY day, referral_id)) w
     WHERE f.referral_id = w.referral_id AND f.person_id = w.person_id
       AND (f.prev_p, f.next_p, f.prev_a, f.next_a, f.prev_d, f.next_d, f.prev_ad, f.next_ad)
           IS DISTINCT FROM (w.prev_p, w.next_p, w.prev_a, w.next_a, w.prev_d, w.next_d, w.prev_ad, w.next_ad)
  $q$, fact_table) USING people;
END $$;

-- Serialises the recomputation of the same people's runs: a row lock per person (NO KEY UPDATE, which
-- foreign-key checks do not conflict with), or, for a bulk change, one lock on the fact table.
CREATE FUNCTION lantern_briefing_lock_people(fact_table text, people uuid[]) RETURNS void
  LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  IF cardinality(people) > 1000 THEN
    EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', fact_table);
  ELSE
    PERFORM 1 FROM person WHERE id = ANY(people) ORDER BY id FOR NO KEY UPDATE;
  END IF;
END $$;

CREATE FUNCTION lantern_briefing_victim_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  children uuid[];
  suspects uuid[];
  changed uuid[];
  placed uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE lantern_briefing_victim_counts_sql('SELECT n.*, 1 AS sign FROM new_rows n');
    INSERT INTO briefing_child_fact (referral_id, person_id, day, area, division, outcome, repeat_missing,
                                     missing_more_than_once)
    SELECT n.id, n.person_id, lantern_uk_day(n.received_at), n.area, n.division, n.outcome,
           coalesce(p.repeat_missing, false), coalesce(p.missing_more_than_once, false)
      FROM new_rows n LEFT JOIN person p ON p.id = n.person_id;
    children := ARRAY(SELECT DISTINCT person_id FROM new_rows);
    PERFORM lantern_briefing_lock_people('briefing_child_fact', children);
    PERFORM lantern_briefing_rechain('briefing_child_fact', children);
    RETURN NULL;
  END IF;

  IF TG_OP = 'DELETE' THEN
    -- (Their episodes and named suspects must go first, and their own triggers count that.)
    EXECUTE lantern_briefing_victim_counts_sql('SELECT o.*, -1 AS sign FROM old_rows o');
    DELETE FROM briefing_child_fact f USING old_rows o WHERE f.referral_id = o.id;
    WITH gone AS (DELETE FROM briefing_link_fact f USING old_rows o WHERE f.referral_id = o.id RETURNING f.person_id)
    SELECT ARRAY(SELECT DISTINCT person_id FROM gone) INTO suspects;
    children := ARRAY(SELECT DISTINCT person_id FROM old_rows);
    PERFORM lantern_briefing_lock_people('briefing_child_fact', children);
    PERFORM lantern_briefing_rechain('briefing_child_fact', children);
    PERFORM lantern_briefing_lock_people('briefing_link_fact', suspects);
    PERFORM lantern_briefing_rechain('briefing_link_fact', suspects);
    RETURN NULL;
  END IF;

  -- UPDATE: only the rows whose figures change; `placed` ones moved in time, scope or person.
  SELECT ARRAY(SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.person_id, o.received_at, o.area, o.division, o.category, o.exploitation_model,
                       o.contact_method, o.child_gender, o.child_ethnicity, o.child_living_situation,
                       o.child_camhs_contact, o.child_age, o.outcome)
                      IS DISTINCT FROM
                      (n.person_id, n.received_at, n.area, n.division, n.category, n.exploitation_model,
                       n.contact_method, n.child_gender, n.child_ethnicity, n.child_living_situation,
                       n.child_camhs_contact, n.child_age, n.outcome))
    INTO changed;
  IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
  SELECT ARRAY(SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.person_id, o.received_at, o.area, o.division)
                      IS DISTINCT FROM (n.person_id, n.received_at, n.area, n.division))
    INTO placed;

  EXECUTE lantern_briefing_victim_counts_sql(
    'SELECT o.*, -1 AS sign FROM old_rows o WHERE o.id = ANY($1)
     UNION ALL SELECT n.*, 1 AS sign FROM new_rows n WHERE n.id = ANY($1)') USING changed;
  -- Episodes follow their referral's division.
  EXECUTE lantern_briefing_episode_counts_sql(
    'SELECT m.*, s.sign, s.division AS ref_division
       FROM (SELECT o.id, o.division, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE o.division IS DISTINCT FROM n.division
             UNION ALL
             SELECT n.id, n.division, 1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE o.division IS DISTINCT FROM n.division) s
       JOIN mash_episode m ON m.referral_id = s.id');

  UPDATE briefing_child_fact f
     SET person_id = n.person_id, day = lantern_uk_day(n.received_at), area = n.area, division = n.division,
         outcome = n.outcome, repeat_missing = coalesce(p.repeat_missing, false),
         missing_more_than_once = coalesce(p.missing_more_than_once, false)
    FROM new_rows n LEFT JOIN person p ON p.id = n.person_id
   WHERE n.id = ANY(changed) AND f.referral_id = n.id;
  IF cardinality(placed) = 0 THEN RETURN NULL; END IF;
  children := ARRAY(SELECT o.person_id FROM old_rows o WHERE o.id = ANY(placed)
                    UNION SELECT n.person_id FROM new_rows n WHERE n.id = ANY(placed));
  PERFORM lantern_briefing_lock_people('briefing_child_fact', children);
  PERFORM lantern_briefing_rechain('briefing_child_fact', children);

  WITH moved AS (
    UPDATE briefing_link_fact f SET day = lantern_uk_day(n.received_at), area = n.area, division = n.division
      FROM new_rows n
     WHERE n.id = ANY(placed) AND f.referral_id = n.id RETURNING f.person_id)
  SELECT ARRAY(SELECT DISTINCT person_id FROM moved) INTO suspects;
  PERFORM lantern_briefing_lock_people('briefing_link_fact', suspects);
  PERFORM lantern_briefing_rechain('briefing_link_fact', suspects);
  RETURN NULL;
END $$;

CREATE TRIGGER briefing_victim_inserted AFTER INSERT ON victim_referral REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_victim_changed();
CREATE TRIGGER briefing_victim_updated AFTER UPDATE ON victim_referral
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_victim_changed();
CREATE TRIGGER briefing_victim_deleted AFTER DELETE ON victim_referral REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_victim_changed();

CREATE FUNCTION lantern_briefing_suspect_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  relevant text := '(%1$s.received_at, %1$s.area, %1$s.division, %1$s.suspect_gender, %1$s.suspect_ethnicity, %1$s.status, %1$s.role)';
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE lantern_briefing_suspect_counts_sql('SELECT n.*, 1 AS sign FROM new_rows n');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE lantern_briefing_suspect_counts_sql('SELECT o.*, -1 AS sign FROM old_rows o');
  ELSE
    EXECUTE lantern_briefing_suspect_counts_sql(format(
      'SELECT o.*, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s IS DISTINCT FROM %s
       UNION ALL SELECT n.*, 1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s IS DISTINCT FROM %s',
      format(relevant, 'o'), format(relevant, 'n'), format(relevant, 'o'), format(relevant, 'n')));
    -- Disposals follow their suspect referral's area and division.
    EXECUTE lantern_briefing_disposal_counts_sql(
      'SELECT d.*, s.sign, s.area AS ref_area, s.division AS ref_division
         FROM (SELECT o.id, o.area, o.division, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.area, o.division) IS DISTINCT FROM (n.area, n.division)
               UNION ALL
               SELECT n.id, n.area, n.division, 1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
                WHERE (o.area, o.division) IS DISTINCT FROM (n.area, n.division)) s
         JOIN disposal d ON d.suspect_referral_id = s.id');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER briefing_suspect_inserted AFTER INSERT ON suspect_referral REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_suspect_changed();
CREATE TRIGGER briefing_suspect_updated AFTER UPDATE ON suspect_referral
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_suspect_changed();
CREATE TRIGGER briefing_suspect_deleted AFTER DELETE ON suspect_referral REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_suspect_changed();

CREATE FUNCTION lantern_briefing_episode_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  relevant text := '(%1$s.received_at, %1$s.area, %1$s.rag, %1$s.decided_at, %1$s.decision_deadline, %1$s.rag_deadline, %1$s.referral_id)';
  with_division text := 'SELECT %1$s.*, %2$s AS sign, v.division AS ref_division FROM %3$s %1$s
                           LEFT JOIN victim_referral v ON v.id = %1$s.referral_id';
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE lantern_briefing_episode_counts_sql(format(with_division, 'n', '1', 'new_rows'));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE lantern_briefing_episode_counts_sql(format(with_division, 'o', '-1', 'old_rows'));
  ELSE
    EXECUTE lantern_briefing_episode_counts_sql(
      format(with_division, 'o', '-1', 'old_rows') || format(
        ' WHERE o.id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 ON n2.id = o2.id WHERE %s IS DISTINCT FROM %s)',
        format(relevant, 'o2'), format(relevant, 'n2'))
      || ' UNION ALL ' ||
      format(with_division, 'n', '1', 'new_rows') || format(
        ' WHERE n.id IN (SELECT o2.id FROM old_rows o2 JOIN new_rows n2 ON n2.id = o2.id WHERE %s IS DISTINCT FROM %s)',
        format(relevant, 'o2'), format(relevant, 'n2')));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER briefing_episode_inserted AFTER INSERT ON mash_episode REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_episode_changed();
CREATE TRIGGER briefing_episode_updated AFTER UPDATE ON mash_episode
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_episode_changed();
CREATE TRIGGER briefing_episode_deleted AFTER DELETE ON mash_episode REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_episode_changed();

CREATE FUNCTION lantern_briefing_disposal_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  with_scope text := 'SELECT %1$s.*, %2$s AS sign, r.area AS ref_area, r.division AS ref_division FROM %3$s %1$s
                        LEFT JOIN suspect_referral r ON r.id = %1$s.suspect_referral_id';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    EXECUTE lantern_briefing_disposal_counts_sql(format(with_scope, 'o', '-1', 'old_rows'));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    EXECUTE lantern_briefing_disposal_counts_sql(format(with_scope, 'n', '1', 'new_rows'));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER briefing_disposal_inserted AFTER INSERT ON disposal REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_disposal_changed();
CREATE TRIGGER briefing_disposal_updated AFTER UPDATE ON disposal
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_disposal_changed();
CREATE TRIGGER briefing_disposal_deleted AFTER DELETE ON disposal REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_disposal_changed();

-- Suspects named on victim referrals.
CREATE FUNCTION lantern_briefing_link_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  suspects uuid[];
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM briefing_link_fact f USING old_rows o
     WHERE o.role = 'SUSPECT' AND f.referral_id = o.referral_id AND f.person_id = o.person_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO briefing_link_fact (referral_id, person_id, day, area, division)
    SELECT n.referral_id, n.person_id, lantern_uk_day(v.received_at), v.area, v.division
      FROM new_rows n JOIN victim_referral v ON v.id = n.referral_id
     WHERE n.role = 'SUSPECT'
    ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP = 'INSERT' THEN
    suspects := ARRAY(SELECT DISTINCT person_id FROM new_rows WHERE role = 'SUSPECT');
  ELSIF TG_OP = 'DELETE' THEN
    suspects := ARRAY(SELECT DISTINCT person_id FROM old_rows WHERE role = 'SUSPECT');
  ELSE
    suspects := ARRAY(SELECT person_id FROM old_rows WHERE role = 'SUSPECT'
                      UNION SELECT person_id FROM new_rows WHERE role = 'SUSPECT');
  END IF;
  PERFORM lantern_briefing_lock_people('briefing_link_fact', suspects);
  PERFORM lantern_briefing_rechain('briefing_link_fact', suspects);
  RETURN NULL;
END $$;

CREATE TRIGGER briefing_link_inserted AFTER INSERT ON referral_person REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_link_changed();
CREATE TRIGGER briefing_link_updated AFTER UPDATE ON referral_person
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_link_changed();
CREATE TRIGGER briefing_link_deleted AFTER DELETE ON referral_person REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_link_changed();

-- A child's missing facts are read from the person when the briefing is asked for (as before): copy them.
CREATE FUNCTION lantern_briefing_person_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE briefing_child_fact f
     SET repeat_missing = n.repeat_missing, missing_more_than_once = n.missing_more_than_once
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE f.person_id = n.id
     AND (o.repeat_missing, o.missing_more_than_once) IS DISTINCT FROM (n.repeat_missing, n.missing_more_than_once);
  RETURN NULL;
END $$;

CREATE TRIGGER briefing_person_updated AFTER UPDATE ON person
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_briefing_person_changed();

-- Folds the deltas appended for the same key into one row (and drops keys that sum to nothing); returns
-- how many rows it removed. Idempotent, and safe beside concurrent appends, which add rows this
-- statement's snapshot does not see. Run by the scheduler as the system.
CREATE FUNCTION lantern_briefing_compact() RETURNS bigint
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
     GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1),
  gone AS (
    DELETE FROM briefing_count c USING repeated r
     WHERE (c.day, c.area, c.division, c.figure, c.category) = (r.day, r.area, r.division, r.figure, r.category)
    RETURNING c.*),
  folded AS (
    INSERT INTO briefing_count (day, area, division, figure, category, n)
    SELECT day, area, division, figure, category, sum(n) FROM gone
     GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    RETURNING 1)
  SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM folded) INTO removed, added;
  RETURN removed - added;
END $$;

-- What was there before this migration.
DO $$
BEGIN
  EXECUTE lantern_briefing_victim_counts_sql('SELECT v.*, 1 AS sign FROM victim_referral v');
  EXECUTE lantern_briefing_suspect_counts_sql('SELECT r.*, 1 AS sign FROM suspect_referral r');
  EXECUTE lantern_briefing_episode_counts_sql(
    'SELECT m.*, 1 AS sign, v.division AS ref_division FROM mash_episode m LEFT JOIN victim_referral v ON v.id = m.referral_id');
  EXECUTE lantern_briefing_disposal_counts_sql(
    'SELECT d.*, 1 AS sign, r.area AS ref_area, r.division AS ref_division FROM disposal d
       LEFT JOIN suspect_referral r ON r.id = d.suspect_referral_id');
END $$;
INSERT INTO briefing_child_fact (referral_id, person_id, day, area, division, outcome, repeat_missing,
                                 missing_more_than_once)
SELECT v.id, v.person_id, lantern_uk_day(v.received_at), v.area, v.division, v.outcome,
       coalesce(p.repeat_missing, false), coalesce(p.missing_more_than_once, false)
  FROM victim_referral v LEFT JOIN person p ON p.id = v.person_id;
INSERT INTO briefing_link_fact (referral_id, person_id, day, area, division)
SELECT rp.referral_id, rp.person_id, lantern_uk_day(v.received_at), v.area, v.division
  FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id WHERE rp.role = 'SUSPECT';
SELECT lantern_briefing_rechain('briefing_child_fact', ARRAY(SELECT DISTINCT person_id FROM briefing_child_fact));
SELECT lantern_briefing_rechain('briefing_link_fact', ARRAY(SELECT DISTINCT person_id FROM briefing_link_fact));

-- Every count the briefing needs over a period [p_from, p_to) of whole UK days and a scope (an area, a
-- division, both, or the whole partnership when both are null), as (figure, category, n) rows: the same
-- contract as before, now read from the facts above. Aggregates only; refused unless the caller may read
-- statistics (or is the system).
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

  -- Every additive figure: referrals, suspects, episodes and disposals by category.
  RETURN QUERY
  SELECT c.figure, c.category, round(sum(c.n))::bigint
    FROM briefing_count c
   WHERE c.day >= d_from AND c.day < d_to
     AND (p_area IS NULL OR c.area = p_area) AND (p_division IS NULL OR c.division = p_division)
   GROUP BY c.figure, c.category
  HAVING sum(c.n) <> 0;

  -- Per child: distinct children, those referred more than once and their referrals, missing facts (kept on
  -- the person), children with a section 20 or 31 outcome.
  RETURN QUERY EXECUTE format($q$
    SELECT x.figure, x.category, x.n::bigint FROM (
      SELECT count(*) AS referrals,
             count(*) FILTER (WHERE prev_%1$s IS NULL OR prev_%1$s < $1) AS children,
             count(*) FILTER (WHERE (prev_%1$s IS NULL OR prev_%1$s < $1) AND (next_%1$s IS NULL OR next_%1$s >= $2))
               AS once,
             count(*) FILTER (WHERE repeat_missing) AS repeat_missing,
             count(*) FILTER (WHERE missing_more_than_once) AS missing_more_than_once,
             count(DISTINCT person_id) FILTER (WHERE outcome = 'S20') AS s20,
             count(DISTINCT person_id) FILTER (WHERE outcome = 'S31') AS s31
        FROM briefing_child_fact
       WHERE day >= $1 AND day < $2 AND ($3::text IS NULL OR area = $3) AND ($4::text IS NULL OR division = $4)
    ) f, LATERAL (VALUES
      ('children.total', 'ALL', f.children),
      ('children.referred_more_than_once', 'CHILDREN', f.children - f.once),
      ('children.referred_more_than_once', 'REFERRALS', f.referrals - f.once),
      ('children.missing', 'REPEAT_MISSING', f.repeat_missing),
      ('children.missing', 'MISSING_MORE_THAN_ONCE', f.missing_more_than_once),
      ('children.outcome', 'S20', f.s20),
      ('children.outcome', 'S31', f.s31)) AS x(figure, category, n) $q$, runs)
  USING d_from, d_to, p_area, p_division;

  -- Distinct suspects named on the period's victim referrals, by the referral's division and in all.
  RETURN QUERY EXECUTE format($q$
    SELECT CASE WHEN GROUPING(division) = 0 THEN 'suspect.linked_division' ELSE 'suspect.linked_total' END,
           CASE WHEN GROUPING(division) = 0 THEN coalesce(division, 'NOT_RECORDED') ELSE 'ALL' END,
           CASE WHEN GROUPING(division) = 0
                THEN count(*) FILTER (WHERE prev_%1$s IS NULL OR prev_%1$s < $1)
                ELSE count(*) FILTER (WHERE prev_%2$s IS NULL OR prev_%2$s < $1) END
      FROM briefing_link_fact
     WHERE day >= $1 AND day < $2 AND ($3::text IS NULL OR area = $3) AND ($4::text IS NULL OR division = $4)
     GROUP BY GROUPING SETS ((division), ()) $q$, division_runs, runs)
  USING d_from, d_to, p_area, p_division;
END $$;

REVOKE ALL ON FUNCTION lantern_briefing_compact() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_compact() TO lantern_app;
REVOKE ALL ON FUNCTION lantern_briefing_rechain(text, uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_lock_people(text, uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_victim_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_suspect_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_episode_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_disposal_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_link_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_person_changed() FROM PUBLIC;
