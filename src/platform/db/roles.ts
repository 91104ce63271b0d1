/**
 * Database roles. Every request runs under APP_ROLE (non-superuser, no BYPASSRLS) so that row-level
 * security and the audit table's triggers always apply. On a server, OWNER_ROLE owns the schema and
 * runs migrations; it is the login in DATABASE_URL and a member of APP_ROLE.
 */
export const APP_ROLE = 'lantern_app';
export const OWNER_ROLE = 'lantern_owner';
