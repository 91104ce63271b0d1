-- Sharing grants (SECURITY 31, issue 13 item 5, decision 0017): a decision to share gives each named
-- recipient (an agency, a team or a user) read access to exactly the items shared, for the period granted.
-- Revoking ends it on the next request. A decision not to share writes no grant.

CREATE TABLE sharing_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  decision_id uuid NOT NULL REFERENCES sharing_decision (id),
  episode_id uuid NOT NULL REFERENCES mash_episode (id),
  -- Denormalised from the episode, so that the row-level security of each item reads this row alone.
  referral_id uuid NOT NULL REFERENCES victim_referral (id),
  person_id uuid NOT NULL REFERENCES person (id),
  area text NOT NULL,
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('AGENCY', 'TEAM', 'USER')),
  recipient_id uuid NOT NULL,
  recipient_label text NOT NULL CHECK (length(recipient_label) BETWEEN 1 AND 400),
  -- The items shared: the referral's details, the strategy discussions, the decision and outcome; each
  -- contribution (one its owner marked releasable) by id; the CSE risk assessment by id.
  items text[] NOT NULL DEFAULT '{}' CHECK (items <@ ARRAY['REFERRAL', 'STRATEGY', 'DECISION']),
  contribution_ids uuid[] NOT NULL DEFAULT '{}',
  risk_assessment_id uuid REFERENCES risk_assessment (id),
  granted_by uuid,
  granted_by_label text NOT NULL,
  starts_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > starts_at),
  revoked_at timestamptz,
  revoked_by uuid,
  revoked_by_label text,
  revoke_reason text CHECK (length(revoke_reason) <= 2000),
  CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE INDEX sharing_grant_recipient ON sharing_grant (recipient_kind, recipient_id, expires_at);
CREATE INDEX sharing_grant_person ON sharing_grant (person_id);
CREATE INDEX sharing_grant_episode ON sharing_grant (episode_id);

GRANT SELECT, INSERT, UPDATE ON sharing_grant TO lantern_app;

-- Whether the caller is a recipient of an active grant reaching this item. The one rule of the access
-- policy (src/platform/access/policy-sharing.ts, `grantReaches`), compared with it by
-- test/platform/policy-matches-sql.test.ts. A recipient is a signed-in user who reads cases (a partner
-- system's token is no one), named directly, through one of their teams or through their agency.
-- SECURITY DEFINER: the item policies below call it, and the grant row is read as it is, whoever asks.
-- item: 'person' | 'referral' | 'contribution' | 'risk_assessment' (record = that row's id);
--       'strategy' | 'decision' | 'episode' (record = the episode's id).
CREATE FUNCTION lantern_granted(item text, record uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT lantern_user_id() IS NOT NULL
     AND (lantern_has_permission('case:read') OR lantern_has_permission('referral:read-own-agency'))
     AND EXISTS (
       SELECT 1 FROM sharing_grant g
        WHERE g.revoked_at IS NULL AND g.starts_at <= now() AND g.expires_at > now()
          AND ((g.recipient_kind = 'USER' AND g.recipient_id = lantern_user_id())
            OR (g.recipient_kind = 'TEAM' AND g.recipient_id = ANY (lantern_team_ids()))
            OR (g.recipient_kind = 'AGENCY' AND g.recipient_id = lantern_agency_id()))
          AND CASE item
                WHEN 'person' THEN g.person_id = record
                WHEN 'episode' THEN g.episode_id = record
                WHEN 'referral' THEN g.referral_id = record AND 'REFERRAL' = ANY (g.items)
                WHEN 'strategy' THEN g.episode_id = record AND 'STRATEGY' = ANY (g.items)
                WHEN 'decision' THEN g.episode_id = record AND 'DECISION' = ANY (g.items)
                WHEN 'contribution' THEN record = ANY (g.contribution_ids)
                WHEN 'risk_assessment' THEN g.risk_assessment_id = record
                ELSE false
              END)
$$;
REVOKE ALL ON FUNCTION lantern_granted(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_granted(text, uuid) TO lantern_app;

-- The hub that decided sees every grant of its area (to list and revoke them); a recipient sees its own
-- active grants, by the same rule as the items.
ALTER TABLE sharing_grant ENABLE ROW LEVEL SECURITY;
CREATE POLICY sharing_grant_read ON sharing_grant FOR SELECT USING (
  lantern_purpose() = 'system' OR lantern_in_mash(area)
  OR (lantern_user_id() IS NOT NULL
      AND (lantern_has_permission('case:read') OR lantern_has_permission('referral:read-own-agency'))
      AND revoked_at IS NULL AND starts_at <= now() AND expires_at > now()
      AND ((recipient_kind = 'USER' AND recipient_id = lantern_user_id())
        OR (recipient_kind = 'TEAM' AND recipient_id = ANY (lantern_team_ids()))
        OR (recipient_kind = 'AGENCY' AND recipient_id = lantern_agency_id()))));
CREATE POLICY sharing_grant_insert ON sharing_grant FOR INSERT WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('mash:share') AND lantern_in_mash(area)));
CREATE POLICY sharing_grant_update ON sharing_grant FOR UPDATE USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('mash:share') AND lantern_in_mash(area)));

-- The items a grant reaches, each one more permissive read policy beside the table's own.
CREATE POLICY person_shared ON person FOR SELECT USING (lantern_granted('person', id));
CREATE POLICY victim_referral_shared ON victim_referral FOR SELECT USING (lantern_granted('referral', id));
CREATE POLICY contribution_shared ON contribution FOR SELECT USING (lantern_granted('contribution', id));
CREATE POLICY strategy_discussion_shared ON strategy_discussion FOR SELECT
  USING (lantern_granted('strategy', episode_id));
CREATE POLICY strategy_action_shared ON strategy_action FOR SELECT USING (lantern_granted('strategy', episode_id));
CREATE POLICY mash_decision_shared ON mash_decision FOR SELECT USING (lantern_granted('decision', episode_id));
CREATE POLICY risk_assessment_shared ON risk_assessment FOR SELECT USING (lantern_granted('risk_assessment', id));

-- A grant makes the child's person row readable (to find and name the child); it must not widen what
-- follows the child by scope. These policies said "whoever may see the child"; they now say "whoever may
-- see the child by scope" (lantern_may_see_person), so a grant reaches only the items it names.
-- (source_record is left to follow the person: a case reader finds the granted child in search by the
-- details the agencies recorded, and the person page, which shows them, still refuses a grant-only reader.)
ALTER POLICY risk_assessment_read ON risk_assessment USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:read')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = risk_assessment.person_id AND lantern_may_see_person(p))));
ALTER POLICY risk_assessment_insert ON risk_assessment WITH CHECK (
  lantern_purpose() = 'system' OR ((lantern_has_permission('case:work') OR lantern_has_permission('mash:triage'))
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = risk_assessment.person_id AND lantern_may_see_person(p))));
ALTER POLICY missing_episode_read ON missing_episode USING (
  lantern_purpose() = 'system' OR (
    EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode.person_id AND lantern_may_see_person(p))
    AND (lantern_has_permission('case:read')
         OR (reported_by_agency_id = lantern_agency_id() AND lantern_has_permission('case:work')))));
ALTER POLICY missing_episode_insert ON missing_episode WITH CHECK (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND reported_by_agency_id = lantern_agency_id()
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode.person_id AND lantern_may_see_person(p))));
ALTER POLICY missing_episode_update ON missing_episode USING (
  lantern_purpose() = 'system' OR (lantern_has_permission('case:work')
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode.person_id AND lantern_may_see_person(p))));
ALTER POLICY missing_episode_person_read ON missing_episode_person USING (
  EXISTS (SELECT 1 FROM missing_episode e WHERE e.id = missing_episode_person.episode_id)
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = missing_episode_person.person_id AND lantern_may_see_person(p)));
ALTER POLICY mash_task_read ON mash_task USING (
  lantern_purpose() = 'system' OR lantern_in_mash(area)
  OR (lantern_has_permission('case:read')
      AND EXISTS (SELECT 1 FROM person p WHERE p.id = mash_task.person_id AND lantern_may_see_person(p))));
ALTER POLICY mash_task_insert ON mash_task WITH CHECK (
  lantern_purpose() = 'system' OR ((lantern_has_permission('case:work') OR lantern_has_permission('mash:triage'))
  AND EXISTS (SELECT 1 FROM person p WHERE p.id = mash_task.person_id AND lantern_may_see_person(p))));
-- Matching and merging people is work on the registry by scope: a grant lets no one review, merge or read
-- the merge history of a granted child.
CREATE OR REPLACE FUNCTION lantern_may_review_match(a uuid, b uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT lantern_purpose() = 'system' OR (lantern_has_permission('people:merge')
    AND EXISTS (SELECT 1 FROM person p WHERE p.id = a AND lantern_may_see_person(p))
    AND EXISTS (SELECT 1 FROM person p WHERE p.id = b AND lantern_may_see_person(p)))
$$;
ALTER POLICY person_merge_access ON person_merge
  USING (lantern_purpose() = 'system'
         OR EXISTS (SELECT 1 FROM person p WHERE p.id = person_merge.survivor_id AND lantern_may_see_person(p)));

-- A recipient chosen from the lists, as it reads (or null when there is no such recipient): an agency; a
-- team with its agency; an active user with their agency. For the sharing form's check and for API
-- callers, which may not read staff accounts.
CREATE FUNCTION lantern_sharing_recipient(kind text, recipient uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT CASE kind
    WHEN 'AGENCY' THEN (SELECT a.name FROM agency a WHERE a.id = recipient)
    WHEN 'TEAM' THEN (SELECT t.name || ', ' || a.name FROM team t JOIN agency a ON a.id = t.agency_id WHERE t.id = recipient)
    WHEN 'USER' THEN (SELECT u.display_name || ', ' || a.name FROM app_user u JOIN agency a ON a.id = u.agency_id
                       WHERE u.id = recipient AND u.disabled_at IS NULL)
  END
$$;
REVOKE ALL ON FUNCTION lantern_sharing_recipient(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_sharing_recipient(text, uuid) TO lantern_app;

-- Whether a grant exists at all, whoever may read it (to tell an audited denial from a missing record).
CREATE FUNCTION lantern_sharing_grant_exists(grant_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT EXISTS (SELECT 1 FROM sharing_grant WHERE id = grant_id) $$;
REVOKE ALL ON FUNCTION lantern_sharing_grant_exists(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_sharing_grant_exists(uuid) TO lantern_app;
