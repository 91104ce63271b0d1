-- Identity resolution in the product: stored model versions, match candidates awaiting a practitioner's
-- decision, merges of people (reversible: what moved is recorded), and background jobs with progress.

CREATE TABLE identity_model (
  version serial PRIMARY KEY,
  parameters jsonb NOT NULL,
  trained_at timestamptz NOT NULL DEFAULT now(),
  trained_on integer NOT NULL,
  trained_by text NOT NULL,
  active boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX identity_model_one_active ON identity_model (active) WHERE active;

CREATE TABLE match_candidate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Two people who may be one: the explanation holds the per-field match weights.
  person_id uuid NOT NULL REFERENCES person (id),
  candidate_person_id uuid NOT NULL REFERENCES person (id),
  probability double precision NOT NULL,
  match_weight double precision NOT NULL,
  explanation jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'AUTO_LINKED')),
  source text NOT NULL CHECK (source IN ('INTAKE', 'BATCH')),
  -- The hub whose practitioners review it.
  area text,
  model_version integer REFERENCES identity_model (version),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_by_label text,
  decided_at timestamptz,
  CHECK (person_id <> candidate_person_id),
  UNIQUE (person_id, candidate_person_id)
);
CREATE INDEX match_candidate_pending ON match_candidate (area, created_at) WHERE status = 'PENDING';

CREATE TABLE person_merge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id uuid NOT NULL REFERENCES person (id),
  merged_id uuid NOT NULL REFERENCES person (id),
  merged_by uuid,
  merged_by_label text NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL,
  -- Exactly what moved to the survivor, so that an unmerge puts each row back.
  moved jsonb NOT NULL,
  unmerged_at timestamptz,
  unmerged_by_label text,
  unmerge_reason text
);
CREATE INDEX person_merge_survivor ON person_merge (survivor_id);
CREATE INDEX person_merge_merged ON person_merge (merged_id);

CREATE TABLE job (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
  params jsonb NOT NULL DEFAULT '{}',
  progress_done bigint NOT NULL DEFAULT 0,
  progress_total bigint NOT NULL DEFAULT 0,
  phase text,
  result jsonb,
  error text,
  requested_by uuid,
  requested_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  heartbeat_at timestamptz
);
CREATE INDEX job_queue ON job (created_at) WHERE status = 'QUEUED';

GRANT SELECT, INSERT, UPDATE ON identity_model, match_candidate, person_merge, job TO lantern_app;
GRANT USAGE ON SEQUENCE identity_model_version_seq TO lantern_app;
GRANT UPDATE ON referral_person, suspect_child_link TO lantern_app;

ALTER TABLE match_candidate ENABLE ROW LEVEL SECURITY;
-- Reviewers see and decide matches between people they may both see; whoever submits may queue them.
CREATE FUNCTION lantern_may_review_match(a uuid, b uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT lantern_purpose() = 'system' OR (lantern_has_permission('people:merge')
    AND EXISTS (SELECT 1 FROM person p WHERE p.id = a) AND EXISTS (SELECT 1 FROM person p WHERE p.id = b))
$$;
CREATE POLICY match_candidate_read ON match_candidate FOR SELECT
  USING (lantern_may_review_match(person_id, candidate_person_id));
CREATE POLICY match_candidate_queue ON match_candidate FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR lantern_has_permission('referral:create') OR lantern_has_permission('people:merge'));
CREATE POLICY match_candidate_decide ON match_candidate FOR UPDATE
  USING (lantern_may_review_match(person_id, candidate_person_id));

ALTER TABLE person_merge ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_merge_access ON person_merge FOR ALL
  USING (lantern_purpose() = 'system' OR EXISTS (SELECT 1 FROM person p WHERE p.id = person_merge.survivor_id))
  WITH CHECK (lantern_purpose() = 'system' OR lantern_has_permission('people:merge'));

-- Merging moves referrals between people: the movers need to update what they can see.
CREATE POLICY victim_referral_merge ON victim_referral FOR UPDATE
  USING (lantern_has_permission('people:merge') AND lantern_may_see_referral(person_id, referring_agency_id, area));
CREATE POLICY suspect_referral_merge ON suspect_referral FOR UPDATE
  USING (lantern_has_permission('people:merge') AND lantern_may_see_referral(person_id, referring_agency_id, area));
CREATE POLICY referral_person_merge ON referral_person FOR UPDATE
  USING (lantern_has_permission('people:merge') AND EXISTS (SELECT 1 FROM victim_referral r WHERE r.id = referral_person.referral_id));
CREATE POLICY suspect_child_link_merge ON suspect_child_link FOR UPDATE
  USING (lantern_has_permission('people:merge')
         AND EXISTS (SELECT 1 FROM suspect_referral r WHERE r.id = suspect_child_link.suspect_referral_id));
GRANT UPDATE ON suspect_referral TO lantern_app;

-- Jobs carry no personal data: progress and counts. Who may see them is decided by the routes.
ALTER TABLE job ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_access ON job FOR ALL USING (lantern_user_id() IS NOT NULL OR lantern_purpose() = 'system')
  WITH CHECK (lantern_user_id() IS NOT NULL OR lantern_purpose() = 'system');

-- A person's scope and summary are derived from the records about them; after a merge or unmerge they are
-- worked out again from the data (whatever the caller may see), never patched by hand.
CREATE FUNCTION lantern_recompute_person(subject uuid) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE person p SET
    agency_ids = coalesce((SELECT array_agg(DISTINCT a) FROM (
        SELECT agency_id AS a FROM source_record WHERE person_id = subject
        UNION SELECT referring_agency_id FROM victim_referral WHERE person_id = subject
        UNION SELECT referring_agency_id FROM suspect_referral WHERE person_id = subject
        UNION SELECT r.referring_agency_id FROM referral_person rp JOIN victim_referral r ON r.id = rp.referral_id
               WHERE rp.person_id = subject) x), '{}'),
    areas = coalesce((SELECT array_agg(DISTINCT a) FROM (
        SELECT area AS a FROM victim_referral WHERE person_id = subject
        UNION SELECT area FROM suspect_referral WHERE person_id = subject
        UNION SELECT r.area FROM referral_person rp JOIN victim_referral r ON r.id = rp.referral_id WHERE rp.person_id = subject
        UNION SELECT r.area FROM suspect_child_link l JOIN suspect_referral r ON r.id = l.suspect_referral_id
               WHERE l.child_person_id = subject) y), '{}'),
    -- The name and date of birth most agencies gave (the newest on a tie), so that a merge does not rename
    -- a child after one agency's nickname or typo.
    forename = coalesce((SELECT forename FROM source_record WHERE person_id = subject AND forename IS NOT NULL
                         GROUP BY forename ORDER BY count(*) DESC, max(submitted_at) DESC LIMIT 1), p.forename),
    surname = coalesce((SELECT surname FROM source_record WHERE person_id = subject AND surname IS NOT NULL
                        GROUP BY surname ORDER BY count(*) DESC, max(submitted_at) DESC LIMIT 1), p.surname),
    dob = (SELECT dob FROM source_record WHERE person_id = subject AND dob IS NOT NULL
           GROUP BY dob ORDER BY count(*) DESC, max(submitted_at) DESC LIMIT 1),
    updated_at = now()
  WHERE p.id = subject
$$;
REVOKE ALL ON FUNCTION lantern_recompute_person(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_recompute_person(uuid) TO lantern_app;
