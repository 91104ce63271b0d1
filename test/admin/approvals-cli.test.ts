/**
 * `npx lantern approvals`: the service operator approves a new partnership's very first case roles and
 * tokens, before anyone in it could (docs/decisions/0011). On either engine: a data directory or a server.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency, createTeam, createUser, requestToken } from '../../src/admin/service.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { principalForUser } from '../../src/platform/auth/authenticate.ts';
import { sha256 } from '../../src/platform/auth/secrets.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { prepareDatabase } from '../../src/platform/db/prepare.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { runLantern } from '../support/cli.ts';
import { createTestDatabase, createTestDataDir } from '../support/engines.ts';

let target: {
  env: Record<string, string>;
  query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  cleanup(): Promise<void>;
};

/** A new partnership: one council, its administrator, who asks for a MASH manager and a case token. */
async function seed(db: Database): Promise<void> {
  const { agencyId, adminId } = await withTransaction(db, systemContext('test'), async (tx) => {
    const agency = await createAgency(tx, {
      code: 'NEW-CSC',
      name: 'New council',
      type: 'CHILDRENS_SOCIAL_CARE',
      area: 'NEWTOWN',
    });
    const team = await createTeam(tx, { agencyId: agency.id, name: 'Newtown MASH', area: 'NEWTOWN' });
    const admin = await createUser(tx, {
      agencyId: agency.id,
      username: 'first.admin',
      displayName: 'First Admin',
      roles: ['ADMINISTRATOR'],
      teamIds: [],
      password: 'A long initial passphrase 42',
    });
    return { agencyId: agency.id, adminId: admin.id, teamId: team.id };
  });
  const principal = (await principalForUser(db, adminId, 'test'))!;
  await withTransaction(db, contextFor(principal, 'test'), async (tx) => {
    await createUser(tx, {
      agencyId,
      username: 'first.manager',
      displayName: 'Morgan First',
      roles: ['MASH_MANAGER'],
      teamIds: [],
      password: 'A long initial passphrase 42',
    });
    await requestToken(
      tx,
      { name: 'Council case system', agencyId, permissions: ['case:read'], expiresInDays: 30 },
      adminId,
    );
  });
}

beforeAll(async () => {
  if (process.env['TEST_ENGINE'] === 'postgres') {
    const database = await createTestDatabase();
    await seed(database.db);
    target = {
      env: { DATABASE_URL: database.url! },
      query: async (sql, params) => (await database.superuserQuery(sql, params)).rows,
      cleanup: () => database.dispose(),
    };
    return;
  }
  const dir = await createTestDataDir('lantern-approvals-');
  const db = await openDatabase({ dataDir: dir });
  await prepareDatabase(db);
  await seed(db);
  await db.close();
  target = {
    env: { LANTERN_DATA_DIR: dir },
    async query(sql, params) {
      const again = await openDatabase({ dataDir: dir });
      try {
        return (await again.pool.query(sql, params)).rows;
      } finally {
        await again.close();
      }
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}, 120_000);
afterAll(async () => {
  await target?.cleanup();
});

const lantern = (...args: string[]) => runLantern(args, target.env);
/** `lantern approvals approve <id> --reason <reason>`, as the operator types it. */
const approve = (id: unknown, reason: string) =>
  lantern('approvals', 'approve', String(id), '--reason', reason);

describe('lantern approvals', () => {
  it('lists what waits, and the operator approves the first case roles and token, audited', async () => {
    const list = await lantern('approvals', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('Roles for Morgan First, New council: MASH manager (asked by First Admin)');
    expect(list.stdout).toContain('API token “Council case system”, New council');
    const requests = await target.query(
      `SELECT r.id, r.kind, r.user_id, r.token_id FROM access_request r WHERE r.status = 'PENDING' ORDER BY r.kind`,
    );
    const roles = requests.find((r) => r['kind'] === 'ROLES')!;
    const token = requests.find((r) => r['kind'] === 'TOKEN')!;

    expect((await lantern('approvals', 'approve', String(roles['id']))).code).not.toBe(0);
    const approved = await approve(roles['id'], 'Founding MASH manager');
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain('Approved: Roles for Morgan First');
    expect(await target.query('SELECT roles FROM app_user WHERE id = $1', [roles['user_id']])).toEqual([
      { roles: ['MASH_MANAGER'] },
    ]);

    const issued = await approve(token['id'], 'The council’s own system');
    expect(issued.code, issued.stderr).toBe(0);
    const secret = /lnt_[A-Za-z0-9_-]{40,}/.exec(issued.stdout)![0];
    expect(
      await target.query('SELECT approval, token_hash FROM api_token WHERE id = $1', [token['token_id']]),
    ).toEqual([{ approval: 'APPROVED', token_hash: sha256(secret) }]);
    const audit = await target.query(
      `SELECT actor_label, subject_id, justification FROM audit_event WHERE action = 'ACCESS_APPROVE' ORDER BY seq`,
    );
    expect(audit).toEqual([
      { actor_label: 'system', subject_id: roles['user_id'], justification: 'Founding MASH manager' },
      { actor_label: 'system', subject_id: token['token_id'], justification: 'The council’s own system' },
    ]);
    expect((await lantern('approvals', 'list')).stdout).toContain('Nothing is waiting for approval.');
    expect((await lantern('approvals', 'reject', 'not-an-id', '--reason', 'x')).code).toBe(1);
  }, 400_000); // seven CLI processes, each starting and opening the database: minutes on a busy machine
});
