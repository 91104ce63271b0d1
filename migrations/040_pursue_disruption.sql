-- Issue 17 item 2 (decision 0041): the disruption register. A tactic against a suspect or offender was a
-- row of `disposal` written only by the demo loader; the Pursue module now owns the table and a CSE team
-- records tactics through its pages: who issued it (the recording officer and agency), the conditions, the
-- court date of an order, a review date, and the breaches of a notice or order. A breached Child Abduction
-- Warning Notice asks the issuing agency to consider a Sexual Risk Order: the breach holds that decision.
--
-- The briefing keeps reading `disposal` through its statement triggers (migration 011): what is recorded
-- here counts in the disposal and sentence figures at once. An expiry before the start is refused by the
-- form's rules, not by a check here: the demo generator's abduction notices end when the child comes of
-- age, which for a few of its children falls before the notice (left as it is; the figures are calibrated).

ALTER TABLE disposal
  ADD COLUMN agency_id uuid REFERENCES agency (id),
  ADD COLUMN recorded_by_user uuid,
  ADD COLUMN conditions text CHECK (length(conditions) <= 4000),
  ADD COLUMN court_date date,
  ADD COLUMN review_on date,
  ADD CONSTRAINT disposal_sentence_on_conviction CHECK (sentence_months IS NULL OR type = 'CONVICTION');

-- What a CSE team reads: a person's tactics, and those naming a child.
CREATE INDEX disposal_child ON disposal (child_person_id) WHERE child_person_id IS NOT NULL;

-- A partner system's token acts for its agency and has no user: its rows hold no user.
CREATE POLICY disposal_insert_recorder ON disposal AS RESTRICTIVE FOR INSERT WITH CHECK (
  lantern_purpose() = 'system'
  OR (recorded_by_user IS NOT DISTINCT FROM lantern_user_id() AND agency_id = lantern_agency_id()));

CREATE TABLE disruption_breach (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  disposal_id uuid NOT NULL REFERENCES disposal (id),
  breached_on date NOT NULL,
  details text NOT NULL CHECK (length(details) BETWEEN 1 AND 4000),
  recorded_by_user uuid,
  recorded_by_label text NOT NULL CHECK (length(recorded_by_label) BETWEEN 1 AND 200),
  agency_id uuid NOT NULL REFERENCES agency (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- The Sexual Risk Order considered after a breached notice: apply, or not needed and why.
  sro_decision text CHECK (sro_decision IN ('APPLY', 'NOT_NEEDED')),
  sro_reason text CHECK (length(sro_reason) <= 4000),
  sro_decided_at timestamptz,
  sro_decided_by_label text,
  CHECK ((sro_decision IS NULL) = (sro_decided_at IS NULL))
);
CREATE INDEX disruption_breach_disposal ON disruption_breach (disposal_id);
CREATE INDEX disruption_breach_undecided ON disruption_breach (agency_id) WHERE sro_decision IS NULL;

GRANT SELECT, INSERT ON disruption_breach TO lantern_app;
GRANT UPDATE (sro_decision, sro_reason, sro_decided_at, sro_decided_by_label) ON disruption_breach TO lantern_app;

-- A breach is read by whoever may read its tactic (disposal_read: case:read and may see the person), and
-- written by case workers of the agency that issued it.
ALTER TABLE disruption_breach ENABLE ROW LEVEL SECURITY;
CREATE POLICY disruption_breach_read ON disruption_breach FOR SELECT USING (
  lantern_purpose() = 'system' OR EXISTS (SELECT 1 FROM disposal d WHERE d.id = disruption_breach.disposal_id));
CREATE POLICY disruption_breach_insert ON disruption_breach FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND recorded_by_user IS NOT DISTINCT FROM lantern_user_id() AND agency_id = lantern_agency_id()
  AND EXISTS (SELECT 1 FROM disposal d WHERE d.id = disruption_breach.disposal_id)));
CREATE POLICY disruption_breach_decide ON disruption_breach FOR UPDATE
  USING (lantern_purpose() = 'system' OR (lantern_has_permission('case:work') AND agency_id = lantern_agency_id()))
  WITH CHECK (lantern_purpose() = 'system' OR (lantern_has_permission('case:work') AND agency_id = lantern_agency_id()));
