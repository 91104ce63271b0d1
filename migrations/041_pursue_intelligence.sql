-- Issue 17 item 3 (decision 0041): intelligence from partners. Any agency that refers submits what it knows
-- (who, what, where, when, vehicles, phones, online handles); the police evaluate it on the 3x5x2 model
-- (source 1-3, intelligence A-E, handling code P or C with its conditions), write a sanitised version for
-- sharing, give feedback to the submitter, and link it to the person it is about.
--
-- Read: the submitting agency (its own submissions; the pages show it the feedback, never the grading) and
-- police case workers. Those who may see the linked person read only the sanitised version, through
-- lantern_person_intelligence below. Every view is audited by the service.

CREATE SEQUENCE intelligence_number;

CREATE FUNCTION lantern_in_police() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM agency a WHERE a.id = lantern_agency_id() AND a.type = 'POLICE');
$$;
REVOKE ALL ON FUNCTION lantern_in_police() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_in_police() TO lantern_app;

CREATE TABLE intelligence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  agency_id uuid NOT NULL REFERENCES agency (id),
  submitted_by_user uuid,
  submitted_by_label text NOT NULL CHECK (length(submitted_by_label) BETWEEN 1 AND 200),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  about text NOT NULL CHECK (length(about) BETWEEN 1 AND 2000),
  what text NOT NULL CHECK (length(what) BETWEEN 1 AND 4000),
  where_seen text CHECK (length(where_seen) <= 1000),
  seen_on date,
  vehicles text CHECK (length(vehicles) <= 1000),
  phones text CHECK (length(phones) <= 1000),
  handles text CHECK (length(handles) <= 1000),
  -- The police evaluation (3x5x2), all or nothing.
  source_grade text CHECK (source_grade IN ('1', '2', '3')),
  intelligence_grade text CHECK (intelligence_grade IN ('A', 'B', 'C', 'D', 'E')),
  handling_code text CHECK (handling_code IN ('P', 'C')),
  handling_conditions text CHECK (length(handling_conditions) <= 2000),
  sanitised text CHECK (length(sanitised) <= 4000),
  feedback text CHECK (length(feedback) <= 4000),
  evaluated_by_user uuid,
  evaluated_by_label text,
  evaluated_at timestamptz,
  person_id uuid REFERENCES person (id),
  linked_by_label text,
  linked_at timestamptz,
  CHECK ((source_grade IS NULL) = (evaluated_at IS NULL)
     AND (intelligence_grade IS NULL) = (evaluated_at IS NULL)
     AND (handling_code IS NULL) = (evaluated_at IS NULL)
     AND (sanitised IS NULL) = (evaluated_at IS NULL)),
  CHECK (handling_code IS DISTINCT FROM 'C' OR handling_conditions IS NOT NULL),
  CHECK (person_id IS NULL OR evaluated_at IS NOT NULL)
);
CREATE INDEX intelligence_agency ON intelligence (agency_id, submitted_at DESC);
CREATE INDEX intelligence_ungraded ON intelligence (submitted_at) WHERE evaluated_at IS NULL;
CREATE INDEX intelligence_person ON intelligence (person_id) WHERE person_id IS NOT NULL;

GRANT SELECT, INSERT ON intelligence TO lantern_app;
GRANT UPDATE (source_grade, intelligence_grade, handling_code, handling_conditions, sanitised, feedback,
              evaluated_by_user, evaluated_by_label, evaluated_at, person_id, linked_by_label, linked_at)
  ON intelligence TO lantern_app;
GRANT USAGE ON SEQUENCE intelligence_number TO lantern_app;

ALTER TABLE intelligence ENABLE ROW LEVEL SECURITY;
CREATE POLICY intelligence_read ON intelligence FOR SELECT USING (
  lantern_purpose() = 'system'
  OR (agency_id = lantern_agency_id()
      AND (lantern_has_permission('referral:create') OR lantern_has_permission('referral:read-own-agency')))
  OR (lantern_has_permission('case:work') AND lantern_in_police()));
CREATE POLICY intelligence_submit ON intelligence FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('referral:create')
  AND agency_id = lantern_agency_id() AND submitted_by_user IS NOT DISTINCT FROM lantern_user_id()));
CREATE POLICY intelligence_evaluate ON intelligence FOR UPDATE
  USING (lantern_purpose() = 'system' OR (lantern_has_permission('case:work') AND lantern_in_police()))
  WITH CHECK (lantern_purpose() = 'system' OR (lantern_has_permission('case:work') AND lantern_in_police()));

-- The sanitised intelligence about a person, for whoever may see the person and reads cases: the grades,
-- the handling code and its conditions, and the sanitised text; never what was submitted, nor by whom.
CREATE FUNCTION lantern_person_intelligence(subject uuid)
  RETURNS TABLE (id uuid, reference text, evaluated_at timestamptz, source_grade text, intelligence_grade text,
                 handling_code text, handling_conditions text, sanitised text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT i.id, i.reference, i.evaluated_at, i.source_grade, i.intelligence_grade, i.handling_code,
         i.handling_conditions, i.sanitised
    FROM person p JOIN intelligence i ON i.person_id = p.id
   WHERE p.id = subject AND lantern_user_id() IS NOT NULL AND lantern_has_permission('case:read')
     AND lantern_may_see_person(p) AND i.evaluated_at IS NOT NULL
   ORDER BY i.evaluated_at DESC LIMIT 200;
$$;
REVOKE ALL ON FUNCTION lantern_person_intelligence(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_person_intelligence(uuid) TO lantern_app;
