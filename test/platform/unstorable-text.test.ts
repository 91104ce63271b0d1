/**
 * SECURITY 26: any text the API or a form accepts round-trips through the database and the audit chain.
 * NUL and unpaired surrogates are refused at the edge with a 400 naming the field, and change nothing;
 * every other string (every Unicode plane) is stored and read back exactly, and `audit verify` stays valid.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import { appendAuditEvent } from '../../src/platform/audit/store.ts';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { storableCopy, unstorableReason } from '../../src/platform/text/storable.ts';
import { callApi } from '../support/api.ts';
import type { PageClient, TestApp } from '../support/app.ts';
import { createAgencyWithTeam, createTestApp, createTestUser, signIn } from '../support/app.ts';
import { victimReferral } from '../support/factories/index.ts';

let t: TestApp;
let school: string;
let page: PageClient;

const referral = (): Record<string, unknown> => ({ ...victimReferral.build() });

const post = (url: string, body: unknown) => callApi(t, school, 'POST', url, body);

/** Every path to a string leaf of a JSON value. */
function stringPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
}

function withLeaf(value: Record<string, unknown>, path: string[], leaf: string): Record<string, unknown> {
  const copy = structuredClone(value);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = leaf;
  return copy;
}

const referralCount = async () =>
  (await t.superuserQuery('SELECT count(*)::int AS n FROM victim_referral')).rows[0].n as number;

beforeAll(async () => {
  t = await createTestApp({ LANTERN_API_RATE_LIMIT: '100000' });
  const { agencyId, teamId } = await createAgencyWithTeam(t, { type: 'EDUCATION', area: 'BLACKPOOL' });
  school = (
    await withTransaction(t.db, systemContext('test'), (tx) =>
      issueToken(
        tx,
        {
          name: 'School system',
          agencyId,
          permissions: ['referral:create', 'referral:read-own-agency'],
          expiresInDays: 1,
        },
        null,
      ),
    )
  ).secret;
  const user = await createTestUser(t, ['MASH_PRACTITIONER'], { agencyId, teamIds: [teamId] });
  page = await signIn(t, user);
});
afterAll(async () => {
  await t?.close();
});

describe('text that cannot be stored exactly', () => {
  it('is refused in every string field of a referral with a 400 naming the field, and nothing is written', async () => {
    const before = await referralCount();
    const paths = stringPaths(referral());
    expect(paths.length).toBeGreaterThan(10);
    for (const bad of ['a\u0000b', '\ud800', 'x\udc00y']) {
      for (const path of paths) {
        const response = await post('/api/v1/referrals', withLeaf(referral(), path, bad));
        expect(response.statusCode, `${path.join('.')} with ${JSON.stringify(bad)}`).toBe(400);
        expect(response.json().details[0].field).toBe(path.join('.'));
      }
    }
    expect(await referralCount()).toBe(before);
  });

  it('is refused in a query string, a path parameter and a page form, never a 500', async () => {
    const api = await t.app.inject({
      method: 'GET',
      url: '/api/v1/referrals/%00',
      headers: { authorization: `Bearer ${school}` },
    });
    expect(api.statusCode).toBe(400);
    expect(api.json().details[0].field).toBe('params.id');
    const form = await page.post('/search', { q: 'Ava\u0000' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('“q” contains a NUL character');
  });

  it('leaves the audit chain verifiable after refused requests', async () => {
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

// Any code unit sequence: lone surrogates, NUL, controls, and characters from every plane (astral included).
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom('\u{10FFFF}', '\u{1F600}\u{E0001}', '\uFEFF\uFFFE\uFFFF', '\u202E\u200D', 'e\u0301'),
);

describe('every string the API accepts round-trips', () => {
  it('through the referral API and the audit chain (property over arbitrary Unicode)', {
    timeout: 240_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const concerns = `Concern: ${text}`;
        const response = await post('/api/v1/referrals', { ...referral(), concerns });
        if (unstorableReason(concerns)) {
          expect(response.statusCode).toBe(400);
          expect(response.json().details[0].field).toBe('concerns');
          return;
        }
        expect(response.statusCode).toBe(201);
        const stored = await t.superuserQuery('SELECT concerns FROM victim_referral WHERE id = $1', [
          response.json().id,
        ]);
        // The service trims what people type; the edge drops a leading byte-order mark; nothing else changes.
        expect(stored.rows[0].concerns).toBe(concerns.trim());
      }),
      { numRuns: 40, seed: 26 },
    );
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('through the audit log whatever a caller hands it (stored as its storable copy)', {
    timeout: 240_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (justification, detail) => {
        const event = await withTransaction(t.db, systemContext('test'), (tx) =>
          appendAuditEvent(tx, {
            action: 'TEXT_ROUND_TRIP',
            justification,
            details: { detail, [detail]: [detail] },
          }),
        );
        expect(event.justification).toBe(storableCopy(justification));
        const row = await t.superuserQuery('SELECT justification, details FROM audit_event WHERE id = $1', [
          event.id,
        ]);
        expect(row.rows[0].justification).toBe(event.justification);
        expect(row.rows[0].details).toEqual(event.details);
      }),
      { numRuns: 60, seed: 27 },
    );
    const report = await verifyAuditChain(t.db);
    expect(report.message).toMatch(/verified/);
    expect(report.ok).toBe(true);
  });
});
