-- People and referrals: the person registry over agencies' source records, victim and suspect referrals.
-- Source records are never deleted: a person is the resolved identity over them.

CREATE FUNCTION lantern_areas() RETURNS text[] LANGUAGE sql STABLE AS
  $$ SELECT coalesce(string_to_array(nullif(current_setting('lantern.areas', true), ''), ','), '{}') $$;

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A summary of the person's latest source record, for lists and search results.
  forename text,
  surname text,
  dob date,
  estimated_age integer,
  gender text,
  -- Scope facts kept by the service: the agencies that submitted about the person, and the hub areas
  -- whose referrals concern them. Row-level security reads these.
  agency_ids uuid[] NOT NULL DEFAULT '{}',
  areas text[] NOT NULL DEFAULT '{}',
  restricted boolean NOT NULL DEFAULT false,
  case_team uuid[] NOT NULL DEFAULT '{}',
  merged_into uuid REFERENCES person (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_agency_ids ON person USING gin (agency_ids);
CREATE INDEX person_areas ON person USING gin (areas);

CREATE TABLE source_record (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  agency_id uuid NOT NULL REFERENCES agency (id),
  submitted_by_user uuid,
  submitted_by_label text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  -- Where the record came from: a referral reference, an API call, an import file and row.
  provenance text NOT NULL,
  subject_role text NOT NULL CHECK (subject_role IN ('CHILD', 'SUSPECT', 'ASSOCIATE')),
  forename text CHECK (length(forename) <= 100),
  surname text CHECK (length(surname) <= 100),
  aliases text[] NOT NULL DEFAULT '{}',
  dob date,
  estimated_age integer CHECK (estimated_age BETWEEN 0 AND 120),
  age_explanation text,
  gender text NOT NULL,
  ethnicity text,
  nhs_number text,
  school_upn text,
  police_ref text,
  la_id text,
  living_situation text,
  looked_after boolean,
  learning_disability_or_sen boolean,
  camhs_contact boolean,
  -- Search keys computed by the app (the same code on both engines).
  search_name text NOT NULL DEFAULT '',
  forename_dm text,
  surname_dm text,
  surname_dm_alt text
);
CREATE INDEX source_record_person ON source_record (person_id);
CREATE INDEX source_record_name_trgm ON source_record USING gin (search_name gin_trgm_ops);
CREATE INDEX source_record_surname_dm ON source_record (surname_dm);
CREATE INDEX source_record_surname_dm_alt ON source_record (surname_dm_alt);
CREATE INDEX source_record_dob ON source_record (dob);
CREATE INDEX source_record_nhs ON source_record (nhs_number) WHERE nhs_number IS NOT NULL;
CREATE INDEX source_record_upn ON source_record (school_upn) WHERE school_upn IS NOT NULL;
CREATE INDEX source_record_police_ref ON source_record (police_ref) WHERE police_ref IS NOT NULL;
CREATE INDEX source_record_la_id ON source_record (la_id) WHERE la_id IS NOT NULL;

CREATE TABLE source_address (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_record_id uuid NOT NULL REFERENCES source_record (id),
  line1 text,
  town text,
  postcode text,
  -- Upper case without spaces, for exact and sector search.
  postcode_key text,
  from_date date,
  to_date date
);
CREATE INDEX source_address_record ON source_address (source_record_id);
CREATE INDEX source_address_postcode ON source_address (postcode_key text_pattern_ops);

-- Next number per prefix and year, e.g. VR-2026-000123. Locking the row serialises numbering.
CREATE TABLE reference_counter (
  prefix text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (prefix, year)
);

CREATE TABLE victim_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  person_id uuid NOT NULL REFERENCES person (id),
  -- Null when the referrer chose a person already in the registry and added no new details.
  child_source_record_id uuid REFERENCES source_record (id),
  referring_agency_id uuid NOT NULL REFERENCES agency (id),
  referred_by_user uuid,
  referred_by_label text NOT NULL,
  practitioner_name text NOT NULL,
  practitioner_role text,
  practitioner_contact text,
  cin_referral_source text NOT NULL,
  received_at timestamptz NOT NULL,
  exploitation_type text NOT NULL,
  category text NOT NULL,
  concerns text NOT NULL CHECK (length(concerns) <= 10000),
  indicators text[] NOT NULL DEFAULT '{}',
  exploitation_model text NOT NULL,
  contact_method text NOT NULL,
  places jsonb NOT NULL DEFAULT '[]',
  consent text NOT NULL,
  consent_note text,
  urgency text NOT NULL,
  area text NOT NULL,
  status text NOT NULL DEFAULT 'RECEIVED',
  outcome text,
  outcome_feedback text,
  outcome_at timestamptz,
  -- Facts for statistics, fixed at intake: earlier referrals of the same person.
  prior_referrals_12m integer NOT NULL,
  prior_referrals_ever integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX victim_referral_person ON victim_referral (person_id, received_at);
CREATE INDEX victim_referral_agency ON victim_referral (referring_agency_id, received_at);
CREATE INDEX victim_referral_area ON victim_referral (area, received_at);
CREATE INDEX victim_referral_received ON victim_referral (received_at);

-- Suspects and associates named on a victim referral.
CREATE TABLE referral_person (
  referral_id uuid NOT NULL REFERENCES victim_referral (id),
  person_id uuid NOT NULL REFERENCES person (id),
  source_record_id uuid REFERENCES source_record (id),
  role text NOT NULL CHECK (role IN ('SUSPECT', 'ASSOCIATE')),
  relationship text,
  PRIMARY KEY (referral_id, person_id, role)
);
CREATE INDEX referral_person_person ON referral_person (person_id);

CREATE TABLE suspect_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  person_id uuid NOT NULL REFERENCES person (id),
  source_record_id uuid NOT NULL REFERENCES source_record (id),
  referring_agency_id uuid NOT NULL REFERENCES agency (id),
  referred_by_user uuid,
  referred_by_label text NOT NULL,
  practitioner_name text NOT NULL,
  received_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('SUSPECT', 'OFFENDER')),
  role text NOT NULL,
  source text NOT NULL,
  division text,
  area text NOT NULL,
  notes text CHECK (length(notes) <= 10000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suspect_referral_person ON suspect_referral (person_id);
CREATE INDEX suspect_referral_received ON suspect_referral (received_at);

CREATE TABLE suspect_child_link (
  suspect_referral_id uuid NOT NULL REFERENCES suspect_referral (id),
  child_person_id uuid NOT NULL REFERENCES person (id),
  link_type text NOT NULL,
  note text,
  PRIMARY KEY (suspect_referral_id, child_person_id)
);
CREATE INDEX suspect_child_link_child ON suspect_child_link (child_person_id);

GRANT SELECT, INSERT, UPDATE ON person, source_record, source_address, victim_referral, suspect_referral TO lantern_app;
GRANT SELECT, INSERT ON referral_person, suspect_child_link TO lantern_app;
GRANT SELECT, INSERT, UPDATE ON reference_counter TO lantern_app;

-- Who may see a person: the agencies that submitted about them (referrers and practitioners alike), and
-- case readers in the hub areas whose referrals concern them. A restricted person only their case team.
CREATE FUNCTION lantern_may_see_person(p person) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT lantern_purpose() = 'system' OR (
    (NOT p.restricted OR lantern_user_id() = ANY (p.case_team))
    AND (
      (lantern_agency_id() = ANY (p.agency_ids)
        AND (lantern_has_permission('referral:read-own-agency') OR lantern_has_permission('case:read')))
      OR (lantern_has_permission('case:read') AND p.areas && lantern_areas())
    )
  )
$$;

ALTER TABLE person ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_read ON person FOR SELECT USING (lantern_may_see_person(person));
CREATE POLICY person_insert ON person FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR lantern_has_permission('referral:create'));
CREATE POLICY person_update ON person FOR UPDATE USING (lantern_may_see_person(person)) WITH CHECK (true);

-- Referrers see their own agency's source records; case readers every record of a person they may see.
ALTER TABLE source_record ENABLE ROW LEVEL SECURITY;
CREATE POLICY source_record_read ON source_record FOR SELECT USING (
  lantern_purpose() = 'system' OR (
    EXISTS (SELECT 1 FROM person p WHERE p.id = source_record.person_id)
    AND (agency_id = lantern_agency_id() OR lantern_has_permission('case:read'))
  ));
CREATE POLICY source_record_insert ON source_record FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR agency_id = lantern_agency_id());
CREATE POLICY source_record_update ON source_record FOR UPDATE
  USING (lantern_purpose() = 'system' OR lantern_has_permission('case:read')) WITH CHECK (true);

ALTER TABLE source_address ENABLE ROW LEVEL SECURITY;
CREATE POLICY source_address_read ON source_address FOR SELECT
  USING (EXISTS (SELECT 1 FROM source_record s WHERE s.id = source_address.source_record_id));
CREATE POLICY source_address_insert ON source_address FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM source_record s WHERE s.id = source_address.source_record_id));

-- Referrals: the referring agency sees its own; case readers those of their hub areas.
CREATE FUNCTION lantern_may_see_referral(person_id uuid, referring_agency_id uuid, area text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT lantern_purpose() = 'system' OR (
    EXISTS (SELECT 1 FROM person p WHERE p.id = person_id)
    AND (
      (referring_agency_id = lantern_agency_id()
        AND (lantern_has_permission('referral:read-own-agency') OR lantern_has_permission('case:read')))
      OR (lantern_has_permission('case:read') AND area = ANY (lantern_areas()))
    )
  )
$$;

ALTER TABLE victim_referral ENABLE ROW LEVEL SECURITY;
CREATE POLICY victim_referral_read ON victim_referral FOR SELECT
  USING (lantern_may_see_referral(person_id, referring_agency_id, area));
CREATE POLICY victim_referral_insert ON victim_referral FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR referring_agency_id = lantern_agency_id());
CREATE POLICY victim_referral_update ON victim_referral FOR UPDATE
  USING (lantern_purpose() = 'system' OR (lantern_has_permission('mash:decide')
         AND lantern_may_see_referral(person_id, referring_agency_id, area)));

ALTER TABLE suspect_referral ENABLE ROW LEVEL SECURITY;
CREATE POLICY suspect_referral_read ON suspect_referral FOR SELECT
  USING (lantern_may_see_referral(person_id, referring_agency_id, area));
CREATE POLICY suspect_referral_insert ON suspect_referral FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR referring_agency_id = lantern_agency_id());

ALTER TABLE referral_person ENABLE ROW LEVEL SECURITY;
CREATE POLICY referral_person_read ON referral_person FOR SELECT
  USING (EXISTS (SELECT 1 FROM victim_referral r WHERE r.id = referral_person.referral_id));
CREATE POLICY referral_person_insert ON referral_person FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM victim_referral r WHERE r.id = referral_person.referral_id));

ALTER TABLE suspect_child_link ENABLE ROW LEVEL SECURITY;
CREATE POLICY suspect_child_link_read ON suspect_child_link FOR SELECT
  USING (EXISTS (SELECT 1 FROM suspect_referral r WHERE r.id = suspect_child_link.suspect_referral_id));
CREATE POLICY suspect_child_link_insert ON suspect_child_link FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM suspect_referral r WHERE r.id = suspect_child_link.suspect_referral_id));

-- Facts that must be true whatever the caller may see: whether a record exists (so that an out-of-scope
-- request can be audited as a denial) and how often a person was referred before (for statistics).
-- They return a boolean or counts only, never a row.
CREATE FUNCTION lantern_record_exists(kind text, record_id uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  CASE kind
    WHEN 'person' THEN RETURN EXISTS (SELECT 1 FROM person WHERE id = record_id);
    WHEN 'victim_referral' THEN RETURN EXISTS (SELECT 1 FROM victim_referral WHERE id = record_id);
    WHEN 'suspect_referral' THEN RETURN EXISTS (SELECT 1 FROM suspect_referral WHERE id = record_id);
    ELSE RETURN false;
  END CASE;
END $$;

CREATE FUNCTION lantern_prior_referrals(subject uuid, before timestamptz, OUT within_12_months integer, OUT ever integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(*) FILTER (WHERE received_at >= before - interval '12 months')::integer, count(*)::integer
    FROM victim_referral WHERE person_id = subject AND received_at < before
$$;

CREATE FUNCTION lantern_next_reference(reference_prefix text, reference_year integer) RETURNS text
  LANGUAGE sql VOLATILE AS $$
  INSERT INTO reference_counter (prefix, year, last) VALUES (reference_prefix, reference_year, 1)
  ON CONFLICT (prefix, year) DO UPDATE SET last = reference_counter.last + 1
  RETURNING reference_prefix || '-' || reference_year || '-' || lpad(last::text, 6, '0')
$$;

REVOKE ALL ON FUNCTION lantern_record_exists(text, uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_prior_referrals(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_record_exists(text, uuid) TO lantern_app;
GRANT EXECUTE ON FUNCTION lantern_prior_referrals(uuid, timestamptz) TO lantern_app;
