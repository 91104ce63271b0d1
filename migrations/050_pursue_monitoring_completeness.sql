-- Issue 17 item 1, how complete the monitoring of suspects' ethnicity and nationality is, at scale. Counted
-- over the people the reader may see, it checked the reader's scope on every person and re-read every
-- person's referrals: 21 s at scale 100 on the embedded engine. It is now a statistic of the partnership's
-- monitoring (as the briefing's figures are, counts only, no one named), over the kept facts: the ethnicity
-- the referrals gave is kept with each person's facts (never read by the score: decision 0042 and the
-- invariance test, which rewrites this column with every other ethnicity column), and one function counts.
ALTER TABLE pursue_priority_fact ADD COLUMN referred_ethnicity text;

CREATE OR REPLACE FUNCTION lantern_priority_catch_up(max_rows integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET jit = off AS $$
DECLARE
  subjects uuid[];
BEGIN
  WITH taken AS (
    DELETE FROM pursue_priority_dirty WHERE id = ANY (ARRAY(
      SELECT id FROM pursue_priority_dirty ORDER BY id LIMIT max_rows FOR UPDATE SKIP LOCKED))
    RETURNING person_id)
  SELECT array_agg(DISTINCT person_id) INTO subjects FROM taken;
  IF subjects IS NULL THEN
    RETURN 0;
  END IF;
  WITH events AS (
    SELECT s.person_id, (s.received_at AT TIME ZONE 'Europe/London')::date AS day, 'SUSPECT_REFERRAL' AS kind,
           NULL::uuid AS child, true AS counts, NULL::date AS until, NULL::numeric AS months
      FROM suspect_referral s WHERE s.person_id = ANY (subjects)
    UNION ALL
    SELECT s.person_id, (s.received_at AT TIME ZONE 'Europe/London')::date, 'SUSPECT_REFERRAL', l.child_person_id,
           false, NULL, NULL
      FROM suspect_referral s JOIN suspect_child_link l ON l.suspect_referral_id = s.id
     WHERE s.person_id = ANY (subjects)
    UNION ALL
    SELECT rp.person_id, (v.received_at AT TIME ZONE 'Europe/London')::date, 'NAMED', v.person_id, true, NULL, NULL
      FROM referral_person rp JOIN victim_referral v ON v.id = rp.referral_id
     WHERE rp.person_id = ANY (subjects) AND rp.role = 'SUSPECT'
    UNION ALL
    SELECT i.person_id, (i.evaluated_at AT TIME ZONE 'Europe/London')::date, 'INTELLIGENCE', NULL, true, NULL, NULL
      FROM intelligence i WHERE i.person_id = ANY (subjects) AND i.evaluated_at IS NOT NULL
    UNION ALL
    SELECT d.person_id, d.disposed_at,
           CASE WHEN d.type IN ('CONVICTION', 'CHARGE') THEN d.type
                WHEN lantern_priority_notice_or_order(d.type) THEN 'NOTICE_OR_ORDER' ELSE 'OTHER_TACTIC' END,
           d.child_person_id, false,
           CASE WHEN lantern_priority_notice_or_order(d.type) THEN coalesce(d.expires_on, 'infinity'::date)
                WHEN d.type = 'CHARGE' THEN d.disposed_at + 364
                WHEN d.type = 'CONVICTION'
                  THEN (d.disposed_at + make_interval(months => coalesce(d.sentence_months, 0)::int))::date - 1
           END,
           CASE WHEN d.type = 'CONVICTION' THEN coalesce(d.sentence_months, 0) END
      FROM disposal d WHERE d.person_id = ANY (subjects)
    UNION ALL
    SELECT d.person_id, b.breached_on, 'BREACH', NULL, true, NULL, NULL
      FROM disruption_breach b JOIN disposal d ON d.id = b.disposal_id WHERE d.person_id = ANY (subjects)
  ), facts AS (
    SELECT e.person_id,
           max(e.day) FILTER (WHERE e.kind <> 'INTELLIGENCE') AS last_event_on,
           coalesce(array_agg(e.day ORDER BY e.day DESC) FILTER (WHERE e.counts AND e.kind <> 'INTELLIGENCE'),
                    '{}') AS event_days,
           coalesce(array_agg(DISTINCT e.kind) FILTER (WHERE e.kind <> 'INTELLIGENCE'), '{}') AS kinds,
           max(e.day) FILTER (WHERE e.kind = 'INTELLIGENCE') AS last_intelligence_on,
           coalesce(array_agg(e.day ORDER BY e.day DESC) FILTER (WHERE e.kind = 'INTELLIGENCE'), '{}')
             AS intelligence_days,
           count(DISTINCT e.child)::int AS linked_children,
           max(e.until) AS in_force_until,
           bool_or(e.kind = 'CHARGE') AS charged, bool_or(e.kind = 'CONVICTION') AS convicted,
           coalesce(sum(e.months), 0) AS sentence_months
      FROM events e GROUP BY e.person_id
  ), written AS (
    INSERT INTO pursue_priority_fact AS f (person_id, last_event_on, event_days, kinds, last_intelligence_on,
                                          intelligence_days, linked_children, in_force_until, charged, convicted,
                                          sentence_months, eliminated, referred_ethnicity)
    SELECT facts.*,
           -- Someone eliminated from enquiries leaves the priorities (their latest status, migration 043).
           coalesce((SELECT ps.status FROM pursue_status ps WHERE ps.person_id = facts.person_id
                      ORDER BY ps.recorded_at DESC LIMIT 1), 'SUSPECT') = 'ELIMINATED',
           -- What the referrals said of their ethnicity: the latest suspect referral's, else the latest record's.
           coalesce((SELECT s.suspect_ethnicity FROM suspect_referral s
                      WHERE s.person_id = facts.person_id AND s.suspect_ethnicity IS NOT NULL
                      ORDER BY s.received_at DESC LIMIT 1),
                    (SELECT sr.ethnicity FROM source_record sr
                      WHERE sr.person_id = facts.person_id AND sr.ethnicity IS NOT NULL
                      ORDER BY sr.submitted_at DESC LIMIT 1))
      FROM facts
    ON CONFLICT (person_id) DO UPDATE SET
      last_event_on = excluded.last_event_on, event_days = excluded.event_days, kinds = excluded.kinds,
      last_intelligence_on = excluded.last_intelligence_on, intelligence_days = excluded.intelligence_days,
      linked_children = excluded.linked_children, in_force_until = excluded.in_force_until,
      charged = excluded.charged, convicted = excluded.convicted, sentence_months = excluded.sentence_months,
      eliminated = excluded.eliminated, last_on_police = NULL, score_police = NULL, score_other = NULL,
      scored_on = NULL, referred_ethnicity = excluded.referred_ethnicity
    RETURNING f.person_id
  )
  -- Those with nothing left about them (their records moved to the person they were merged into).
  DELETE FROM pursue_priority_fact f
   WHERE f.person_id = ANY (subjects) AND f.person_id NOT IN (SELECT person_id FROM written);
  RETURN cardinality(subjects);
END $$;


-- The partnership's counts, for the Pursue readers (the CSE teams and analysts); the latest profile
-- answer (migration 048), else the ethnicity the referrals gave; eliminated people left out.
CREATE FUNCTION lantern_pursue_monitoring_completeness()
  RETURNS TABLE (people int, ethnicity_recorded int, ethnicity_not_stated int, ethnicity_refused int,
                 nationality_recorded int, nationality_not_stated int, nationality_refused int)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public SET jit = off AS $$
BEGIN
  IF NOT (lantern_purpose() = 'system' OR lantern_has_permission('case:work')
          OR lantern_has_permission('analysis:read')) THEN
    RAISE EXCEPTION 'the monitoring figures are for Pursue readers' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
  WITH latest AS (
    SELECT DISTINCT ON (x.person_id) x.person_id, x.ethnicity, x.nationality
      FROM pursue_profile x ORDER BY x.person_id, x.recorded_at DESC
  ), answers AS (
    SELECT coalesce(l.ethnicity, f.referred_ethnicity) AS ethnicity, l.nationality
      FROM pursue_priority_fact f LEFT JOIN latest l ON l.person_id = f.person_id
     WHERE NOT f.eliminated
  )
  SELECT count(*)::int,
         (count(*) FILTER (WHERE a.ethnicity NOT IN ('NOT_STATED', 'REFUSED')))::int,
         (count(*) FILTER (WHERE a.ethnicity = 'NOT_STATED'))::int,
         (count(*) FILTER (WHERE a.ethnicity = 'REFUSED'))::int,
         (count(*) FILTER (WHERE a.nationality NOT IN ('NOT_STATED', 'REFUSED')))::int,
         (count(*) FILTER (WHERE a.nationality = 'NOT_STATED'))::int,
         (count(*) FILTER (WHERE a.nationality = 'REFUSED'))::int
    FROM answers a;
END $$;
REVOKE ALL ON FUNCTION lantern_pursue_monitoring_completeness() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_pursue_monitoring_completeness() TO lantern_app;

-- Everyone's facts read again, so that each holds the ethnicity the referrals gave.
INSERT INTO pursue_priority_dirty (person_id) SELECT person_id FROM pursue_priority_fact;
