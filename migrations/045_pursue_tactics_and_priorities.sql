-- Issue 17 item 2: the disruption register's tactics beyond the briefing's first list (decision 0041). The
-- interim orders, a hotel notice (s116 Anti-social Behaviour, Crime and Policing Act 2014), closure notices
-- and orders, community protection notices, criminal behaviour orders and licensing reviews (a taxi or
-- private hire licence, a premises licence) are tactics a CSE team records as it records a notice: the
-- code list (`platform/codes/referral.ts`, DISPOSALS) names them; this check is its copy in the database.

ALTER TABLE disposal DROP CONSTRAINT disposal_type_check;
ALTER TABLE disposal ADD CONSTRAINT disposal_type_check CHECK (type IN (
  'ARREST', 'CHARGE', 'CONVICTION', 'CAUTION', 'CAWN_S2', 'CAWN_S49', 'SHPO', 'SHPO_INTERIM', 'SRO', 'SRO_INTERIM',
  'HOTEL_NOTICE', 'CLOSURE_NOTICE', 'CLOSURE_ORDER', 'COMMUNITY_PROTECTION_NOTICE', 'CRIMINAL_BEHAVIOUR_ORDER',
  'LICENSING_REVIEW_TAXI', 'LICENSING_REVIEW_PREMISES', 'INTELLIGENCE', 'NFA'));

-- Issue 17 item 4, the priorities at scale (decision 0042). Scoring every suspect from their referrals,
-- links, intelligence, tactics and breaches on each reading took 771 ms at scale 10 on the embedded engine
-- (scale 100 is ten times the people). What the score reads is kept here, one row per person, refreshed
-- from the records whenever one of them changes: the writers' statements append the people they touched to
-- `pursue_priority_dirty` (cheap, append-only: a bulk load is not slowed by re-scoring as it goes), and
-- `lantern_priority_catch_up` re-reads those people's records and rewrites their rows. The priorities page
-- catches up before it reads (so a tactic just recorded counts at once), a scheduled task catches up in the
-- background, and the loader catches up at the end of a load.
--
-- Intelligence is kept apart (its days, its latest day), so that the reading gives it to police readers only,
-- as the intelligence table's own policy does.
CREATE TABLE pursue_priority_fact (
  person_id uuid PRIMARY KEY REFERENCES person (id),
  -- The latest referral, tactic or breach about the person (null when only intelligence names them).
  last_event_on date,
  -- The days of the referrals and breaches about them: what the frequency counts, over any 12 months.
  event_days date[] NOT NULL,
  kinds text[] NOT NULL,
  last_intelligence_on date,
  intelligence_days date[] NOT NULL,
  linked_children integer NOT NULL,
  -- The last day a notice, order, charge or sentence about them is in force ('infinity' for no end).
  in_force_until date,
  eliminated boolean NOT NULL,
  -- The charge → conviction → sentence funnel: charged, and of those convicted, their sentences in months.
  charged boolean NOT NULL DEFAULT false,
  convicted boolean NOT NULL DEFAULT false,
  sentence_months numeric NOT NULL DEFAULT 0,
  -- The score on `scored_on` (recency and frequency move with the day), for a police reader (with the
  -- intelligence) and for any other; worked out by the Pursue store from the weights, which are code
  -- (pursue/priority-rules.ts), after each catch-up and once a day. Null until scored.
  last_on_police date,
  score_police integer,
  score_other integer,
  scored_on date
);
-- A reading walks the scores from the top and stops at a page of the people the reader may see.
CREATE INDEX pursue_priority_police_rank ON pursue_priority_fact
  (score_police DESC NULLS LAST, last_on_police DESC NULLS LAST, person_id) WHERE NOT eliminated;
CREATE INDEX pursue_priority_other_rank ON pursue_priority_fact
  (score_other DESC NULLS LAST, last_event_on DESC NULLS LAST, person_id) WHERE NOT eliminated;
CREATE INDEX pursue_priority_charged ON pursue_priority_fact (person_id) WHERE charged;
CREATE INDEX pursue_priority_scored_on ON pursue_priority_fact (scored_on NULLS FIRST);
CREATE TABLE pursue_priority_dirty (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id uuid NOT NULL
);
CREATE INDEX suspect_child_link_referral ON suspect_child_link (suspect_referral_id);

GRANT SELECT ON pursue_priority_fact TO lantern_app;
GRANT UPDATE (last_on_police, score_police, score_other, scored_on) ON pursue_priority_fact TO lantern_app;
ALTER TABLE pursue_priority_fact ENABLE ROW LEVEL SECURITY;
-- Scoring is the system's work (the store's, in a transaction of the system purpose).
CREATE POLICY pursue_priority_fact_score ON pursue_priority_fact FOR UPDATE
  USING (lantern_purpose() = 'system') WITH CHECK (lantern_purpose() = 'system');
-- Pursue readers (case:work) see the facts of the people they may see.
CREATE POLICY pursue_priority_fact_read ON pursue_priority_fact FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = pursue_priority_fact.person_id)));
-- The queue is written and read only by the functions below (the owner's): the application role has no
-- privilege on it at all.

-- The notices and orders in force until they expire (pursue/codes.ts: BREACHABLE).
CREATE FUNCTION lantern_priority_notice_or_order(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT t IN ('CAWN_S2', 'CAWN_S49', 'SHPO', 'SHPO_INTERIM', 'SRO', 'SRO_INTERIM', 'HOTEL_NOTICE',
               'CLOSURE_NOTICE', 'CLOSURE_ORDER', 'COMMUNITY_PROTECTION_NOTICE', 'CRIMINAL_BEHAVIOUR_ORDER')
$$;

-- Re-reads the records of up to `max_rows` queued changes and rewrites those people's facts; returns how
-- many people it re-read. Concurrent callers take different queued rows (SKIP LOCKED) and upsert.
CREATE FUNCTION lantern_priority_catch_up(max_rows integer) RETURNS integer
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
                                          sentence_months, eliminated)
    SELECT facts.*,
           -- Someone eliminated from enquiries leaves the priorities (their latest status, migration 043).
           coalesce((SELECT ps.status FROM pursue_status ps WHERE ps.person_id = facts.person_id
                      ORDER BY ps.recorded_at DESC LIMIT 1), 'SUSPECT') = 'ELIMINATED'
      FROM facts
    ON CONFLICT (person_id) DO UPDATE SET
      last_event_on = excluded.last_event_on, event_days = excluded.event_days, kinds = excluded.kinds,
      last_intelligence_on = excluded.last_intelligence_on, intelligence_days = excluded.intelligence_days,
      linked_children = excluded.linked_children, in_force_until = excluded.in_force_until,
      charged = excluded.charged, convicted = excluded.convicted, sentence_months = excluded.sentence_months,
      eliminated = excluded.eliminated, last_on_police = NULL, score_police = NULL, score_other = NULL,
      scored_on = NULL
    RETURNING f.person_id
  )
  -- Those with nothing left about them (their records moved to the person they were merged into).
  DELETE FROM pursue_priority_fact f
   WHERE f.person_id = ANY (subjects) AND f.person_id NOT IN (SELECT person_id FROM written);
  RETURN cardinality(subjects);
END $$;
REVOKE ALL ON FUNCTION lantern_priority_catch_up(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_priority_catch_up(integer) TO lantern_app;

-- How many changes wait to be read (the page says so when it could not catch up with all of them).
CREATE FUNCTION lantern_priority_backlog() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(*) FROM pursue_priority_dirty
$$;
REVOKE ALL ON FUNCTION lantern_priority_backlog() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_priority_backlog() TO lantern_app;

-- The writers' statements queue the people they touched. One function per table: each knows where the
-- person is in its rows. Updates queue the person before and after (a merge moves records between people).
CREATE FUNCTION lantern_priority_queue() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_TABLE_NAME = 'suspect_referral' OR TG_TABLE_NAME = 'disposal' OR TG_TABLE_NAME = 'pursue_status' THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO pursue_priority_dirty (person_id) SELECT DISTINCT person_id FROM new_rows;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      INSERT INTO pursue_priority_dirty (person_id) SELECT DISTINCT person_id FROM old_rows;
    END IF;
  ELSIF TG_TABLE_NAME = 'intelligence' THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO pursue_priority_dirty (person_id)
        SELECT DISTINCT person_id FROM new_rows WHERE person_id IS NOT NULL AND evaluated_at IS NOT NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      INSERT INTO pursue_priority_dirty (person_id) SELECT DISTINCT person_id FROM old_rows WHERE person_id IS NOT NULL;
    END IF;
  ELSIF TG_TABLE_NAME = 'referral_person' THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO pursue_priority_dirty (person_id) SELECT DISTINCT person_id FROM new_rows WHERE role = 'SUSPECT';
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      INSERT INTO pursue_priority_dirty (person_id) SELECT DISTINCT person_id FROM old_rows WHERE role = 'SUSPECT';
    END IF;
  ELSIF TG_TABLE_NAME = 'suspect_child_link' THEN
    -- A child merged into another changes how many children the suspect is linked to.
    INSERT INTO pursue_priority_dirty (person_id)
      SELECT DISTINCT s.person_id FROM suspect_referral s
       WHERE s.id IN (SELECT suspect_referral_id FROM new_rows);
  ELSIF TG_TABLE_NAME = 'disruption_breach' THEN
    INSERT INTO pursue_priority_dirty (person_id)
      SELECT DISTINCT d.person_id FROM disposal d WHERE d.id IN (SELECT disposal_id FROM new_rows);
  ELSIF TG_TABLE_NAME = 'victim_referral' THEN
    -- Only a child's merge (the referral's person changes) changes what the suspects named in it are scored on.
    INSERT INTO pursue_priority_dirty (person_id)
      SELECT DISTINCT rp.person_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN referral_person rp ON rp.referral_id = n.id AND rp.role = 'SUSPECT'
       WHERE n.person_id IS DISTINCT FROM o.person_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER priority_suspect_referral_insert AFTER INSERT ON suspect_referral
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_suspect_referral_update AFTER UPDATE ON suspect_referral
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_disposal_insert AFTER INSERT ON disposal
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_disposal_update AFTER UPDATE ON disposal
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_pursue_status_insert AFTER INSERT ON pursue_status
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_intelligence_insert AFTER INSERT ON intelligence
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_intelligence_update AFTER UPDATE ON intelligence
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_referral_person_insert AFTER INSERT ON referral_person
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_referral_person_update AFTER UPDATE ON referral_person
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_suspect_child_link_insert AFTER INSERT ON suspect_child_link
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_suspect_child_link_update AFTER UPDATE ON suspect_child_link
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_disruption_breach_insert AFTER INSERT ON disruption_breach
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();
CREATE TRIGGER priority_victim_referral_update AFTER UPDATE ON victim_referral
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lantern_priority_queue();

-- What the records already hold: every person with any of them is queued once (the start-up catches up).
INSERT INTO pursue_priority_dirty (person_id)
  SELECT person_id FROM suspect_referral UNION SELECT person_id FROM disposal
  UNION SELECT person_id FROM referral_person WHERE role = 'SUSPECT'
  UNION SELECT person_id FROM intelligence WHERE person_id IS NOT NULL AND evaluated_at IS NOT NULL;
