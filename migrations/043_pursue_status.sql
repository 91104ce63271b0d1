-- Issue 17 item 1, in part (decision 0041): a suspect's status in Pursue, with its history: suspect,
-- offender, or eliminated from enquiries, each change with its reason, who and when. The latest row is the
-- status; nothing is updated or deleted. An eliminated person leaves the priorities.

CREATE TABLE pursue_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  status text NOT NULL CHECK (status IN ('SUSPECT', 'OFFENDER', 'ELIMINATED')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  recorded_by_user uuid,
  recorded_by_label text NOT NULL CHECK (length(recorded_by_label) BETWEEN 1 AND 200),
  agency_id uuid NOT NULL REFERENCES agency (id),
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX pursue_status_person ON pursue_status (person_id, recorded_at DESC);

GRANT SELECT, INSERT ON pursue_status TO lantern_app;

ALTER TABLE pursue_status ENABLE ROW LEVEL SECURITY;
CREATE POLICY pursue_status_read ON pursue_status FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = pursue_status.person_id)));
CREATE POLICY pursue_status_insert ON pursue_status FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND recorded_by_user IS NOT DISTINCT FROM lantern_user_id() AND agency_id = lantern_agency_id()
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = pursue_status.person_id)));
