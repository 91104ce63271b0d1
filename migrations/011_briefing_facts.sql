-- Statistics at scale (issue 7): the briefing reads facts kept as the data changes, not the registry's
-- wide tables. See docs/decisions/0008-briefing-facts.md.
--
-- 1. briefing_count: additive counts per UK calendar day, area, division, figure family and category.
--    Statement-level triggers (over transition tables, so a bulk load is one aggregate) append one delta
--    row per key and statement; nothing updates a counter in place, so concurrent intakes never wait on
--    each other. lantern_briefing_compact() folds the deltas together and runs on a schedule.
-- 2. briefing_run: one narrow row per person and referral for the figures that count people, not
--    referrals: the child of each victim referral (CHILD), each suspect named on one (SUSPECT), and the
--    child of each referral with a section 20 or 31 outcome (S20, S31). Each row carries the day of the
--    same person's previous and next row of that kind within each kind of scope (partnership, area,
--    division, area and division). A row starts the person's run in a period when the previous one lies
--    before the period, and is the person's only one there when the next one lies after it too: distinct
--    people and people referred more than once become filtered counts, with no grouping by person.
-- The triggers run as the owner (SECURITY DEFINER), as the facts copied at intake already do; the
-- application role has no access to these tables.

CREATE TABLE briefing_count (
  day date NOT NULL,
  area text NOT NULL,
  division text NOT NULL,
  figure text NOT NULL,
  category text NOT NULL,
  n numeric NOT NULL
);
CREATE INDEX briefing_count_day ON briefing_count (day);

CREATE TABLE briefing_run (
  kind text NOT NULL,
  referral_id uuid NOT NULL,
  person_id uuid NOT NULL,
  day date NOT NULL,
  area text,
  division text,
  prev_p date, next_p date, prev_a date, next_a date, prev_d date, next_d date, prev_ad date, next_ad date,
  PRIMARY KEY (kind, referral_id, person_id)
) PARTITION BY LIST (kind);
-- One partition per kind, so that each figure reads only its own rows.
CREATE TABLE briefing_run_child PARTITION OF briefing_run FOR VALUES IN ('CHILD');
CREATE TABLE briefing_run_suspect PARTITION OF briefing_run FOR VALUES IN ('SUSPECT');
CREATE TABLE briefing_run_s20 PARTITION OF briefing_run FOR VALUES IN ('S20');
CREATE TABLE briefing_run_s31 PARTITION OF briefing_run FOR VALUES IN ('S31');
CREATE INDEX briefing_run_day ON briefing_run (kind, day);
CREATE INDEX briefing_run_person ON briefing_run (kind, person_id);

REVOKE ALL ON briefing_count, briefing_run FROM PUBLIC;

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
    LEFT JOIN person p ON p.id = r.person_id
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
     -- The child's missing facts as the person holds them now; lantern_briefing_person_changed keeps
     -- these counts right when they change.
     ('children.missing', CASE WHEN p.repeat_missing THEN 'REPEAT_MISSING' END),
     ('children.missing', CASE WHEN p.missing_more_than_once THEN 'MISSING_MORE_THAN_ONCE' END))
     AS x(figure, category)
   WHERE x.category IS NOT NULL
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

-- Serialises changes to the same people's runs (and to their missing facts, which the counts read):
-- a row lock per person (NO KEY UPDATE, which foreign-key checks do not conflict with), or, for a bulk
-- change, one lock on the runs table.
CREATE FUNCTION lantern_briefing_lock_people(people uuid[]) RETURNS void
  LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  IF cardinality(people) > 1000 THEN
    LOCK TABLE briefing_run IN SHARE ROW EXCLUSIVE MODE;
  ELSIF cardinality(people) > 0 THEN
    PERFORM 1 FROM person WHERE id = ANY(people) ORDER BY id FOR NO KEY UPDATE;
  END IF;
END $$;

-- Removes and adds runs of one kind (parallel arrays), and recomputes the previous and next days of
-- every run of the people concerned. The new rows are written with their days already computed, and
-- only existing rows whose days change are updated (a bulk load writes each row once).
CREATE FUNCTION lantern_briefing_runs_apply(p_kind text, gone_referrals uuid[], gone_people uuid[],
    new_referrals uuid[], new_people uuid[], new_days date[], new_areas text[], new_divisions text[])
  RETURNS void LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
  people uuid[] := ARRAY(SELECT unnest(coalesce(gone_people, '{}')) UNION SELECT unnest(coalesce(new_people, '{}')));
BEGIN
  IF cardinality(people) = 0 THEN RETURN; END IF;
  PERFORM lantern_briefing_lock_people(people);
  -- Dynamic SQL, so that each call is planned for its own arrays: a plan cached for one referral would
  -- scan a whole partition for the next bulk change, and the other way round.
  IF cardinality(gone_referrals) > 0 THEN
    EXECUTE 'DELETE FROM briefing_run r USING unnest($2, $3) AS g(referral_id, person_id)
              WHERE r.kind = $1 AND r.referral_id = g.referral_id AND r.person_id = g.person_id'
      USING p_kind, gone_referrals, gone_people;
  END IF;
  EXECUTE $q$
  WITH incoming AS (
    SELECT * FROM unnest(coalesce($3, '{}'::uuid[]), coalesce($4, '{}'::uuid[]), coalesce($5, '{}'::date[]),
                         coalesce($6, '{}'::text[]), coalesce($7, '{}'::text[]))
             AS n(referral_id, person_id, day, area, division)
  ), combined AS (
    SELECT r.referral_id, r.person_id, r.day, r.area, r.division, false AS fresh
      FROM briefing_run r WHERE r.kind = $1 AND r.person_id = ANY($2)
    UNION ALL
    SELECT i.referral_id, i.person_id, i.day, i.area, i.division, true FROM incoming i
  ), chained AS (
    SELECT c.*,
           lag(day) OVER p AS prev_p, lead(day) OVER p AS next_p,
           lag(day) OVER a AS prev_a, lead(day) OVER a AS next_a,
           lag(day) OVER d AS prev_d, lead(day) OVER d AS next_d,
           lag(day) OVER ad AS prev_ad, lead(day) OVER ad AS next_ad
      FROM combined c
    WINDOW p AS (PARTITION BY person_id ORDER BY day, referral_id),
           a AS (PARTITION BY person_id, area ORDER BY day, referral_id),
           d AS (PARTITION BY person_id, division ORDER BY day, referral_id),
           ad AS (PARTITION BY person_id, area, division ORDER BY day, referral_id)
  ), changed AS (
    UPDATE briefing_run r
       SET prev_p = c.prev_p, next_p = c.next_p, prev_a = c.prev_a, next_a = c.next_a,
           prev_d = c.prev_d, next_d = c.next_d, prev_ad = c.prev_ad, next_ad = c.next_ad
      FROM chained c
     WHERE NOT c.fresh AND r.kind = $1 AND r.referral_id = c.referral_id AND r.person_id = c.person_id
       AND (r.prev_p, r.next_p, r.prev_a, r.next_a, r.prev_d, r.next_d, r.prev_ad, r.next_ad)
           IS DISTINCT FROM (c.prev_p, c.next_p, c.prev_a, c.next_a, c.prev_d, c.next_d, c.prev_ad, c.next_ad)
    RETURNING 1
  )
  INSERT INTO briefing_run (kind, referral_id, person_id, day, area, division,
                            prev_p, next_p, prev_a, next_a, prev_d, next_d, prev_ad, next_ad)
  SELECT $1, referral_id, person_id, day, area, division,
         prev_p, next_p, prev_a, next_a, prev_d, next_d, prev_ad, next_ad
    FROM chained WHERE fresh $q$
  USING p_kind, people, new_referrals, new_people, new_days, new_areas, new_divisions;
END $$;

-- What an update of victim referrals changed, row by row, for the trigger below.
CREATE TYPE briefing_victim_change AS (
  id uuid, old_person uuid, new_person uuid, old_outcome text, new_outcome text,
  -- moved to another person, time or place (its runs are redone)
  placed boolean,
  new_day date, new_area text, new_division text,
  -- moved to another day or place (the suspects named on it move with it)
  moved boolean,
  division_changed boolean);

-- The runs a victim referral makes: its child, and its child again when the outcome is s20 or s31.
CREATE FUNCTION lantern_briefing_run_kinds(outcome text) RETURNS text[]
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN outcome IN ('S20', 'S31') THEN ARRAY['CHILD', outcome] ELSE ARRAY['CHILD'] END $$;

CREATE FUNCTION lantern_briefing_victim_changed() RETURNS trigger
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
            o.child_gender, o.child_ethnicity, o.child_living_situation, o.child_camhs_contact, o.child_age, o.outcome)
           IS DISTINCT FROM
           (n.person_id, n.received_at, n.area, n.division, n.category, n.exploitation_model, n.contact_method,
            n.child_gender, n.child_ethnicity, n.child_living_situation, n.child_camhs_contact, n.child_age, n.outcome));
  IF cardinality(changes) = 0 THEN RETURN NULL; END IF;

  PERFORM lantern_briefing_lock_people(ARRAY(SELECT c.old_person FROM unnest(changes) c
                                             UNION SELECT c.new_person FROM unnest(changes) c));
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

-- Suspects named on victim referrals.
CREATE FUNCTION lantern_briefing_link_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  g_refs uuid[]; g_people uuid[];
  n_refs uuid[]; n_people uuid[]; n_days date[]; n_areas text[]; n_divisions text[];
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT array_agg(o.referral_id), array_agg(o.person_id) INTO g_refs, g_people
      FROM old_rows o WHERE o.role = 'SUSPECT';
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    SELECT array_agg(n.referral_id), array_agg(n.person_id), array_agg(lantern_uk_day(v.received_at)),
           array_agg(v.area), array_agg(v.division)
      INTO n_refs, n_people, n_days, n_areas, n_divisions
      FROM new_rows n JOIN victim_referral v ON v.id = n.referral_id WHERE n.role = 'SUSPECT';
  END IF;
  PERFORM lantern_briefing_runs_apply('SUSPECT', g_refs, g_people, n_refs, n_people, n_days, n_areas, n_divisions);
  RETURN NULL;
END $$;

-- Each table's function runs once per statement that inserts, updates or deletes its rows, over the
-- statement's transition tables (new_rows, old_rows).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('victim_referral', 'briefing_victim', 'lantern_briefing_victim_changed'),
    ('suspect_referral', 'briefing_suspect', 'lantern_briefing_suspect_changed'),
    ('mash_episode', 'briefing_episode', 'lantern_briefing_episode_changed'),
    ('disposal', 'briefing_disposal', 'lantern_briefing_disposal_changed'),
    ('referral_person', 'briefing_link', 'lantern_briefing_link_changed')) AS x(tbl, name, fn)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.name || '_inserted', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.name || '_updated', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.name || '_deleted', t.tbl, t.fn);
  END LOOP;
END $$;

-- A child's missing facts change on the person: every referral of the child counts again. The lock
-- waits for a bulk change of runs in progress (which reads the flags) to finish.
CREATE FUNCTION lantern_briefing_person_changed() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE (o.repeat_missing, o.missing_more_than_once)
                        IS DISTINCT FROM (n.repeat_missing, n.missing_more_than_once)) THEN
    RETURN NULL;
  END IF;
  LOCK TABLE briefing_run IN ROW EXCLUSIVE MODE;
  INSERT INTO briefing_count (day, area, division, figure, category, n)
  SELECT r.day, coalesce(r.area, ''), coalesce(r.division, ''), 'children.missing', x.category, sum(x.delta)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN briefing_run r ON r.kind = 'CHILD' AND r.person_id = n.id
   CROSS JOIN LATERAL (VALUES
     ('REPEAT_MISSING', n.repeat_missing::int - o.repeat_missing::int),
     ('MISSING_MORE_THAN_ONCE', n.missing_more_than_once::int - o.missing_more_than_once::int)) AS x(category, delta)
   WHERE x.delta <> 0
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(x.delta) <> 0;
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
DECLARE
  kind text;
  n_refs uuid[]; n_people uuid[]; n_days date[]; n_areas text[]; n_divisions text[];
BEGIN
  EXECUTE lantern_briefing_victim_counts_sql('SELECT v.*, 1 AS sign FROM victim_referral v');
  EXECUTE lantern_briefing_suspect_counts_sql('SELECT r.*, 1 AS sign FROM suspect_referral r');
  EXECUTE lantern_briefing_episode_counts_sql(
    'SELECT m.*, 1 AS sign, v.division AS ref_division FROM mash_episode m LEFT JOIN victim_referral v ON v.id = m.referral_id');
  EXECUTE lantern_briefing_disposal_counts_sql(
    'SELECT d.*, 1 AS sign, r.area AS ref_area, r.division AS ref_division FROM disposal d
       LEFT JOIN suspect_referral r ON r.id = d.suspect_referral_id');
  FOREACH kind IN ARRAY ARRAY['CHILD', 'S20', 'S31'] LOOP
    SELECT array_agg(v.id), array_agg(v.person_id), array_agg(lantern_uk_day(v.received_at)), array_agg(v.area),
           array_agg(v.division)
      INTO n_refs, n_people, n_days, n_areas, n_divisions
      FROM victim_referral v WHERE kind = ANY(lantern_briefing_run_kinds(v.outcome));
    PERFORM lantern_briefing_runs_apply(kind, '{}', '{}', n_refs, n_people, n_days, n_areas, n_divisions);
  END LOOP;
  SELECT array_agg(rp.referral_id), array_agg(rp.person_id), array_agg(lantern_uk_day(v.received_at)),
         array_agg(v.area), array_agg(v.division)
    INTO n_refs, n_people, n_days, n_areas, n_divisions
    FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id WHERE rp.role = 'SUSPECT';
  PERFORM lantern_briefing_runs_apply('SUSPECT', '{}', '{}', n_refs, n_people, n_days, n_areas, n_divisions);
END $$;

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

  -- Children with a section 20 or section 31 outcome.
  RETURN QUERY EXECUTE format($q$
    SELECT 'children.outcome', kind, count(*) FILTER (WHERE prev_%1$s IS NULL OR prev_%1$s < $1)
      FROM briefing_run
     WHERE kind IN ('S20', 'S31') AND day >= $1 AND day < $2
       AND ($3::text IS NULL OR area = $3) AND ($4::text IS NULL OR division = $4)
     GROUP BY kind $q$, runs)
  USING d_from, d_to, p_area, p_division;

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
END $$;

REVOKE ALL ON FUNCTION lantern_briefing_compact() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_compact() TO lantern_app;
REVOKE ALL ON FUNCTION lantern_briefing_lock_people(uuid[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_runs_apply(text, uuid[], uuid[], uuid[], uuid[], date[], text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_victim_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_suspect_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_episode_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_disposal_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_link_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_briefing_person_changed() FROM PUBLIC;
