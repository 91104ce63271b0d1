-- Roles that match a MASH (issue #13): a practitioner triages and PROPOSES a decision; a manager allocates,
-- changes a RAG, and approves or returns a proposal (decision 0015). The proposal keeps the decision as
-- proposed (the service's DecisionInput) so that approval records exactly what the practitioner proposed,
-- and the decision keeps who proposed it. A strategy discussion records whether it decided on a section 47
-- enquiry, and the episode the date the initial child protection conference was held.

CREATE TABLE decision_proposal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  area text NOT NULL,
  input jsonb NOT NULL,
  proposed_by uuid,
  proposed_by_label text NOT NULL,
  proposed_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'APPROVED', 'RETURNED')),
  reviewed_by uuid,
  reviewed_by_label text,
  reviewed_at timestamptz,
  return_reason text CHECK (length(return_reason) BETWEEN 1 AND 5000),
  CHECK ((status = 'RETURNED') = (return_reason IS NOT NULL))
);
-- One proposal at a time awaits a manager.
CREATE UNIQUE INDEX decision_proposal_pending ON decision_proposal (episode_id) WHERE status = 'PROPOSED';
CREATE INDEX decision_proposal_proposer ON decision_proposal (proposed_by, status);

ALTER TABLE mash_decision ADD COLUMN proposed_by uuid;
ALTER TABLE mash_decision ADD COLUMN proposed_by_label text;

ALTER TABLE strategy_discussion ADD COLUMN section_47 boolean;

ALTER TABLE mash_episode ADD COLUMN allocated_at timestamptz;
ALTER TABLE mash_episode ADD COLUMN icpc_held_on date;
ALTER TABLE mash_episode ADD COLUMN icpc_recorded_by_label text;
CREATE INDEX mash_episode_allocated ON mash_episode (allocated_to) WHERE closed_at IS NULL;
CREATE INDEX mash_episode_decided ON mash_episode (area, decided_at) WHERE closed_at IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON decision_proposal TO lantern_app;

-- Inside the hub only, as every other record of the episode's work.
ALTER TABLE decision_proposal ENABLE ROW LEVEL SECURITY;
CREATE POLICY decision_proposal_read ON decision_proposal FOR SELECT
  USING (lantern_purpose() = 'system' OR lantern_in_mash(area));
CREATE POLICY decision_proposal_insert ON decision_proposal FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR lantern_in_mash(area));
CREATE POLICY decision_proposal_update ON decision_proposal FOR UPDATE
  USING (lantern_purpose() = 'system' OR lantern_in_mash(area));
