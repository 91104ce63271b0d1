-- Issue 17 item 1, in part (decision 0041): what identifies a suspect or offender beyond their name —
-- aliases, vehicles (a partial registration is allowed), phone numbers, online handles, and PNC/PND
-- references with the date they were checked (a reference only, never a copy of the record). Each is
-- recorded by a case worker, kept as typed and in a search form (`search_key`: upper case, letters and digits
-- only), so that "PN6" finds the car "PN66 XYZ" and "07700 900123" the phone "07700900123".

CREATE TABLE person_identifier (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  kind text NOT NULL CHECK (kind IN ('ALIAS', 'VEHICLE', 'PHONE', 'HANDLE', 'PNC_REFERENCE', 'PND_REFERENCE')),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
  search_key text NOT NULL CHECK (length(search_key) BETWEEN 1 AND 200),
  checked_on date,
  note text CHECK (length(note) <= 1000),
  recorded_by_user uuid,
  recorded_by_label text NOT NULL CHECK (length(recorded_by_label) BETWEEN 1 AND 200),
  agency_id uuid NOT NULL REFERENCES agency (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('PNC_REFERENCE', 'PND_REFERENCE')) = (checked_on IS NOT NULL))
);
CREATE INDEX person_identifier_person ON person_identifier (person_id);
CREATE INDEX person_identifier_search ON person_identifier USING gin (search_key gin_trgm_ops);

GRANT SELECT, INSERT ON person_identifier TO lantern_app;

-- Read as the person is (case readers who may see them); written by case workers who may see them, as
-- themselves (or a token, with no user) for their own agency.
ALTER TABLE person_identifier ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_identifier_read ON person_identifier FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = person_identifier.person_id)));
CREATE POLICY person_identifier_insert ON person_identifier FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND recorded_by_user IS NOT DISTINCT FROM lantern_user_id() AND agency_id = lantern_agency_id()
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = person_identifier.person_id)));
