-- Referral drafts: the answers of a multi-page referral form between pages, held server-side (never in
-- URLs or hidden fields, never in one app instance's memory). Only the user who started a draft may touch
-- it; drafts expire 7 days after their last change.

CREATE TABLE referral_draft (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user (id),
  kind text NOT NULL CHECK (kind IN ('VICTIM', 'SUSPECT')),
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_draft_user ON referral_draft (user_id, updated_at);
CREATE INDEX referral_draft_updated ON referral_draft (updated_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON referral_draft TO lantern_app;

ALTER TABLE referral_draft ENABLE ROW LEVEL SECURITY;
CREATE POLICY referral_draft_owner ON referral_draft FOR ALL
  USING (lantern_user_id() IS NOT NULL AND user_id = lantern_user_id())
  WITH CHECK (lantern_user_id() IS NOT NULL AND user_id = lantern_user_id());

-- Whether a draft exists at all (so that another user's draft is audited as a denial) and removal of
-- every user's expired drafts. A boolean and a count only, never a row.
CREATE FUNCTION lantern_referral_draft_exists(draft_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM referral_draft WHERE id = draft_id)
$$;

CREATE FUNCTION lantern_purge_referral_drafts() RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH gone AS (DELETE FROM referral_draft WHERE updated_at < now() - interval '7 days' RETURNING 1)
  SELECT count(*)::integer FROM gone
$$;

REVOKE ALL ON FUNCTION lantern_referral_draft_exists(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION lantern_purge_referral_drafts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_referral_draft_exists(uuid) TO lantern_app;
GRANT EXECUTE ON FUNCTION lantern_purge_referral_drafts() TO lantern_app;
