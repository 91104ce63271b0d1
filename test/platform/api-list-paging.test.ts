/**
 * Every API list is paged (issue 22): `limit` up to a maximum, the `next` cursor of each page leads to the
 * following one, walking the cursors gives every row in scope exactly once, and a bad cursor or limit is a
 * 400 naming the field. Run against the referrals, the MASH queue, the return home interviews due and the
 * administration lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, call, count, DAY, episode, setUpMissingApi, world } from '../missing/missing-api-fixture.ts';
import { issueTestToken } from '../support/api.ts';

/** Follows `next` from the first page with this limit; answers the ids of every row, page by page. */
async function walk(who: string, path: string, key: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let url = `${path}?limit=${limit}`;
  for (let i = 0; i < 100; i++) {
    const response = await call(who, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const rows = body[key] as Array<Record<string, unknown>>;
    expect(rows.length).toBeLessThanOrEqual(limit);
    pages.push(rows.map((r) => String(r['id'] ?? r['episodeId'] ?? (r['episode'] as { id: string })?.id)));
    if (body.next === null) return pages;
    expect(typeof body.next).toBe('string');
    url = `${path}?limit=${limit}&cursor=${encodeURIComponent(body.next)}`;
  }
  throw new Error(`${path} never ended`);
}

function expectEveryRowOnce(pages: string[][], expected: number): void {
  const ids = pages.flat();
  expect(ids).toHaveLength(expected);
  expect(new Set(ids).size).toBe(expected);
  expect(ids.every((id) => id !== 'undefined')).toBe(true);
}

beforeAll(async () => {
  await setUpMissingApi();
  // Three returns of Ava's, none interviewed yet: three interviews due.
  for (const days of [6, 5, 4]) {
    const recorded = await call(
      'police',
      'POST',
      '/api/v1/missing-episodes',
      episode(world.children['ava']!, {
        reportedAt: ago(days * DAY),
        returned: { returnedAt: ago((days - 1) * DAY), foundWhere: 'Town centre' },
      }),
    );
    expect(recorded.statusCode, recorded.body).toBe(201);
  }
  world.tokens['admin'] = await issueTestToken(world.t, world.agencies['council']!, [
    'admin:users',
    'admin:agencies',
  ]);
  world.tokens['searcher'] = await issueTestToken(world.t, world.agencies['council']!, [
    'case:read',
    'case:search',
  ]);
  world.tokens['hub'] = await issueTestToken(world.t, world.agencies['council']!, [
    'case:read',
    'mash:triage',
  ]);
}, 120_000);
afterAll(async () => {
  await world.t?.close();
});

describe('API lists are paged with a cursor and a limit', () => {
  it('walks the referrals a referrer sent, two at a time, each once', async () => {
    const pages = await walk('school', '/api/v1/referrals', 'referrals', 2);
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    expectEveryRowOnce(pages, 3);
  });

  it('walks the MASH queue and the interviews due', async () => {
    const open = await count(
      'SELECT count(*)::int AS n FROM mash_episode WHERE closed_at IS NULL AND area = $1',
      ['BLACKPOOL'],
    );
    expect(open).toBeGreaterThanOrEqual(3);
    expectEveryRowOnce(await walk('hub', '/api/v1/mash/queue', 'episodes', 2), open);
    expectEveryRowOnce(await walk('police', '/api/v1/return-home-interviews/due', 'interviews', 2), 3);
  });

  it('walks the users, agencies and teams', async () => {
    const users = await count('SELECT count(*)::int AS n FROM app_user');
    const agencies = await count('SELECT count(*)::int AS n FROM agency');
    const teams = await count('SELECT count(*)::int AS n FROM team');
    expectEveryRowOnce(await walk('admin', '/api/v1/users', 'users', 2), users);
    expectEveryRowOnce(await walk('admin', '/api/v1/agencies', 'agencies', 2), agencies);
    expectEveryRowOnce(await walk('admin', '/api/v1/teams', 'teams', 2), teams);
  });

  it('pages a search of people by the same cursor, in the posted body', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const response = await call('searcher', 'POST', '/api/v1/people/search', {
        dob: '2011-03-04',
        limit: 2,
        cursor,
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.results.length).toBeLessThanOrEqual(2);
      ids.push(...body.results.map((r: { id: string }) => r.id));
      if (body.next === null) break;
      cursor = body.next;
    }
    // Ava, Bea and Cat of the Blackpool hub; Dee was referred in Lancashire.
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    const bad = await call('searcher', 'POST', '/api/v1/people/search', { dob: '2011-03-04', limit: 500 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(['limit']);
  });

  it('refuses a limit over the maximum, a limit of nought and a cursor it did not give, naming the field', async () => {
    for (const [who, path] of [
      ['school', '/api/v1/referrals'],
      ['hub', '/api/v1/mash/queue'],
      ['police', '/api/v1/return-home-interviews/due'],
      ['admin', '/api/v1/users'],
    ] as const) {
      for (const [query, field] of [
        ['limit=101', 'limit'],
        ['limit=0', 'limit'],
        ['cursor=not-a-cursor', 'cursor'],
        [`cursor=${Buffer.from('o:99999999').toString('base64url')}`, 'cursor'],
      ] as const) {
        const response = await call(who, 'GET', `${path}?${query}`);
        expect(response.statusCode, `${path}?${query}`).toBe(400);
        expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
      }
    }
  });

  it('answers at most 100 rows however many are asked for by default', async () => {
    const queue = (await call('hub', 'GET', '/api/v1/mash/queue')).json();
    expect(queue.episodes.length).toBeLessThanOrEqual(50);
    expect(queue).toHaveProperty('next');
  });
});
