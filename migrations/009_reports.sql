-- Statistics and the partnership briefing (issue 7): what the figures need and the schema lacked, and the
-- aggregate functions that compute them. Partnership members see no personal rows (row-level security
-- gives them nothing), so the figures come from SECURITY DEFINER functions that return counts by category
-- only, never a row about a person; disclosure control is applied by the application (src/reports/).

-- The police division of the child's area (filled by the loader and, later, by intake).
ALTER TABLE victim_referral ADD COLUMN IF NOT EXISTS division text;

-- Facts for statistics, fixed at intake like prior_referrals_*: the child as recorded on the referral
-- (its child source record, else the person's latest child record). Filled by the trigger below, so that
-- the briefing reads one table rather than joining a million source records.
ALTER TABLE victim_referral ADD COLUMN IF NOT EXISTS child_gender text;
ALTER TABLE victim_referral ADD COLUMN IF NOT EXISTS child_ethnicity text;
ALTER TABLE victim_referral ADD COLUMN IF NOT EXISTS child_living_situation text;
ALTER TABLE victim_referral ADD COLUMN IF NOT EXISTS child_camhs_contact boolean;
ALTER TABLE victim_referral ADD COLUMN IF NOT EXISTS child_age integer;
-- The suspect as recorded on the suspect referral's source record.
ALTER TABLE suspect_referral ADD COLUMN IF NOT EXISTS suspect_gender text;
ALTER TABLE suspect_referral ADD COLUMN IF NOT EXISTS suspect_ethnicity text;

-- Missing-from-home facts kept on the person (the missing episodes module sets them; see DOMAIN.md).
ALTER TABLE person ADD COLUMN IF NOT EXISTS repeat_missing boolean NOT NULL DEFAULT false;
ALTER TABLE person ADD COLUMN IF NOT EXISTS missing_more_than_once boolean NOT NULL DEFAULT false;

CREATE FUNCTION lantern_victim_referral_facts() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  rec record;
BEGIN
  SELECT s.gender, s.ethnicity, s.living_situation, s.camhs_contact, s.dob, s.estimated_age INTO rec
    FROM source_record s WHERE s.id = NEW.child_source_record_id;
  IF NOT FOUND THEN
    SELECT s.gender, s.ethnicity, s.living_situation, s.camhs_contact, s.dob, s.estimated_age INTO rec
      FROM source_record s WHERE s.person_id = NEW.person_id AND s.subject_role = 'CHILD'
     ORDER BY s.submitted_at DESC LIMIT 1;
  END IF;
  IF FOUND THEN
    NEW.child_gender := coalesce(NEW.child_gender, rec.gender);
    NEW.child_ethnicity := coalesce(NEW.child_ethnicity, rec.ethnicity);
    NEW.child_living_situation := coalesce(NEW.child_living_situation, rec.living_situation);
    NEW.child_camhs_contact := coalesce(NEW.child_camhs_contact, rec.camhs_contact);
    NEW.child_age := coalesce(NEW.child_age,
      extract(year FROM age((NEW.received_at AT TIME ZONE 'Europe/London')::date, rec.dob))::integer,
      rec.estimated_age);
  END IF;
  IF NEW.child_gender IS NULL THEN
    NEW.child_gender := (SELECT p.gender FROM person p WHERE p.id = NEW.person_id);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER victim_referral_facts BEFORE INSERT ON victim_referral
  FOR EACH ROW EXECUTE FUNCTION lantern_victim_referral_facts();

CREATE FUNCTION lantern_suspect_referral_facts() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.suspect_gender IS NULL OR NEW.suspect_ethnicity IS NULL THEN
    SELECT coalesce(NEW.suspect_gender, s.gender), coalesce(NEW.suspect_ethnicity, s.ethnicity)
      INTO NEW.suspect_gender, NEW.suspect_ethnicity
      FROM source_record s WHERE s.id = NEW.source_record_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER suspect_referral_facts BEFORE INSERT ON suspect_referral
  FOR EACH ROW EXECUTE FUNCTION lantern_suspect_referral_facts();

-- Referrals made before this migration.
UPDATE victim_referral v SET
  child_gender = coalesce(s.gender, v.child_gender),
  child_ethnicity = s.ethnicity,
  child_living_situation = s.living_situation,
  child_camhs_contact = s.camhs_contact,
  child_age = coalesce(extract(year FROM age((v.received_at AT TIME ZONE 'Europe/London')::date, s.dob))::integer,
                       s.estimated_age)
  FROM source_record s WHERE s.id = v.child_source_record_id;
UPDATE victim_referral v SET child_gender = p.gender FROM person p WHERE p.id = v.person_id AND v.child_gender IS NULL;
UPDATE suspect_referral r SET suspect_gender = s.gender, suspect_ethnicity = s.ethnicity
  FROM source_record s WHERE s.id = r.source_record_id;

-- What happened to a suspect: charges, convictions with sentences, abduction notices, orders, intelligence.
CREATE TABLE disposal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  suspect_referral_id uuid REFERENCES suspect_referral (id),
  type text NOT NULL CHECK (type IN ('ARREST', 'CHARGE', 'CONVICTION', 'CAUTION', 'CAWN_S2', 'CAWN_S49', 'SHPO',
                                     'SRO', 'INTELLIGENCE', 'NFA')),
  disposed_at date NOT NULL,
  sentence_months numeric CHECK (sentence_months IS NULL OR sentence_months >= 0),
  order_years numeric CHECK (order_years IS NULL OR order_years >= 0),
  expires_on date,
  -- The child an abduction warning notice protects.
  child_person_id uuid REFERENCES person (id),
  recorded_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disposal_person ON disposal (person_id);
CREATE INDEX disposal_date ON disposal (disposed_at);
CREATE INDEX disposal_suspect_referral ON disposal (suspect_referral_id);

GRANT SELECT, INSERT ON disposal TO lantern_app;
ALTER TABLE disposal ENABLE ROW LEVEL SECURITY;
CREATE POLICY disposal_read ON disposal FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = disposal.person_id)));
CREATE POLICY disposal_insert ON disposal FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = disposal.person_id)));

CREATE INDEX victim_referral_division ON victim_referral (division, received_at);
CREATE INDEX suspect_referral_area ON suspect_referral (area, received_at);
CREATE INDEX suspect_referral_division ON suspect_referral (division, received_at);
CREATE INDEX mash_episode_area_received ON mash_episode (area, received_at);

-- Every count the briefing needs over a period [p_from, p_to) and a scope (an area, a division, or the
-- whole partnership when both are null), as (figure, category, n) rows. Aggregates only: the smallest
-- unit it returns is a count. Refused unless the caller may read statistics (or is the system).
CREATE FUNCTION lantern_briefing_counts(p_from timestamptz, p_to timestamptz, p_area text, p_division text)
  RETURNS TABLE (figure text, category text, n bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT (lantern_purpose() = 'system' OR lantern_has_permission('stats:published')
          OR lantern_has_permission('stats:operational')) THEN
    RAISE EXCEPTION 'statistics need the stats:published or stats:operational permission' USING ERRCODE = '42501';
  END IF;

  -- Victim referrals received in the period: one pass, every one-way table at once.
  RETURN QUERY
  WITH r AS (
    SELECT v.category AS cat,
           v.exploitation_model AS model,
           v.contact_method AS contact,
           coalesce(v.child_gender, 'NOT_RECORDED') AS gender,
           coalesce(v.child_ethnicity, 'NOT_RECORDED') AS ethnicity,
           coalesce(v.child_living_situation, 'NOT_RECORDED') AS living,
           CASE v.child_camhs_contact WHEN true THEN 'YES' WHEN false THEN 'NO' ELSE 'NOT_RECORDED' END AS camhs,
           coalesce(v.child_age::text, 'NOT_RECORDED') AS age,
           coalesce(v.outcome, 'NOT_DECIDED') AS outcome
      FROM victim_referral v
     WHERE v.received_at >= p_from AND v.received_at < p_to
       AND (p_area IS NULL OR v.area = p_area) AND (p_division IS NULL OR v.division = p_division)
  )
  SELECT CASE WHEN GROUPING(r.cat) = 0 THEN 'referral.category'
              WHEN GROUPING(r.model) = 0 THEN 'referral.model'
              WHEN GROUPING(r.contact) = 0 THEN 'referral.contact'
              WHEN GROUPING(r.gender) = 0 THEN 'referral.gender'
              WHEN GROUPING(r.ethnicity) = 0 THEN 'referral.ethnicity'
              WHEN GROUPING(r.living) = 0 THEN 'referral.living'
              WHEN GROUPING(r.camhs) = 0 THEN 'referral.camhs'
              WHEN GROUPING(r.age) = 0 THEN 'referral.age'
              WHEN GROUPING(r.outcome) = 0 THEN 'referral.outcome'
              ELSE 'referral.total' END,
         coalesce(r.cat, r.model, r.contact, r.gender, r.ethnicity, r.living, r.camhs, r.age, r.outcome, 'ALL'),
         count(*)
    FROM r
   GROUP BY GROUPING SETS ((r.cat), (r.model), (r.contact), (r.gender), (r.ethnicity), (r.living), (r.camhs),
                           (r.age), (r.outcome), ());

  -- The same referrals per child: repeat referral, missing facts (kept on the person), s20/s31 children.
  RETURN QUERY
  WITH per_child AS (
    SELECT v.person_id, count(*) AS k,
           count(*) FILTER (WHERE v.outcome = 'S20') AS s20,
           count(*) FILTER (WHERE v.outcome = 'S31') AS s31
      FROM victim_referral v
     WHERE v.received_at >= p_from AND v.received_at < p_to
       AND (p_area IS NULL OR v.area = p_area) AND (p_division IS NULL OR v.division = p_division)
     GROUP BY v.person_id
  ), facts AS (
    SELECT count(*) AS children,
           count(*) FILTER (WHERE c.k > 1) AS repeat_children,
           coalesce(sum(c.k) FILTER (WHERE c.k > 1), 0) AS repeat_referrals,
           coalesce(sum(c.k) FILTER (WHERE p.repeat_missing), 0) AS repeat_missing,
           coalesce(sum(c.k) FILTER (WHERE p.missing_more_than_once), 0) AS missing_more_than_once,
           count(*) FILTER (WHERE c.s20 > 0) AS s20_children,
           count(*) FILTER (WHERE c.s31 > 0) AS s31_children
      FROM per_child c JOIN person p ON p.id = c.person_id
  )
  SELECT x.figure, x.category, x.n::bigint FROM facts f, LATERAL (VALUES
    ('children.total', 'ALL', f.children),
    ('children.referred_more_than_once', 'CHILDREN', f.repeat_children),
    ('children.referred_more_than_once', 'REFERRALS', f.repeat_referrals),
    ('children.missing', 'REPEAT_MISSING', f.repeat_missing),
    ('children.missing', 'MISSING_MORE_THAN_ONCE', f.missing_more_than_once),
    ('children.outcome', 'S20', f.s20_children),
    ('children.outcome', 'S31', f.s31_children)) AS x(figure, category, n);

  -- Suspect and offender referrals received in the period.
  RETURN QUERY
  WITH s AS (
    SELECT coalesce(r.suspect_gender, 'NOT_RECORDED') AS gender,
           coalesce(r.suspect_ethnicity, 'NOT_RECORDED') AS ethnicity,
           coalesce(r.division, 'NOT_RECORDED') AS division,
           CASE WHEN r.suspect_gender = 'FEMALE' THEN r.role END AS female_role,
           r.status
      FROM suspect_referral r
     WHERE r.received_at >= p_from AND r.received_at < p_to
       AND (p_area IS NULL OR r.area = p_area) AND (p_division IS NULL OR r.division = p_division)
  )
  SELECT CASE WHEN GROUPING(s.gender) = 0 THEN 'suspect.gender'
              WHEN GROUPING(s.female_role) = 0 THEN 'suspect.female_role'
              WHEN GROUPING(s.status) = 0 THEN 'suspect.status'
              WHEN GROUPING(s.ethnicity) = 0 AND GROUPING(s.division) = 0 THEN 'suspect.ethnicity_division'
              WHEN GROUPING(s.ethnicity) = 0 THEN 'suspect.ethnicity'
              ELSE 'suspect.total' END,
         CASE WHEN GROUPING(s.ethnicity) = 0 AND GROUPING(s.division) = 0 THEN s.ethnicity || '|' || s.division
              ELSE coalesce(s.gender, s.female_role, s.status, s.ethnicity, 'ALL') END,
         count(*)
    FROM s
   GROUP BY GROUPING SETS ((s.gender), (s.female_role), (s.status), (s.ethnicity), (s.ethnicity, s.division), ())
  HAVING NOT (GROUPING(s.female_role) = 0 AND s.female_role IS NULL);

  -- Distinct suspects named on the period's victim referrals, by the referral's division.
  RETURN QUERY
  SELECT 'suspect.linked_division', coalesce(v.division, 'NOT_RECORDED'), count(DISTINCT rp.person_id)
    FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id
   WHERE rp.role = 'SUSPECT' AND v.received_at >= p_from AND v.received_at < p_to
     AND (p_area IS NULL OR v.area = p_area) AND (p_division IS NULL OR v.division = p_division)
   GROUP BY 2
  UNION ALL
  SELECT 'suspect.linked_total', 'ALL', count(DISTINCT rp.person_id)
    FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id
   WHERE rp.role = 'SUSPECT' AND v.received_at >= p_from AND v.received_at < p_to
     AND (p_area IS NULL OR v.area = p_area) AND (p_division IS NULL OR v.division = p_division);

  -- Disposals in the period (dates are calendar days in the UK); scoped through their suspect referral.
  RETURN QUERY
  SELECT CASE WHEN GROUPING(d.type) = 0 THEN 'disposal.type' ELSE 'disposal.total' END,
         coalesce(d.type, 'ALL'), count(*)
    FROM disposal d LEFT JOIN suspect_referral r ON r.id = d.suspect_referral_id
   WHERE d.disposed_at >= (p_from AT TIME ZONE 'Europe/London')::date
     AND d.disposed_at < (p_to AT TIME ZONE 'Europe/London')::date
     AND (p_area IS NULL OR r.area = p_area) AND (p_division IS NULL OR r.division = p_division)
   GROUP BY GROUPING SETS ((d.type), ())
  UNION ALL
  SELECT 'disposal.sentence_months', 'CONVICTION', coalesce(round(sum(d.sentence_months)), 0)::bigint
    FROM disposal d LEFT JOIN suspect_referral r ON r.id = d.suspect_referral_id
   WHERE d.type = 'CONVICTION' AND d.disposed_at >= (p_from AT TIME ZONE 'Europe/London')::date
     AND d.disposed_at < (p_to AT TIME ZONE 'Europe/London')::date
     AND (p_area IS NULL OR r.area = p_area) AND (p_division IS NULL OR r.division = p_division);

  -- MASH timeliness of the episodes received in the period.
  RETURN QUERY
  WITH e AS (
    SELECT coalesce(m.rag, 'NOT_TRIAGED') AS rag,
           m.decided_at IS NOT NULL AS decided,
           m.decided_at <= m.decision_deadline AS in_day,
           m.decided_at <= m.rag_deadline AS in_rag
      FROM mash_episode m
     WHERE m.received_at >= p_from AND m.received_at < p_to
       AND (p_area IS NULL OR m.area = p_area)
       AND (p_division IS NULL OR EXISTS (SELECT 1 FROM victim_referral v WHERE v.id = m.referral_id
                                          AND v.division = p_division))
  )
  SELECT x.figure, x.category, x.n FROM (
    SELECT e.rag, count(*) AS received, count(*) FILTER (WHERE e.decided) AS decided,
           count(*) FILTER (WHERE e.in_day) AS in_day, count(*) FILTER (WHERE e.in_rag) AS in_rag
      FROM e GROUP BY GROUPING SETS ((e.rag), ())
  ) a, LATERAL (VALUES
    ('mash.received', coalesce(a.rag, 'ALL'), a.received),
    ('mash.decided', coalesce(a.rag, 'ALL'), a.decided),
    ('mash.decided_within_one_working_day', coalesce(a.rag, 'ALL'), a.in_day),
    ('mash.decided_within_rag_target', coalesce(a.rag, 'ALL'), a.in_rag)) AS x(figure, category, n);
END $$;

REVOKE ALL ON FUNCTION lantern_briefing_counts(timestamptz, timestamptz, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_briefing_counts(timestamptz, timestamptz, text, text) TO lantern_app;
REVOKE ALL ON FUNCTION lantern_victim_referral_facts() FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_suspect_referral_facts() FROM PUBLIC;
