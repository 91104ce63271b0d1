-- Issue 15, item 2: the briefing's facts about a child are those at the time of the referral, so that a
-- closed period's briefing changes only when facts about that period are recorded late. See
-- docs/decisions/0025-facts-fixed-at-the-referral.md.
--
-- 1. Missing facts: each victim referral keeps whether its child was repeat missing (the local rolling rule
--    held at the instant of receipt) and missing more than once (two or more episodes started by then),
--    worked out from the child's episodes, not the person's flags as they stand today. They are columns
--    on victim_referral, kept by the database: computed when a referral is written or moved to another
--    child or time, and again for the child's referrals when an episode is recorded, moved or removed, or
--    when a person is merged into the child (a merged person's episodes are the survivor's: they stay on
--    the merged record, which points at the survivor). The briefing counts read the columns; the person's
--    flags no longer feed it.
-- 2. Age: a referral moved in time takes the child's age on its new day (it was fixed at the first one);
--    without a date of birth on the referral's own record, only child records submitted by the referral's
--    time are read.
-- 3. "Revised": a closed period's briefing as first produced is kept (briefing_publication, at the end).

-- The local repeat-missing rule (DOMAIN.md; the missing module's `RepeatMissingRule`), one row. Changing it
-- goes through lantern_set_repeat_missing_rule, which works every referral's facts out again.
CREATE TABLE repeat_missing_rule (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  episodes integer NOT NULL CHECK (episodes >= 2),
  window_days integer NOT NULL CHECK (window_days >= 1)
);
INSERT INTO repeat_missing_rule (episodes, window_days) VALUES (3, 90);
REVOKE ALL ON repeat_missing_rule FROM PUBLIC;

ALTER TABLE victim_referral ADD COLUMN child_repeat_missing_at_referral boolean NOT NULL DEFAULT false;
ALTER TABLE victim_referral ADD COLUMN child_missing_more_than_once_at_referral boolean NOT NULL DEFAULT false;
-- Finding the people merged into a child (their episodes are the child's).
CREATE INDEX person_merged_into ON person (merged_into) WHERE merged_into IS NOT NULL;

-- The child's missing facts at an instant, from the episodes of the person and of everyone merged into
-- them (at any depth) that started at or before it. The window is on the London wall clock with both ends
-- inclusive, as `isRepeatMissing` (src/missing/repeat-missing.ts) measures it.
CREATE FUNCTION lantern_child_missing_at(p_person uuid, p_at timestamptz,
    OUT repeat_missing boolean, OUT more_than_once boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH RECURSIVE members(id) AS (
    SELECT p_person
    UNION
    SELECT p.id FROM members m JOIN person p ON p.merged_into = m.id
  ), rule AS (
    SELECT episodes, ((p_at AT TIME ZONE 'Europe/London') - make_interval(days => window_days))
                     AT TIME ZONE 'Europe/London' AS window_from
      FROM repeat_missing_rule
  )
  SELECT count(*) FILTER (WHERE e.reported_at >= rule.window_from) >= rule.episodes, count(*) >= 2
    FROM rule
    LEFT JOIN missing_episode e ON e.person_id IN (SELECT id FROM members) AND e.reported_at <= p_at
   GROUP BY rule.episodes, rule.window_from
$$;

-- Works the missing facts out again for every referral of these people, of the people they were merged
-- into (whose episodes they are), and writes only those that changed: the victim_referral trigger counts
-- the change. Locks the people as the runs do, and waits for a bulk change of runs in progress. With
-- `only_referrals`, just those (their facts depend on their own child, time and the child's episodes).
CREATE FUNCTION lantern_referral_missing_refresh(people uuid[], only_referrals uuid[] DEFAULT NULL) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  children uuid[];
BEGIN
  IF coalesce(cardinality(people), 0) = 0 THEN RETURN; END IF;
  WITH RECURSIVE up(id) AS (
    SELECT DISTINCT x FROM unnest(people) x WHERE x IS NOT NULL
    UNION
    SELECT p.merged_into FROM up JOIN person p ON p.id = up.id WHERE p.merged_into IS NOT NULL
  )
  SELECT array_agg(id) INTO children FROM up;
  IF children IS NULL THEN RETURN; END IF;
  LOCK TABLE briefing_run IN ROW EXCLUSIVE MODE;
  PERFORM lantern_briefing_lock_people(children);
  UPDATE victim_referral v
     SET child_repeat_missing_at_referral = f.repeat_missing,
         child_missing_more_than_once_at_referral = f.more_than_once
    FROM victim_referral r
   CROSS JOIN LATERAL lantern_child_missing_at(r.person_id, r.received_at) f
   WHERE r.person_id = ANY(children) AND v.id = r.id AND (only_referrals IS NULL OR r.id = ANY(only_referrals))
     AND (v.child_repeat_missing_at_referral, v.child_missing_more_than_once_at_referral)
         IS DISTINCT FROM (f.repeat_missing, f.more_than_once);
END $$;

-- A referral written, or moved to another child or time: its facts at its own time.
CREATE FUNCTION lantern_victim_referral_facts_at_referral() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  dob date;
BEGIN
  SELECT f.repeat_missing, f.more_than_once
    INTO NEW.child_repeat_missing_at_referral, NEW.child_missing_more_than_once_at_referral
    FROM lantern_child_missing_at(NEW.person_id, NEW.received_at) f;
  IF TG_OP = 'UPDATE' AND lantern_uk_day(NEW.received_at) IS DISTINCT FROM lantern_uk_day(OLD.received_at) THEN
    SELECT s.dob INTO dob FROM source_record s WHERE s.id = NEW.child_source_record_id;
    IF dob IS NOT NULL THEN
      NEW.child_age := extract(year FROM age(lantern_uk_day(NEW.received_at), dob))::integer;
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER victim_referral_facts_at_referral BEFORE INSERT OR UPDATE OF person_id, received_at
  ON victim_referral FOR EACH ROW EXECUTE FUNCTION lantern_victim_referral_facts_at_referral();

-- Without the referral's own child record: the person's latest child record submitted by the referral's
-- time (a record added later describes the child later). As migration 009 otherwise.
CREATE OR REPLACE FUNCTION lantern_victim_referral_facts() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  rec record;
BEGIN
  SELECT s.gender, s.ethnicity, s.living_situation, s.camhs_contact, s.dob, s.estimated_age INTO rec
    FROM source_record s WHERE s.id = NEW.child_source_record_id;
  IF NOT FOUND THEN
    SELECT s.gender, s.ethnicity, s.living_situation, s.camhs_contact, s.dob, s.estimated_age INTO rec
      FROM source_record s WHERE s.person_id = NEW.person_id AND s.subject_role = 'CHILD'
       AND s.submitted_at <= NEW.received_at
     ORDER BY s.submitted_at DESC LIMIT 1;
  END IF;
  IF FOUND THEN
    NEW.child_gender := coalesce(NEW.child_gender, rec.gender);
    NEW.child_ethnicity := coalesce(NEW.child_ethnicity, rec.ethnicity);
    NEW.child_living_situation := coalesce(NEW.child_living_situation, rec.living_situation);
    NEW.child_camhs_contact := coalesce(NEW.child_camhs_contact, rec.camhs_contact);
    NEW.child_age := coalesce(NEW.child_age,
      extract(year FROM age(lantern_uk_day(NEW.received_at), rec.dob))::integer,
      rec.estimated_age);
  END IF;
  IF NEW.child_gender IS NULL THEN
    NEW.child_gender := (SELECT p.gender FROM person p WHERE p.id = NEW.person_id);
  END IF;
  RETURN NEW;
END $$;

-- Episodes recorded, moved to another child or time, or removed: the child's referrals again.
CREATE FUNCTION lantern_missing_episode_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM lantern_referral_missing_refresh(ARRAY(SELECT DISTINCT n.person_id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM lantern_referral_missing_refresh(ARRAY(SELECT DISTINCT o.person_id FROM old_rows o));
  ELSE
    PERFORM lantern_referral_missing_refresh(ARRAY(
      SELECT o.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.person_id, o.reported_at) IS DISTINCT FROM (n.person_id, n.reported_at)
      UNION
      SELECT n.person_id FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE (o.person_id, o.reported_at) IS DISTINCT FROM (n.person_id, n.reported_at)));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER missing_episode_facts_inserted AFTER INSERT ON missing_episode REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_missing_episode_changed();
CREATE TRIGGER missing_episode_facts_updated AFTER UPDATE ON missing_episode
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_missing_episode_changed();
CREATE TRIGGER missing_episode_facts_deleted AFTER DELETE ON missing_episode REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION lantern_missing_episode_changed();

-- A person merged into another (or the merge undone): the survivor's referrals gain (or lose) the merged
-- person's episodes. Replaces migration 011's re-count on the person's flags, which the briefing no longer
-- reads.
CREATE OR REPLACE FUNCTION lantern_briefing_person_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM lantern_referral_missing_refresh(ARRAY(
    SELECT x FROM old_rows o JOIN new_rows n ON n.id = o.id,
           LATERAL unnest(ARRAY[o.merged_into, n.merged_into, n.id]) x
     WHERE o.merged_into IS DISTINCT FROM n.merged_into AND x IS NOT NULL));
  RETURN NULL;
END $$;

-- The referral's counts read its own missing facts.
CREATE OR REPLACE FUNCTION lantern_briefing_victim_counts_sql(source text) RETURNS text
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
     ('referral.outcome', coalesce(r.outcome, 'NOT_DECIDED')),
     ('children.missing', CASE WHEN r.child_repeat_missing_at_referral THEN 'REPEAT_MISSING' END),
     ('children.missing', CASE WHEN r.child_missing_more_than_once_at_referral THEN 'MISSING_MORE_THAN_ONCE' END))
     AS x(figure, category)
   WHERE x.category IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(r.sign) <> 0 $q$, source) $f$;

-- As migration 011, and: the referral's missing facts are among the columns whose change is counted; a
-- referral written or moved to another child or time has its child's facts worked out again once the
-- child is locked (an episode recorded at the same time by another transaction is then seen).
CREATE OR REPLACE FUNCTION lantern_briefing_victim_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  kind text;
  g_refs uuid[]; g_people uuid[];
  n_refs uuid[]; n_people uuid[]; n_days date[]; n_areas text[]; n_divisions text[];
  changes briefing_victim_change[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM lantern_briefing_lock_people(ARRAY(SELECT DISTINCT person_id FROM new_rows));
    EXECUTE lantern_briefing_victim_counts_sql('SELECT n.*, 1 AS sign FROM new_rows n');
    -- (An update, counted by this trigger, only where the facts found before the lock were out of date.)
    PERFORM lantern_referral_missing_refresh(ARRAY(SELECT DISTINCT person_id FROM new_rows),
                                             ARRAY(SELECT id FROM new_rows));
    FOREACH kind IN ARRAY ARRAY['CHILD', 'S20', 'S31'] LOOP
      SELECT array_agg(n.id), array_agg(n.person_id), array_agg(lantern_uk_day(n.received_at)), array_agg(n.area),
             array_agg(n.division)
        INTO n_refs, n_people, n_days, n_areas, n_divisions
        FROM new_rows n WHERE kind = ANY(lantern_briefing_run_kinds(n.outcome));
      PERFORM lantern_briefing_runs_apply(kind, '{}', '{}', n_refs, n_people, n_days, n_areas, n_divisions);
    END LOOP;
    RETURN NULL;
  END IF;

  IF TG_OP = 'DELETE' THEN
    -- (Its episodes and named suspects go first, and their own triggers count that.)
    PERFORM lantern_briefing_lock_people(ARRAY(SELECT DISTINCT person_id FROM old_rows));
    EXECUTE lantern_briefing_victim_counts_sql('SELECT o.*, -1 AS sign FROM old_rows o');
    FOREACH kind IN ARRAY ARRAY['CHILD', 'S20', 'S31'] LOOP
      SELECT array_agg(o.id), array_agg(o.person_id) INTO g_refs, g_people
        FROM old_rows o WHERE kind = ANY(lantern_briefing_run_kinds(o.outcome));
      PERFORM lantern_briefing_runs_apply(kind, g_refs, g_people, '{}', '{}', '{}', '{}', '{}');
    END LOOP;
    RETURN NULL;
  END IF;

  -- UPDATE: only the rows whose figures change.
  changes := ARRAY(
    SELECT ROW(n.id, o.person_id, n.person_id, o.outcome, n.outcome,
               (o.person_id, o.received_at, o.area, o.division)
                 IS DISTINCT FROM (n.person_id, n.received_at, n.area, n.division),
               lantern_uk_day(n.received_at), n.area, n.division,
               (lantern_uk_day(o.received_at), o.area, o.division)
                 IS DISTINCT FROM (lantern_uk_day(n.received_at), n.area, n.division),
               o.division IS DISTINCT FROM n.division)::briefing_victim_change
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.person_id, o.received_at, o.area, o.division, o.category, o.exploitation_model, o.contact_method,
            o.child_gender, o.child_ethnicity, o.child_living_situation, o.child_camhs_contact, o.child_age, o.outcome,
            o.child_repeat_missing_at_referral, o.child_missing_more_than_once_at_referral)
           IS DISTINCT FROM
           (n.person_id, n.received_at, n.area, n.division, n.category, n.exploitation_model, n.contact_method,
            n.child_gender, n.child_ethnicity, n.child_living_situation, n.child_camhs_contact, n.child_age, n.outcome,
            n.child_repeat_missing_at_referral, n.child_missing_more_than_once_at_referral));
  IF cardinality(changes) = 0 THEN RETURN NULL; END IF;

  PERFORM lantern_briefing_lock_people(ARRAY(SELECT c.old_person FROM unnest(changes) c
                                             UNION SELECT c.new_person FROM unnest(changes) c));
  -- (Its own update has placed = false: this does not recur.)
  PERFORM lantern_referral_missing_refresh(ARRAY(SELECT DISTINCT c.new_person FROM unnest(changes) c WHERE c.placed),
                                           ARRAY(SELECT c.id FROM unnest(changes) c WHERE c.placed));
  EXECUTE lantern_briefing_victim_counts_sql(
    'SELECT o.*, -1 AS sign FROM old_rows o JOIN unnest($1) c ON c.id = o.id
     UNION ALL SELECT n.*, 1 AS sign FROM new_rows n JOIN unnest($1) c ON c.id = n.id') USING changes;
  -- Episodes follow their referral's division.
  EXECUTE lantern_briefing_episode_counts_sql(
    'SELECT m.*, s.sign, s.division AS ref_division
       FROM (SELECT o.id, o.division, -1 AS sign FROM old_rows o JOIN unnest($1) c
               ON c.id = o.id AND c.division_changed
             UNION ALL
             SELECT c.id, c.new_division, 1 AS sign FROM unnest($1) c WHERE c.division_changed) s
       JOIN mash_episode m ON m.referral_id = s.id') USING changes;

  FOREACH kind IN ARRAY ARRAY['CHILD', 'S20', 'S31'] LOOP
    SELECT array_agg(c.id), array_agg(c.old_person) INTO g_refs, g_people
      FROM unnest(changes) c
     WHERE kind = ANY(lantern_briefing_run_kinds(c.old_outcome))
       AND (c.placed OR c.old_outcome IS DISTINCT FROM c.new_outcome);
    SELECT array_agg(c.id), array_agg(c.new_person), array_agg(c.new_day), array_agg(c.new_area),
           array_agg(c.new_division)
      INTO n_refs, n_people, n_days, n_areas, n_divisions
      FROM unnest(changes) c
     WHERE kind = ANY(lantern_briefing_run_kinds(c.new_outcome))
       AND (c.placed OR c.old_outcome IS DISTINCT FROM c.new_outcome);
    PERFORM lantern_briefing_runs_apply(kind, g_refs, g_people, n_refs, n_people, n_days, n_areas, n_divisions);
  END LOOP;

  -- The suspects named on a referral that moved in time or place move with it.
  IF NOT EXISTS (SELECT 1 FROM unnest(changes) c WHERE c.moved) THEN RETURN NULL; END IF;
  SELECT array_agg(r.referral_id), array_agg(r.person_id), array_agg(c.new_day), array_agg(c.new_area),
         array_agg(c.new_division)
    INTO n_refs, n_people, n_days, n_areas, n_divisions
    FROM briefing_run r JOIN unnest(changes) c ON c.id = r.referral_id AND c.moved
   WHERE r.kind = 'SUSPECT';
  PERFORM lantern_briefing_runs_apply('SUSPECT', n_refs, n_people, n_refs, n_people, n_days, n_areas, n_divisions);
  RETURN NULL;
END $$;

-- Changes the repeat-missing rule (the system only) and works every referral's facts out again: the
-- briefings of closed periods then show as revised.
CREATE FUNCTION lantern_set_repeat_missing_rule(p_episodes integer, p_window_days integer) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF lantern_purpose() IS DISTINCT FROM 'system' THEN
    RAISE EXCEPTION 'only the system sets the repeat missing rule' USING ERRCODE = '42501';
  END IF;
  UPDATE repeat_missing_rule SET episodes = p_episodes, window_days = p_window_days
   WHERE (episodes, window_days) IS DISTINCT FROM (p_episodes, p_window_days);
  IF NOT FOUND THEN RETURN false; END IF;
  PERFORM lantern_referral_missing_refresh(ARRAY(SELECT DISTINCT person_id FROM victim_referral));
  RETURN true;
END $$;

-- What was there before this migration: the missing counts read from the people's flags go, the referrals'
-- facts are worked out (all false until now), and the update's trigger counts them.
DELETE FROM briefing_count WHERE figure = 'children.missing';
UPDATE victim_referral v
   SET child_repeat_missing_at_referral = f.repeat_missing,
       child_missing_more_than_once_at_referral = f.more_than_once
  FROM victim_referral r
 CROSS JOIN LATERAL lantern_child_missing_at(r.person_id, r.received_at) f
 WHERE v.id = r.id AND (f.repeat_missing OR f.more_than_once);

REVOKE ALL ON FUNCTION lantern_child_missing_at(uuid, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_referral_missing_refresh(uuid[], uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_victim_referral_facts_at_referral() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_missing_episode_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_set_repeat_missing_rule(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_set_repeat_missing_rule(integer, integer) TO lantern_app;

-- 3. "Revised": the first time a closed period's briefing is produced for a scope and mode, its cells as
--    shown (aggregates only, suppressed when published) are kept, so that a later production can say what
--    has changed since. Written only by the reports module (src/reports/publication-store.ts).
CREATE TABLE briefing_publication (
  period_from date NOT NULL,
  period_to date NOT NULL,
  -- '' for the whole partnership (a key column cannot be null).
  area text NOT NULL,
  division text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('published', 'operational')),
  first_published_at timestamptz NOT NULL,
  digest text NOT NULL,
  cells jsonb NOT NULL,
  PRIMARY KEY (period_from, period_to, area, division, mode)
);
REVOKE ALL ON briefing_publication FROM PUBLIC;

-- As the counts, the application reaches the table only through these functions (aggregates only):
-- statistics readers, and operational (exact) cells only for those allowed operational figures.
CREATE FUNCTION lantern_briefing_may_publish(p_mode text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT lantern_purpose() = 'system' OR lantern_has_permission('stats:operational')
         OR (p_mode = 'published' AND lantern_has_permission('stats:published'))
$$;

CREATE FUNCTION lantern_briefing_first_publication(p_from date, p_to date, p_area text, p_division text,
    p_mode text)
  RETURNS TABLE (first_published_at timestamptz, digest text, cells jsonb)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT lantern_briefing_may_publish(p_mode) THEN
    RAISE EXCEPTION 'briefings need the statistics permission of their mode' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY SELECT b.first_published_at, b.digest, b.cells FROM briefing_publication b
   WHERE (b.period_from, b.period_to, b.area, b.division, b.mode)
         = (p_from, p_to, coalesce(p_area, ''), coalesce(p_division, ''), p_mode);
END $$;

-- Records the first publication; a concurrent first one wins and this one is dropped.
CREATE FUNCTION lantern_briefing_record_publication(p_from date, p_to date, p_area text, p_division text,
    p_mode text, p_at timestamptz, p_digest text, p_cells jsonb)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT lantern_briefing_may_publish(p_mode) THEN
    RAISE EXCEPTION 'briefings need the statistics permission of their mode' USING ERRCODE = '42501';
  END IF;
  INSERT INTO briefing_publication (period_from, period_to, area, division, mode, first_published_at, digest, cells)
  VALUES (p_from, p_to, coalesce(p_area, ''), coalesce(p_division, ''), p_mode, p_at, p_digest, p_cells)
  ON CONFLICT DO NOTHING;
END $$;
REVOKE ALL ON FUNCTION lantern_briefing_first_publication(date, date, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_record_publication(date, date, text, text, text, timestamptz, text, jsonb)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_first_publication(date, date, text, text, text) TO lantern_app;
GRANT EXECUTE ON FUNCTION lantern_briefing_record_publication(date, date, text, text, text, timestamptz, text, jsonb)
  TO lantern_app;
