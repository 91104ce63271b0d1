-- Case permissions are given only with the approval of someone who already holds them (SECURITY 25;
-- docs/decisions/0011-approval-of-case-permissions.md). An administrator, or a partner system's token,
-- asks; a case-permission holder of that agency (or, for an agency's first accounts, a MASH manager of its
-- area) approves or rejects. Until then a user's requested case roles are not in effect and a requested
-- token has no secret.
--
-- Existing accounts and tokens were given before approvals existed and stay in effect: their roles stay in
-- app_user.roles (which holds only roles in effect) and their tokens are marked APPROVED below.

-- Roles and permissions are declared in code (src/platform/access/permissions.ts). These lists repeat the
-- case ones so that the database itself refuses a case grant nobody approved; a test checks they match.
CREATE FUNCTION lantern_case_roles() RETURNS text[] LANGUAGE sql IMMUTABLE AS
  $$ SELECT ARRAY['REFERRER', 'MASH_PRACTITIONER', 'MASH_MANAGER', 'CSE_OFFICER', 'ANALYST'] $$;
CREATE FUNCTION lantern_case_permissions() RETURNS text[] LANGUAGE sql IMMUTABLE AS
  $$ SELECT ARRAY['people:merge', 'people:dedupe', 'referral:create', 'referral:read-own-agency', 'case:read',
                  'case:search', 'mash:triage', 'mash:contribute', 'mash:decide', 'mash:share', 'case:work',
                  'analysis:read'] $$;
CREATE FUNCTION lantern_permissions() RETURNS text[] LANGUAGE sql STABLE AS
  $$ SELECT string_to_array(coalesce(current_setting('lantern.permissions', true), ''), ',') $$;

-- A requested token is a row without a secret: the secret is made when it is approved, and shown once to
-- the approver. The default is PENDING so that an insert which forgets to say approves nothing.
ALTER TABLE api_token ADD COLUMN approval text NOT NULL DEFAULT 'APPROVED'
  CHECK (approval IN ('PENDING', 'APPROVED', 'REJECTED'));
ALTER TABLE api_token ALTER COLUMN approval SET DEFAULT 'PENDING';
ALTER TABLE api_token ALTER COLUMN token_hash DROP NOT NULL, ALTER COLUMN prefix DROP NOT NULL;
ALTER TABLE api_token ADD CONSTRAINT api_token_secret_only_when_approved
  CHECK ((approval = 'APPROVED') = (token_hash IS NOT NULL));

CREATE TABLE access_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('ROLES', 'TOKEN')),
  -- The agency the permissions would act for (a user's agency when asked; a token's agency).
  agency_id uuid NOT NULL REFERENCES agency (id),
  user_id uuid REFERENCES app_user (id),
  token_id uuid REFERENCES api_token (id),
  roles text[] NOT NULL DEFAULT '{}',
  -- The case permissions that need approving (what the approver must hold).
  permissions text[] NOT NULL CHECK (cardinality(permissions) > 0),
  -- GRANT: newly asked for; SIGN_IN_CHANGED: roles held before, suspended because an administrator changed
  -- how the person signs in (so that nobody else can sign in as them and keep their case roles).
  cause text NOT NULL CHECK (cause IN ('GRANT', 'SIGN_IN_CHANGED')),
  requested_by_user_id uuid REFERENCES app_user (id),
  requested_by_label text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
  decided_by_user_id uuid REFERENCES app_user (id),
  decided_by_label text,
  decided_at timestamptz,
  decision_reason text CHECK (length(decision_reason) <= 500),
  CHECK ((kind = 'ROLES') = (user_id IS NOT NULL)),
  CHECK ((kind = 'TOKEN') = (token_id IS NOT NULL)),
  CHECK (kind = 'TOKEN' OR cardinality(roles) > 0),
  CHECK ((status IN ('APPROVED', 'REJECTED')) = (decided_at IS NOT NULL))
);
CREATE UNIQUE INDEX access_request_one_pending_per_user ON access_request (user_id) WHERE status = 'PENDING';
CREATE UNIQUE INDEX access_request_one_per_token ON access_request (token_id);
CREATE INDEX access_request_pending ON access_request (agency_id) WHERE status = 'PENDING';

GRANT SELECT, INSERT, UPDATE ON access_request TO lantern_app;

ALTER TABLE access_request ENABLE ROW LEVEL SECURITY;
-- Requests name staff and roles, never case data: signed-in staff see them (the policy module decides who
-- may approve which), and administrators and provisioning tokens see what they asked for.
CREATE POLICY access_request_read ON access_request FOR SELECT
  USING (lantern_purpose() = 'system' OR lantern_user_id() IS NOT NULL
         OR lantern_has_permission('admin:users') OR lantern_has_permission('admin:tokens'));
CREATE POLICY access_request_ask ON access_request FOR INSERT
  WITH CHECK (lantern_purpose() = 'system' OR (status = 'PENDING' AND decided_at IS NULL AND (
    (kind = 'ROLES' AND lantern_has_permission('admin:users'))
    OR (kind = 'TOKEN' AND lantern_has_permission('admin:tokens')))));
-- Whoever may ask may withdraw a request (a later change replaces it), but never decide it.
CREATE POLICY access_request_withdraw ON access_request FOR UPDATE
  USING (status = 'PENDING' AND (lantern_has_permission('admin:users') OR lantern_has_permission('admin:tokens')))
  WITH CHECK (status = 'WITHDRAWN' AND decided_by_user_id IS NULL);
-- A decision is by a signed-in user other than the requester and the subject, who holds every permission
-- asked for in that agency or is a MASH manager (the application applies the full rule: decideApproval).
CREATE POLICY access_request_decide ON access_request FOR UPDATE
  USING (status = 'PENDING' AND lantern_user_id() IS NOT NULL)
  WITH CHECK (status IN ('APPROVED', 'REJECTED') AND decided_by_user_id = lantern_user_id()
              AND requested_by_user_id IS DISTINCT FROM lantern_user_id()
              AND user_id IS DISTINCT FROM lantern_user_id()
              AND ((agency_id = lantern_agency_id() AND permissions <@ lantern_permissions())
                   OR lantern_has_permission('mash:decide')));
CREATE POLICY access_request_operator ON access_request FOR UPDATE USING (lantern_purpose() = 'system');

-- The approver applies what they approved, in the same transaction (decided_at = now(), the transaction's
-- start): the roles to the account, the secret to the token.
CREATE POLICY app_user_approved_roles ON app_user FOR UPDATE
  USING (EXISTS (SELECT 1 FROM access_request a WHERE a.user_id = app_user.id AND a.status = 'APPROVED'
                 AND a.decided_at = now() AND a.decided_by_user_id = lantern_user_id()));
CREATE POLICY api_token_approver_read ON api_token FOR SELECT
  USING (lantern_user_id() IS NOT NULL AND EXISTS (
    SELECT 1 FROM access_request a WHERE a.token_id = api_token.id
       AND (a.status = 'PENDING' OR a.decided_by_user_id = lantern_user_id())));
CREATE POLICY api_token_approver_update ON api_token FOR UPDATE
  USING (approval = 'PENDING' AND lantern_user_id() IS NOT NULL)
  WITH CHECK (EXISTS (SELECT 1 FROM access_request a WHERE a.token_id = api_token.id
                      AND a.status IN ('APPROVED', 'REJECTED') AND a.decided_at = now()
                      AND a.decided_by_user_id = lantern_user_id()));

-- The database refuses a case role or a case token that nobody approved, whatever the application does:
-- only the operator (purpose 'system': the CLI, the demo loader) and the owner (migrations) are exempt.
CREATE FUNCTION lantern_guard_case_roles() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept text[] := CASE WHEN TG_OP = 'UPDATE' AND OLD.agency_id = NEW.agency_id THEN OLD.roles ELSE '{}'::text[] END;
  added text[];
BEGIN
  IF current_user <> 'lantern_app' OR lantern_purpose() = 'system' THEN RETURN NEW; END IF;
  added := ARRAY(SELECT r FROM unnest(NEW.roles) r WHERE r = ANY (lantern_case_roles()) AND NOT r = ANY (kept));
  IF cardinality(added) = 0 THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND EXISTS (
       SELECT 1 FROM access_request a
        WHERE a.kind = 'ROLES' AND a.user_id = NEW.id AND a.agency_id = NEW.agency_id AND a.status = 'APPROVED'
          AND a.decided_at = now() AND a.decided_by_user_id = lantern_user_id() AND added <@ a.roles) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'case roles % need the approval of a case-permission holder of the agency', added
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER app_user_case_roles BEFORE INSERT OR UPDATE OF roles, agency_id ON app_user
  FOR EACH ROW EXECUTE FUNCTION lantern_guard_case_roles();

CREATE FUNCTION lantern_guard_token_approval() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user <> 'lantern_app' OR lantern_purpose() = 'system' THEN RETURN NEW; END IF;
  IF NEW.approval <> 'APPROVED' OR NOT NEW.permissions && lantern_case_permissions() THEN RETURN NEW; END IF;
  -- Nothing new given (last used, revoked): the same secret, agency and permissions or fewer.
  IF TG_OP = 'UPDATE' AND OLD.approval = 'APPROVED' AND NEW.agency_id = OLD.agency_id
     AND NEW.token_hash = OLD.token_hash AND NEW.permissions <@ OLD.permissions THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.approval = 'PENDING' AND EXISTS (
       SELECT 1 FROM access_request a
        WHERE a.token_id = NEW.id AND a.status = 'APPROVED' AND a.decided_at = now()
          AND a.decided_by_user_id = lantern_user_id()) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a token with case permissions needs the approval of a case-permission holder of its agency'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER api_token_case_permissions BEFORE INSERT OR UPDATE ON api_token
  FOR EACH ROW EXECUTE FUNCTION lantern_guard_token_approval();
