-- Missing children: placements (children's homes and other care placements), missing episodes with the
-- police risk grade and every change of it, the people a child was found with, return home interviews (due
-- 72 hours after the return), MASH tasks (a child who becomes repeat missing prompts a strategy discussion),
-- and the child's repeat-missing facts. Placements are reference data: nothing is seeded here.

CREATE TABLE placement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,31}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  kind text NOT NULL CHECK (kind IN ('RESIDENTIAL_CHILDRENS_HOME', 'FOSTER', 'KINSHIP', 'SEMI_INDEPENDENT',
                                     'SECURE', 'OTHER')),
  area text CHECK (length(area) <= 100),
  postcode text CHECK (length(postcode) <= 10),
  agency_id uuid REFERENCES agency (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE missing_episode (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  type text NOT NULL CHECK (type IN ('MISSING', 'ABSENT', 'MISSING_FROM_CARE',
                                     'AWAY_FROM_PLACEMENT_WITHOUT_AUTHORISATION')),
  from_kind text NOT NULL CHECK (from_kind IN ('HOME', 'PLACEMENT', 'OTHER')),
  placement_id uuid REFERENCES placement (id),
  from_postcode text CHECK (length(from_postcode) <= 10),
  -- The agency that took the report (the police force), and who reported the child missing to it.
  reported_at timestamptz NOT NULL,
  reported_by_agency_id uuid NOT NULL REFERENCES agency (id),
  reported_by_label text NOT NULL CHECK (length(reported_by_label) BETWEEN 1 AND 200),
  reporter_name text CHECK (length(reporter_name) <= 200),
  recorded_by_user uuid,
  recorded_by_label text NOT NULL,
  last_seen_at timestamptz,
  returned_at timestamptz,
  found_where text CHECK (length(found_where) <= 500),
  found_postcode text CHECK (length(found_postcode) <= 10),
  circumstances text CHECK (length(circumstances) <= 10000),
  exploitation_suspected boolean NOT NULL DEFAULT false,
  -- The grade when reported, and the current grade after every change in missing_risk_grade_change.
  initial_risk_grade text NOT NULL CHECK (initial_risk_grade IN ('NO_APPARENT_RISK', 'LOW', 'MEDIUM', 'HIGH')),
  risk_grade text NOT NULL CHECK (risk_grade IN ('NO_APPARENT_RISK', 'LOW', 'MEDIUM', 'HIGH')),
  area text NOT NULL,
  -- The police report number: unique per reporting agency, so that an import can be run again.
  external_ref text CHECK (length(external_ref) BETWEEN 1 AND 60),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (returned_at IS NULL OR returned_at >= reported_at),
  CHECK (placement_id IS NULL OR from_kind = 'PLACEMENT'),
  UNIQUE (reported_by_agency_id, external_ref)
);
CREATE INDEX missing_episode_by_person ON missing_episode (person_id, reported_at);
CREATE INDEX missing_episode_placement ON missing_episode (placement_id, reported_at) WHERE placement_id IS NOT NULL;
CREATE INDEX missing_episode_returned ON missing_episode (returned_at) WHERE returned_at IS NOT NULL;
CREATE INDEX missing_episode_area ON missing_episode (area, reported_at);

CREATE TABLE missing_risk_grade_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL REFERENCES missing_episode (id),
  from_grade text NOT NULL,
  to_grade text NOT NULL CHECK (to_grade IN ('NO_APPARENT_RISK', 'LOW', 'MEDIUM', 'HIGH')),
  rationale text NOT NULL CHECK (length(rationale) BETWEEN 10 AND 5000),
  changed_by uuid,
  changed_by_label text NOT NULL,
  changed_at timestamptz NOT NULL
);
CREATE INDEX missing_risk_grade_change_episode ON missing_risk_grade_change (episode_id, changed_at);

-- People the child was found with (a peer, a suspect, a relative).
CREATE TABLE missing_episode_person (
  episode_id uuid NOT NULL REFERENCES missing_episode (id),
  person_id uuid NOT NULL REFERENCES person (id),
  relation text NOT NULL CHECK (length(relation) BETWEEN 1 AND 200),
  PRIMARY KEY (episode_id, person_id)
);
CREATE INDEX missing_episode_person_person ON missing_episode_person (person_id);

CREATE TABLE return_home_interview (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL UNIQUE REFERENCES missing_episode (id),
  offered boolean NOT NULL,
  offered_at timestamptz,
  not_offered_reason text CHECK (length(not_offered_reason) <= 2000),
  not_offered_by_label text,
  not_offered_at timestamptz,
  response text CHECK (response IN ('ACCEPTED', 'DECLINED')),
  responded_at timestamptz,
  completed_at timestamptz,
  -- Who holds the interview: someone independent, from an agency other than the police.
  by_agency_id uuid REFERENCES agency (id),
  by_name text CHECK (length(by_name) <= 200),
  disclosures text CHECK (length(disclosures) <= 10000),
  recorded_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (offered OR (not_offered_reason IS NOT NULL AND response IS NULL AND completed_at IS NULL)),
  CHECK (NOT (response = 'DECLINED' AND completed_at IS NOT NULL))
);

-- Work the MASH must pick up that no referral started, e.g. a strategy discussion for a repeat missing child.
CREATE TABLE mash_task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  area text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('REPEAT_MISSING_STRATEGY_DISCUSSION')),
  description text NOT NULL CHECK (length(description) <= 2000),
  source_episode_id uuid REFERENCES missing_episode (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by_label text
);
CREATE INDEX mash_task_open ON mash_task (area, created_at) WHERE done_at IS NULL;
CREATE INDEX mash_task_person ON mash_task (person_id);

-- The child's missing facts, kept by the service after every episode write: repeat missing under the local
-- rolling rule (as of the last recompute, with the start of the current run), and missing more than once ever.
ALTER TABLE person ADD COLUMN IF NOT EXISTS repeat_missing boolean NOT NULL DEFAULT false;
ALTER TABLE person ADD COLUMN IF NOT EXISTS missing_more_than_once boolean NOT NULL DEFAULT false;
ALTER TABLE person ADD COLUMN IF NOT EXISTS repeat_missing_since timestamptz;

GRANT SELECT, INSERT, UPDATE ON placement, missing_episode, return_home_interview, mash_task TO lantern_app;
GRANT SELECT, INSERT ON missing_risk_grade_change, missing_episode_person TO lantern_app;

-- Placements are reference data (a home's name and postcode), not personal data: every signed-in role may read
-- them; the CLI and case workers add them.
ALTER TABLE placement ENABLE ROW LEVEL SECURITY;
CREATE POLICY placement_read ON placement FOR SELECT USING (true);
CREATE POLICY placement_write ON placement FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR lantern_has_permission('case:work'));
CREATE POLICY placement_update ON placement FOR UPDATE
  USING (lantern_purpose() = 'system' OR lantern_has_permission('case:work'));

-- An episode follows its child: only someone who may see the child, and then case readers or the agency
-- that took the report. Recording one needs case:work on a child one may see.
ALTER TABLE missing_episode ENABLE ROW LEVEL SECURITY;
CREATE POLICY missing_episode_read ON missing_episode FOR SELECT USING (
  lantern_purpose() = 'system' OR (
    EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode.person_id)
    AND (lantern_has_permission('case:read')
         OR (reported_by_agency_id = lantern_agency_id() AND lantern_has_permission('case:work')))));
CREATE POLICY missing_episode_insert ON missing_episode FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND reported_by_agency_id = lantern_agency_id()
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode.person_id)));
CREATE POLICY missing_episode_update ON missing_episode FOR UPDATE USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode.person_id)));

-- The episode's parts follow the episode.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['missing_risk_grade_change', 'return_home_interview'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (EXISTS (SELECT 1 FROM missing_episode e WHERE e.id = %I.episode_id))',
                   t || '_read', t, t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (lantern_purpose() = ''system'' OR (lantern_has_permission(''case:work'') AND EXISTS (SELECT 1 FROM missing_episode e WHERE e.id = %I.episode_id)))',
                   t || '_insert', t, t);
  END LOOP;
END $$;
CREATE POLICY return_home_interview_update ON return_home_interview FOR UPDATE USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND EXISTS (SELECT 1 FROM missing_episode e WHERE e.id = return_home_interview.episode_id)));

-- A person found with the child is shown only to someone who may see both the episode and that person.
ALTER TABLE missing_episode_person ENABLE ROW LEVEL SECURITY;
CREATE POLICY missing_episode_person_read ON missing_episode_person FOR SELECT USING (
  EXISTS (SELECT 1 FROM missing_episode e WHERE e.id = missing_episode_person.episode_id)
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode_person.person_id));
CREATE POLICY missing_episode_person_insert ON missing_episode_person FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND EXISTS (SELECT 1 FROM missing_episode e WHERE e.id = missing_episode_person.episode_id)
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode_person.person_id)));

-- MASH tasks: the hub of the area works them; case readers of the child see them.
ALTER TABLE mash_task ENABLE ROW LEVEL SECURITY;
CREATE POLICY mash_task_read ON mash_task FOR SELECT USING (
  lantern_purpose() = 'system' OR lantern_in_mash(area)
  OR (lantern_has_permission('case:read') AND EXISTS (SELECT 1 FROM person p WHERE p.id = mash_task.person_id)));
CREATE POLICY mash_task_insert ON mash_task FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR ((lantern_has_permission('case:work') OR lantern_has_permission('mash:triage'))
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = mash_task.person_id)));
CREATE POLICY mash_task_update ON mash_task FOR UPDATE USING (lantern_purpose() = 'system' OR lantern_in_mash(area));

-- Facts that must hold whatever the caller may see. The repeat missing rule counts every episode of the
-- child, including those another agency reported: this answers only their start times (and ids, to tell the
-- new one apart), and only for a child the caller may see. Existence answers a boolean, for audited denials.
CREATE FUNCTION lantern_missing_episode_starts(subject uuid)
  RETURNS TABLE (episode_id uuid, reported_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.reported_at FROM missing_episode e
   WHERE e.person_id = subject
     AND (lantern_purpose() = 'system'
          OR EXISTS (SELECT 1 FROM person p WHERE p.id = subject AND lantern_may_see_person(p)))
   ORDER BY e.reported_at
$$;

CREATE FUNCTION lantern_missing_episode_exists(episode uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT EXISTS (SELECT 1 FROM missing_episode WHERE id = episode) $$;

REVOKE ALL ON FUNCTION lantern_missing_episode_starts(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_missing_episode_exists(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_missing_episode_starts(uuid) TO lantern_app;
GRANT EXECUTE ON FUNCTION lantern_missing_episode_exists(uuid) TO lantern_app;
