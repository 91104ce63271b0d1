/**
 * The administration pages' test bed: a test app and an administrator signed in, and the audit they read.
 * Bindings are live: `useAdminPages()` registers the hooks that set them up (a fresh bed for each test
 * file, as vitest gives each file its own module instance) and close it.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type PageClient, signIn, type TestApp, type TestUser } from './app.ts';
import { users } from './factories/index.ts';

export let t: TestApp;
export let admin: TestUser;
export let client: PageClient;

export function useAdminPages(): void {
  beforeAll(async () => {
    t = await createTestApp();
    admin = await users.administrator(t);
    client = await signIn(t, admin);
  });
  afterAll(async () => {
    await t?.close();
  });
}

/** The audit rows of an action, of one subject when given, in order. */
export async function auditRows(action: string, subjectId?: string) {
  const { rows } = await t.superuserQuery(
    `SELECT actor_user_id, actor_label, action, subject_type, subject_id, outcome FROM audit_event
      WHERE action = $1 AND ($2::text IS NULL OR subject_id = $2) ORDER BY seq`,
    [action, subjectId ?? null],
  );
  return rows;
}
