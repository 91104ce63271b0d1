-- Research reaches the agency asked, with a due time, and lands in its "My work" (issue 13, decision 0016).
-- Only an agency that can research may be asked: one with a research contact recorded (the MASH desk an
-- agency names to the hub) or one with an active user holding a contributing MASH role in a team of the
-- episode's area. Schools and other agencies without either are no longer offered.

ALTER TABLE agency ADD COLUMN research_contact text CHECK (research_contact IS NULL OR length(research_contact) BETWEEN 2 AND 200);

-- When the agency's answer is due: working hours from the request by the episode's RAG (src/mash/research-rules.ts).
-- Requests made before this column existed have none.
ALTER TABLE research_request ADD COLUMN due_at timestamptz;
CREATE INDEX research_request_open ON research_request (agency_id, due_at) WHERE status = 'REQUESTED';

-- The agencies that can research for a hub's area. A definer function: whether an agency has a contributing
-- practitioner in the area is a fact about staff accounts (no case data), needed also by callers (partner
-- tokens) who may not read app_user. The roles that contribute are passed in, since roles live in code.
CREATE FUNCTION lantern_research_agency_ids(episode_area text, contributing_roles text[]) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT a.id FROM agency a WHERE a.research_contact IS NOT NULL
    UNION
    SELECT u.agency_id FROM app_user u
      JOIN user_team ut ON ut.user_id = u.id
      JOIN team t ON t.id = ut.team_id
     WHERE u.disabled_at IS NULL AND u.roles && contributing_roles AND t.area = episode_area
  $$;
REVOKE ALL ON FUNCTION lantern_research_agency_ids(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_research_agency_ids(text, text[]) TO lantern_app;
