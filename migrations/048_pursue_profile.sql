-- Issue 17 item 1: a suspect's or offender's ethnicity and nationality as the CSE team records them for
-- monitoring (the suspect referral's ethnicity, where one was given, is offered first), with "not stated"
-- and "refused to say" as answers in their own right, so that the partnership can say how complete its
-- monitoring is. Appended, never updated: the latest row is the answer, the earlier ones its history.
-- Never read by the priority score (decision 0042 keeps no such column; test/pursue/priorities.test.ts
-- rewrites every ethnicity and nationality column and compares the ranking).
CREATE TABLE pursue_profile (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  -- Codes of platform/codes/people.ts (ETHNICITIES) and platform/codes/nationalities.ts, checked by the
  -- form's rules (the lists are code, as for every coded column).
  ethnicity text NOT NULL CHECK (length(ethnicity) BETWEEN 1 AND 40),
  nationality text NOT NULL CHECK (length(nationality) BETWEEN 1 AND 40),
  recorded_by_user uuid,
  recorded_by_label text NOT NULL CHECK (length(recorded_by_label) BETWEEN 1 AND 200),
  agency_id uuid NOT NULL REFERENCES agency (id),
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX pursue_profile_person ON pursue_profile (person_id, recorded_at DESC);

GRANT SELECT, INSERT ON pursue_profile TO lantern_app;

ALTER TABLE pursue_profile ENABLE ROW LEVEL SECURITY;
CREATE POLICY pursue_profile_read ON pursue_profile FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = pursue_profile.person_id)));
CREATE POLICY pursue_profile_insert ON pursue_profile FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND recorded_by_user IS NOT DISTINCT FROM lantern_user_id() AND agency_id = lantern_agency_id()
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = pursue_profile.person_id)));
