/** The administration pages' test bed: a test app and an administrator signed in, and the audit they read. */
import { createTestApp, type PageClient, signIn, type TestApp, type TestUser } from './app.ts';
import { users } from './factories/index.ts';

export async function setUpAdminPages(): Promise<{ t: TestApp; admin: TestUser; client: PageClient }> {
  const t = await createTestApp();
  const admin = await users.administrator(t);
  const client = await signIn(t, admin);
  return { t, admin, client };
}

/** The audit rows of an action, of one subject when given, in order. */
export async function auditRows(t: TestApp, action: string, subjectId?: string) {
  const { rows } = await t.superuserQuery(
    `SELECT actor_user_id, actor_label, action, subject_type, subject_id, outcome FROM audit_event
      WHERE action = $1 AND ($2::text IS NULL OR subject_id = $2) ORDER BY seq`,
    [action, subjectId ?? null],
  );
  return rows;
}
