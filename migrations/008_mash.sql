-- The MASH: every victim referral opens an episode in its hub's queue; triage (RAG with its clock and
-- history), research by each agency (contributions owned by their agency and marked releasable or not),
-- information sharing decisions, strategy discussions with actions, the decision and outcome, and CSE
-- risk assessments whose current level is the child's flag.

CREATE FUNCTION lantern_in_mash(episode_area text) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT lantern_has_permission('mash:triage') AND episode_area = ANY (lantern_areas()) $$;

CREATE TABLE mash_episode (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL UNIQUE REFERENCES victim_referral (id),
  person_id uuid NOT NULL REFERENCES person (id),
  area text NOT NULL,
  -- The clock starts when the MASH receives the referral.
  received_at timestamptz NOT NULL,
  stage text NOT NULL CHECK (stage IN ('TRIAGE', 'RESEARCH', 'DISCUSSION', 'DECISION', 'CLOSED')),
  rag text CHECK (rag IN ('RED', 'AMBER', 'GREEN', 'BLUE')),
  rag_deadline timestamptz,
  decision_deadline timestamptz NOT NULL,
  breached_at timestamptz,
  allocated_to uuid,
  allocated_label text,
  decided_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mash_episode_queue ON mash_episode (area, rag_deadline) WHERE closed_at IS NULL;
CREATE INDEX mash_episode_received ON mash_episode (received_at);

CREATE TABLE rag_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  area text NOT NULL,
  from_rag text,
  to_rag text NOT NULL,
  rationale text NOT NULL CHECK (length(rationale) BETWEEN 10 AND 5000),
  changed_by uuid,
  changed_by_label text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rag_change_episode ON rag_change (episode_id, changed_at);

CREATE TABLE research_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  area text NOT NULL,
  agency_id uuid NOT NULL REFERENCES agency (id),
  requested_by_label text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL CHECK (status IN ('REQUESTED', 'CONTRIBUTED')),
  UNIQUE (episode_id, agency_id)
);

CREATE TABLE contribution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  area text NOT NULL,
  -- The agency that owns what it contributed; releasing it outside the MASH needs its approval.
  agency_id uuid NOT NULL REFERENCES agency (id),
  contributed_by uuid,
  contributed_by_label text NOT NULL,
  contributed_at timestamptz NOT NULL DEFAULT now(),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 10000),
  relevant_history text CHECK (length(relevant_history) <= 10000),
  risk_information text CHECK (length(risk_information) <= 10000),
  releasable boolean NOT NULL,
  -- Police intelligence carries a handling code (how far it may be disseminated).
  handling_code text CHECK (handling_code IN ('1', '2', '3', '4', '5'))
);
CREATE INDEX contribution_episode ON contribution (episode_id);

CREATE TABLE sharing_decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  area text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('SHARE', 'NOT_SHARE')),
  decided_by uuid,
  decided_by_label text NOT NULL,
  agency_id uuid NOT NULL REFERENCES agency (id),
  decided_at timestamptz NOT NULL,
  purpose text NOT NULL,
  information text NOT NULL,
  recipients jsonb NOT NULL DEFAULT '[]',
  channel text,
  legal_basis text NOT NULL,
  legal_basis_other text,
  consent_sought boolean NOT NULL,
  consent_not_sought_reason text,
  necessity_proportionality text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sharing_decision_episode ON sharing_decision (episode_id);

CREATE TABLE strategy_discussion (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  area text NOT NULL,
  held_at timestamptz NOT NULL,
  attendees jsonb NOT NULL,
  decisions text NOT NULL,
  recorded_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE strategy_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  discussion_id uuid NOT NULL REFERENCES strategy_discussion (id),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  area text NOT NULL,
  description text NOT NULL,
  owner_agency_id uuid REFERENCES agency (id),
  owner_name text NOT NULL,
  due_date date NOT NULL,
  completed_at timestamptz,
  completed_by_label text
);
CREATE INDEX strategy_action_due ON strategy_action (area, due_date) WHERE completed_at IS NULL;

CREATE TABLE mash_decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL UNIQUE REFERENCES mash_episode (id),
  area text NOT NULL,
  decided_by uuid,
  decided_by_label text NOT NULL,
  decided_at timestamptz NOT NULL,
  contact_outcome text NOT NULL,
  referral_outcome text,
  social_care_outcome text NOT NULL,
  statutory_measures text[] NOT NULL DEFAULT '{}',
  cin_factors text[] NOT NULL DEFAULT '{}',
  nfa_reason text,
  rationale text NOT NULL,
  feedback_to_referrer text NOT NULL,
  within_standard boolean NOT NULL
);

CREATE TABLE risk_assessment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  episode_id uuid REFERENCES mash_episode (id),
  template_id text NOT NULL,
  template_version integer NOT NULL,
  answers jsonb NOT NULL,
  score integer,
  computed_level text NOT NULL,
  final_level text NOT NULL,
  rationale text,
  overrides jsonb NOT NULL DEFAULT '[]',
  assessed_by uuid,
  assessed_by_label text NOT NULL,
  assessed_at timestamptz NOT NULL DEFAULT now(),
  next_review_date date NOT NULL
);
CREATE INDEX risk_assessment_person ON risk_assessment (person_id, assessed_at DESC);

-- The child's CSE flag: the latest assessment's final level, and when it must be reviewed.
ALTER TABLE person ADD COLUMN cse_risk_level text;
ALTER TABLE person ADD COLUMN cse_review_due date;

GRANT SELECT, INSERT, UPDATE ON mash_episode, research_request, strategy_action TO lantern_app;
GRANT SELECT, INSERT ON rag_change, contribution, sharing_decision, strategy_discussion, mash_decision, risk_assessment
  TO lantern_app;

ALTER TABLE mash_episode ENABLE ROW LEVEL SECURITY;
CREATE POLICY mash_episode_read ON mash_episode FOR SELECT USING (
  lantern_purpose() = 'system' OR lantern_in_mash(area)
  OR (lantern_has_permission('case:read') AND area = ANY (lantern_areas())));
CREATE POLICY mash_episode_insert ON mash_episode FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR EXISTS (SELECT 1 FROM victim_referral r WHERE r.id = referral_id));
CREATE POLICY mash_episode_update ON mash_episode FOR UPDATE USING (lantern_purpose() = 'system' OR lantern_in_mash(area));

-- Inside the MASH everyone sees everything of the hub; outside it, only what the owner marked releasable.
ALTER TABLE contribution ENABLE ROW LEVEL SECURITY;
CREATE POLICY contribution_read ON contribution FOR SELECT USING (
  lantern_purpose() = 'system' OR agency_id = lantern_agency_id() OR lantern_in_mash(area)
  OR (releasable AND lantern_has_permission('case:read') AND area = ANY (lantern_areas())));
CREATE POLICY contribution_insert ON contribution FOR INSERT
  WITH CHECK (lantern_purpose() = 'system'
              OR (agency_id = lantern_agency_id() AND lantern_has_permission('mash:contribute') AND area = ANY (lantern_areas())));

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rag_change', 'research_request', 'sharing_decision', 'strategy_discussion', 'strategy_action',
                           'mash_decision'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (lantern_purpose() = ''system'' OR lantern_in_mash(area))', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (lantern_purpose() = ''system'' OR lantern_in_mash(area))', t || '_insert', t);
  END LOOP;
END $$;
-- The agency asked for research sees the request, to answer it.
CREATE POLICY research_request_own ON research_request FOR SELECT USING (agency_id = lantern_agency_id());
CREATE POLICY research_request_update ON research_request FOR UPDATE
  USING (lantern_purpose() = 'system' OR lantern_in_mash(area) OR agency_id = lantern_agency_id());
CREATE POLICY strategy_action_update ON strategy_action FOR UPDATE USING (lantern_purpose() = 'system' OR lantern_in_mash(area));

-- Risk assessments follow the child: whoever may read the child's case may read them.
ALTER TABLE risk_assessment ENABLE ROW LEVEL SECURITY;
CREATE POLICY risk_assessment_read ON risk_assessment FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = risk_assessment.person_id)));
CREATE POLICY risk_assessment_insert ON risk_assessment FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR ((lantern_has_permission('case:work') OR lantern_has_permission('mash:triage'))
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = risk_assessment.person_id)));

CREATE FUNCTION lantern_episode_exists(episode uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT EXISTS (SELECT 1 FROM mash_episode WHERE id = episode) $$;
REVOKE ALL ON FUNCTION lantern_episode_exists(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_episode_exists(uuid) TO lantern_app;
