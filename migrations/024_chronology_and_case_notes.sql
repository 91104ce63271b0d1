-- Issue 14 items 1 and 2 (decision 0020): a child's chronology across agencies, and case notes.
--
-- Case notes are typed, dated and attributable, and never edited: a note is corrected by a new note that
-- points to the old one (corrects_id, at most one correction per note). The app role may insert and read,
-- never update or delete. Read: whoever may see the child by scope and reads cases. Written: case workers
-- who may see the child, as themself, for their own agency.

CREATE TABLE case_note (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person (id),
  note_type text NOT NULL CHECK (note_type IN ('CONTACT', 'VISIT', 'MEETING', 'OBSERVATION', 'MANAGEMENT_OVERSIGHT')),
  -- When it happened (the UK date, and the UK wall-clock time when known), and when it was written down.
  occurred_on date NOT NULL,
  occurred_time text CHECK (occurred_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  author_id uuid NOT NULL,
  author_label text NOT NULL CHECK (length(author_label) BETWEEN 1 AND 200),
  agency_id uuid NOT NULL REFERENCES agency (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  corrects_id uuid UNIQUE REFERENCES case_note (id),
  CHECK (corrects_id IS NULL OR corrects_id <> id)
);
CREATE INDEX case_note_person ON case_note (person_id, occurred_on);

GRANT SELECT, INSERT ON case_note TO lantern_app;

ALTER TABLE case_note ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_note_read ON case_note FOR SELECT USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = case_note.person_id AND lantern_may_see_person(p))));
CREATE POLICY case_note_insert ON case_note FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND author_id = lantern_user_id() AND agency_id = lantern_agency_id()
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = case_note.person_id AND lantern_may_see_person(p))));

-- The chronology reads every kind of record by the child (or by an episode of the child): index what it
-- filters on, where nothing did yet.
CREATE INDEX mash_episode_person ON mash_episode (person_id);
CREATE INDEX strategy_discussion_episode ON strategy_discussion (episode_id);
CREATE INDEX strategy_action_episode ON strategy_action (episode_id);
CREATE INDEX research_request_episode ON research_request (episode_id);

-- Research the viewer may not read, on an episode of the child the viewer may see: only which agency
-- contributed and when, so that the chronology can say "Police research held in the MASH" without the
-- research itself. SECURITY DEFINER because the contribution rows are hidden from the caller by design;
-- the function repeats the read rules of the episode (mash_episode_read), the child (lantern_may_see_person)
-- and the contribution (contribution_read, contribution_shared), and returns nothing else.
CREATE FUNCTION lantern_withheld_research(subject uuid, max_rows integer)
  RETURNS TABLE (episode_id uuid, agency_id uuid, agency_name text, contributed_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.episode_id, c.agency_id, a.name, c.contributed_at
    FROM person p
    JOIN mash_episode e ON e.person_id = p.id
    JOIN contribution c ON c.episode_id = e.id
    JOIN agency a ON a.id = c.agency_id
   WHERE p.id = subject
     AND lantern_user_id() IS NOT NULL
     AND lantern_may_see_person(p)
     AND (lantern_in_mash(e.area) OR (lantern_has_permission('case:read') AND e.area = ANY (lantern_areas())))
     AND NOT (c.agency_id = lantern_agency_id() OR lantern_in_mash(c.area)
              OR (c.releasable AND lantern_has_permission('case:read') AND c.area = ANY (lantern_areas()))
              OR ((SELECT lantern_holds_any_grant()) AND lantern_granted('contribution', c.id)))
   ORDER BY c.contributed_at DESC
   LIMIT max_rows
$$;
REVOKE ALL ON FUNCTION lantern_withheld_research(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_withheld_research(uuid, integer) TO lantern_app;
