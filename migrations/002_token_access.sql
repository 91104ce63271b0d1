-- Partner systems act through API tokens, which have no user id: let a token with admin:users see the
-- accounts it manages, and let idempotent API writes record their response.
GRANT UPDATE ON idempotency_key TO lantern_app;

ALTER POLICY app_user_read ON app_user
  USING (lantern_user_id() IS NOT NULL OR lantern_has_permission('admin:users')
         OR lantern_purpose() IN ('authenticate', 'system'));
ALTER POLICY user_team_read ON user_team
  USING (lantern_user_id() IS NOT NULL OR lantern_has_permission('admin:users')
         OR lantern_purpose() IN ('authenticate', 'system'));
