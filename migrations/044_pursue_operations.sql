-- Issue 17 item 5, in part (decision 0041): named operations of a police force (or another agency's team)
-- against a group of suspects, with objectives, members, and an outcome when closed. The children linked
-- to the members are read from their referrals, not copied.

CREATE TABLE pursue_operation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  objectives text NOT NULL CHECK (length(objectives) BETWEEN 1 AND 4000),
  agency_id uuid NOT NULL REFERENCES agency (id),
  created_by_user uuid,
  created_by_label text NOT NULL CHECK (length(created_by_label) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  outcome text CHECK (length(outcome) <= 4000),
  CHECK ((closed_at IS NULL) = (outcome IS NULL)),
  UNIQUE (agency_id, name)
);

CREATE TABLE pursue_operation_member (
  operation_id uuid NOT NULL REFERENCES pursue_operation (id),
  person_id uuid NOT NULL REFERENCES person (id),
  added_by_label text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (operation_id, person_id)
);
CREATE INDEX pursue_operation_member_person ON pursue_operation_member (person_id);

GRANT SELECT, INSERT ON pursue_operation, pursue_operation_member TO lantern_app;
GRANT UPDATE (closed_at, outcome) ON pursue_operation TO lantern_app;

-- An operation is its agency's: read by its case readers, run by its case workers. A member shows only to
-- those who may also see the person.
ALTER TABLE pursue_operation ENABLE ROW LEVEL SECURITY;
CREATE POLICY pursue_operation_read ON pursue_operation FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read') AND agency_id = lantern_agency_id()));
CREATE POLICY pursue_operation_insert ON pursue_operation FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work') AND agency_id = lantern_agency_id()
  AND created_by_user IS NOT DISTINCT FROM lantern_user_id()));
CREATE POLICY pursue_operation_close ON pursue_operation FOR UPDATE
  USING (lantern_purpose() = 'system' OR (lantern_has_permission('case:work') AND agency_id = lantern_agency_id()))
  WITH CHECK (lantern_purpose() = 'system' OR (lantern_has_permission('case:work') AND agency_id = lantern_agency_id()));

ALTER TABLE pursue_operation_member ENABLE ROW LEVEL SECURITY;
CREATE POLICY pursue_operation_member_read ON pursue_operation_member FOR SELECT USING (
  lantern_purpose() = 'system' OR (
    EXISTS (SELECT 1 FROM pursue_operation o WHERE o.id = pursue_operation_member.operation_id)
    AND EXISTS (SELECT 1 FROM person p WHERE p.id = pursue_operation_member.person_id)));
CREATE POLICY pursue_operation_member_insert ON pursue_operation_member FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND EXISTS (SELECT 1 FROM pursue_operation o WHERE o.id = pursue_operation_member.operation_id AND o.closed_at IS NULL)
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = pursue_operation_member.person_id)));
