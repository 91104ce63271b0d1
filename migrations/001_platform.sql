-- Platform: agencies, teams, users, sessions, API tokens, idempotency, the hash-chained audit log.
-- Every request runs as lantern_app (see src/platform/db/roles.ts); the owner runs migrations.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

GRANT USAGE ON SCHEMA public TO lantern_app;

-- The acting user's context, set per transaction by withTransaction(); read by row-level security.
CREATE FUNCTION lantern_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('lantern.user_id', true), '')::uuid $$;
CREATE FUNCTION lantern_agency_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('lantern.agency_id', true), '')::uuid $$;
CREATE FUNCTION lantern_team_ids() RETURNS uuid[] LANGUAGE sql STABLE AS
  $$ SELECT coalesce(string_to_array(nullif(current_setting('lantern.team_ids', true), ''), ',')::uuid[], '{}') $$;
CREATE FUNCTION lantern_has_permission(p text) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT p = ANY (string_to_array(coalesce(current_setting('lantern.permissions', true), ''), ',')) $$;
CREATE FUNCTION lantern_purpose() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT coalesce(nullif(current_setting('lantern.purpose', true), ''), 'none') $$;

CREATE TABLE agency (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  type text NOT NULL CHECK (type IN ('POLICE', 'CHILDRENS_SOCIAL_CARE', 'HEALTH', 'EDUCATION', 'VOLUNTARY',
                                     'HOUSING', 'PROBATION', 'YOUTH_JUSTICE', 'OTHER')),
  area text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agency_name_unique ON agency (lower(name));

CREATE TABLE team (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agency (id),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  area text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agency_id, name)
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agency (id),
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email text CHECK (email IS NULL OR length(email) <= 254),
  roles text[] NOT NULL DEFAULT '{}',
  password_hash text,
  -- The TOTP secret is encrypted with a key derived from LANTERN_SESSION_SECRET (AES-256-GCM).
  totp_secret_enc text,
  totp_enrolled_at timestamptz,
  totp_last_step bigint,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  oidc_subject text UNIQUE,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_unique ON app_user (username);
CREATE UNIQUE INDEX app_user_email_unique ON app_user (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE user_team (
  user_id uuid NOT NULL REFERENCES app_user (id),
  team_id uuid NOT NULL REFERENCES team (id),
  PRIMARY KEY (user_id, team_id)
);

-- Server-side sessions; the cookie holds a random token and only its SHA-256 is stored.
CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  -- PASSWORD: password checked, TOTP still to verify; ENROL: must enrol TOTP; ACTIVE: signed in.
  stage text NOT NULL CHECK (stage IN ('PASSWORD', 'ENROL', 'ACTIVE')),
  pending_totp_secret_enc text,
  method text NOT NULL CHECK (method IN ('LOCAL', 'OIDC')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  absolute_expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ended_reason text
);
CREATE INDEX user_session_user ON user_session (user_id) WHERE ended_at IS NULL;

CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  agency_id uuid NOT NULL REFERENCES agency (id),
  permissions text[] NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);

-- One-time links that let the first administrator be created on an empty database.
CREATE TABLE setup_token (
  token_hash text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- A retried API write with the same Idempotency-Key returns the first response instead of writing again.
CREATE TABLE idempotency_key (
  principal text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  route text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);

-- The audit log (DPA 2018 s62). Append-only; each event carries the previous event's hash, and seq is
-- gapless so that a removed event shows.
CREATE TABLE audit_event (
  seq bigint PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_label text NOT NULL,
  actor_agency_id uuid,
  action text NOT NULL,
  subject_type text,
  subject_id text,
  outcome text NOT NULL CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILURE')),
  justification text,
  recipients jsonb,
  details jsonb,
  correlation_id text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_event_occurred ON audit_event (occurred_at);
CREATE INDEX audit_event_actor ON audit_event (actor_user_id, occurred_at);
CREATE INDEX audit_event_subject ON audit_event (subject_type, subject_id);
CREATE INDEX audit_event_action ON audit_event (action, occurred_at);

-- The chain's head: locking this one row serialises appends, so concurrent requests and app instances
-- extend one chain.
CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);
INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Privileges of the app role: exactly what the code needs, nothing on audit_event beyond INSERT/SELECT.
GRANT SELECT, INSERT, UPDATE ON agency, team TO lantern_app;
GRANT SELECT, INSERT, UPDATE ON app_user TO lantern_app;
GRANT SELECT, INSERT, DELETE ON user_team TO lantern_app;
GRANT SELECT, INSERT, UPDATE ON user_session, api_token, setup_token TO lantern_app;
GRANT SELECT, INSERT, DELETE ON idempotency_key TO lantern_app;
GRANT SELECT, INSERT ON audit_event TO lantern_app;
GRANT SELECT, UPDATE ON audit_chain_head TO lantern_app;
GRANT SELECT ON schema_migration TO lantern_app;

-- Row-level security on every table holding personal data (staff accounts, sessions, audit trail).
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_read ON app_user FOR SELECT
  USING (lantern_user_id() IS NOT NULL OR lantern_purpose() IN ('authenticate', 'system'));
CREATE POLICY app_user_insert ON app_user FOR INSERT
  WITH CHECK (lantern_has_permission('admin:users') OR lantern_purpose() = 'system');
CREATE POLICY app_user_update ON app_user FOR UPDATE
  USING (lantern_has_permission('admin:users') OR lantern_purpose() IN ('authenticate', 'system')
         OR id = lantern_user_id());

ALTER TABLE user_team ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_team_read ON user_team FOR SELECT
  USING (lantern_user_id() IS NOT NULL OR lantern_purpose() IN ('authenticate', 'system'));
CREATE POLICY user_team_write ON user_team FOR ALL
  USING (lantern_has_permission('admin:users') OR lantern_purpose() = 'system')
  WITH CHECK (lantern_has_permission('admin:users') OR lantern_purpose() = 'system');

ALTER TABLE user_session ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_session_access ON user_session FOR ALL
  USING (lantern_purpose() IN ('authenticate', 'system') OR user_id = lantern_user_id()
         OR lantern_has_permission('admin:users'))
  WITH CHECK (lantern_purpose() IN ('authenticate', 'system') OR user_id = lantern_user_id()
              OR lantern_has_permission('admin:users'));

ALTER TABLE api_token ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_token_access ON api_token FOR ALL
  USING (lantern_purpose() IN ('authenticate', 'system') OR lantern_has_permission('admin:tokens'))
  WITH CHECK (lantern_purpose() IN ('authenticate', 'system') OR lantern_has_permission('admin:tokens'));

ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_event_append ON audit_event FOR INSERT WITH CHECK (true);
CREATE POLICY audit_event_read ON audit_event FOR SELECT
  USING (lantern_has_permission('audit:read') OR lantern_purpose() = 'system');

ALTER TABLE idempotency_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY idempotency_key_own ON idempotency_key FOR ALL
  USING (lantern_purpose() = 'system' OR principal = coalesce(current_setting('lantern.principal', true), ''))
  WITH CHECK (principal = coalesce(current_setting('lantern.principal', true), ''));
