-- A sharing grant's read policies (migration 018) called lantern_granted() for every row a query scanned
-- that the reader's own scope did not already admit: a query over many children cost a grant lookup per
-- child even for the many people who hold no grant at all (a CSE officer's My work at scale 100: ~170 ms in
-- these calls alone). Whether the reader holds any active grant is asked once per query (a scalar subquery
-- is an init plan), and the per-row lookup only runs for those who do.
CREATE FUNCTION lantern_holds_any_grant() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT lantern_user_id() IS NOT NULL
     AND (lantern_has_permission('case:read') OR lantern_has_permission('referral:read-own-agency'))
     AND EXISTS (
       SELECT 1 FROM sharing_grant g
        WHERE g.revoked_at IS NULL AND g.starts_at <= now() AND g.expires_at > now()
          AND ((g.recipient_kind = 'USER' AND g.recipient_id = lantern_user_id())
            OR (g.recipient_kind = 'TEAM' AND g.recipient_id = ANY (lantern_team_ids()))
            OR (g.recipient_kind = 'AGENCY' AND g.recipient_id = lantern_agency_id())))
$$;
REVOKE ALL ON FUNCTION lantern_holds_any_grant() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_holds_any_grant() TO lantern_app;

ALTER POLICY person_shared ON person USING ((SELECT lantern_holds_any_grant()) AND lantern_granted('person', id));
ALTER POLICY victim_referral_shared ON victim_referral
  USING ((SELECT lantern_holds_any_grant()) AND lantern_granted('referral', id));
ALTER POLICY contribution_shared ON contribution
  USING ((SELECT lantern_holds_any_grant()) AND lantern_granted('contribution', id));
ALTER POLICY strategy_discussion_shared ON strategy_discussion
  USING ((SELECT lantern_holds_any_grant()) AND lantern_granted('strategy', episode_id));
ALTER POLICY strategy_action_shared ON strategy_action
  USING ((SELECT lantern_holds_any_grant()) AND lantern_granted('strategy', episode_id));
ALTER POLICY mash_decision_shared ON mash_decision
  USING ((SELECT lantern_holds_any_grant()) AND lantern_granted('decision', episode_id));
ALTER POLICY risk_assessment_shared ON risk_assessment
  USING ((SELECT lantern_holds_any_grant()) AND lantern_granted('risk_assessment', id));
