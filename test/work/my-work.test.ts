/**
 * My work (issue 13): a third missing episode in 90 days puts a strategy discussion task into the hub's My
 * work, where completing it is audited and removes it; the JSON API pages the list with a cursor and a limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestResearch } from '../../src/mash/research-service.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { createTestApp, type PageClient, signIn, type TestApp, type TestUser } from '../support/app.ts';
import {
  ago,
  createAgencies,
  DAY,
  memberOf,
  missingEpisode,
  principalOf,
  referVictim,
} from '../support/factories/index.ts';

let t: TestApp;
const agencies: Record<string, string> = {};
const teams: Record<string, string> = {};
const people: Record<string, TestUser> = {};
const clients: Record<string, PageClient> = {};
const tokens: Record<string, string> = {};

const count = async (sql: string, params: unknown[] = []) =>
  (await t.superuserQuery(sql, params)).rows[0].n as number;

beforeAll(async () => {
  t = await createTestApp();
  await createAgencies(
    t,
    [
      ['school', 'EDUCATION'],
      ['police', 'POLICE'],
      ['council', 'CHILDRENS_SOCIAL_CARE'],
      ['far', 'CHILDRENS_SOCIAL_CARE', 'LANCASHIRE'],
    ],
    agencies,
    teams,
  );
  const at = (name: string) => ({ agencyId: agencies[name]!, teamId: teams[name]! });
  people['referrer'] = await memberOf(t, at('school'), ['REFERRER']);
  people['manager'] = await memberOf(t, at('council'), ['MASH_MANAGER']);
  people['farManager'] = await memberOf(t, at('far'), ['MASH_MANAGER']);
  // A token sees what its agency's staff holding its permissions see: the police have both kinds.
  people['cse'] = await memberOf(t, at('police'), ['CSE_OFFICER']);
  await memberOf(t, at('police'), ['MASH_PRACTITIONER']);
  tokens['missing'] = await issueTestToken(t, agencies['police']!, ['case:read', 'case:work']);
  tokens['research'] = await issueTestToken(t, agencies['police']!, [
    'case:read',
    'mash:triage',
    'mash:contribute',
  ]);
  for (const who of ['manager', 'farManager', 'cse', 'referrer'])
    clients[who] = await signIn(t, people[who]!);
});

afterAll(async () => {
  await t?.close();
});

describe('a repeat missing task in the hub’s My work', () => {
  let taskId: string;

  it('appears after the third episode in 90 days, as the hub’s work with a control to complete it', async () => {
    await referVictim(t.db, people['referrer']!);
    const personId = (await t.superuserQuery('SELECT person_id FROM mash_episode')).rows[0].person_id;
    for (const days of [80, 40, 3]) {
      const episode = missingEpisode.with('fromHome').build({ personId, reportedAt: ago(days * DAY) });
      const response = await callApi(t, tokens['missing']!, 'POST', '/api/v1/missing-episodes', episode);
      expect(response.statusCode, response.body).toBe(201);
    }
    const task = await t.superuserQuery('SELECT id, area FROM mash_task WHERE done_at IS NULL');
    expect(task.rows).toHaveLength(1);
    taskId = task.rows[0].id;
    const work = await clients['manager']!.get('/my-work');
    expect(work.statusCode).toBe(200);
    expect(work.body).toContain('MASH task');
    expect(work.body).toContain('Your hub');
    expect(work.body).toContain(`action="/mash-tasks/${taskId}/complete"`);
    expect(work.body).toContain('Mark as done');
    // Another hub neither sees it nor may complete it.
    const far = await clients['farManager']!.get('/my-work');
    expect(far.body).not.toContain(taskId);
    const refused = await clients['farManager']!.post(`/mash-tasks/${taskId}/complete`);
    expect(refused.statusCode).toBe(404);
    expect(await count('SELECT count(*)::int AS n FROM mash_task WHERE done_at IS NOT NULL')).toBe(0);
  });

  it('completes the task from My work: audited, done by the manager, and gone from the list', async () => {
    await clients['manager']!.get('/my-work');
    const done = await clients['manager']!.post(`/mash-tasks/${taskId}/complete`);
    expect(done.statusCode).toBe(303);
    expect(done.headers['location']).toBe('/my-work?notice=task-done');
    const after = await clients['manager']!.get('/my-work?notice=task-done');
    expect(after.body).toContain('The task has been marked as done');
    expect(after.body).not.toContain(`/mash-tasks/${taskId}/complete`);
    const row = await t.superuserQuery('SELECT done_at, done_by_label FROM mash_task WHERE id = $1', [
      taskId,
    ]);
    expect(row.rows[0].done_at).not.toBeNull();
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'MASH_TASK_COMPLETE' AND subject_id = $1",
        [taskId],
      ),
    ).toBe(1);
    await clients['manager']!.get('/my-work');
    const again = await clients['manager']!.post(`/mash-tasks/${taskId}/complete`);
    expect(again.statusCode).toBe(409);
  });
});

describe('the CSE team’s My work', () => {
  it('lists interviews due and overdue and reassessments due, overdue first, and is in the navigation', async () => {
    const personId = (await t.superuserQuery('SELECT person_id FROM mash_episode')).rows[0].person_id;
    const returned = missingEpisode.with('fromHome').build({
      personId,
      reportedAt: ago(6 * DAY),
      returned: { returnedAt: ago(5 * DAY), foundWhere: 'Town centre' },
    });
    const response = await callApi(t, tokens['missing']!, 'POST', '/api/v1/missing-episodes', returned);
    expect(response.statusCode, response.body).toBe(201);
    const episodeId = response.json().id;
    // The child's CSE flag is due for review yesterday.
    await t.superuserQuery(
      "UPDATE person SET cse_risk_level = 'HIGH', cse_review_due = current_date - 1 WHERE id = $1",
      [personId],
    );
    const work = await clients['cse']!.get('/my-work');
    expect(work.statusCode).toBe(200);
    expect(work.body).toContain('href="/my-work"');
    expect(work.body).toContain('Return home interview due');
    expect(work.body).toContain(`href="/missing/episodes/${episodeId}#rhi-status"`);
    // The link opens the episode at its interview section (an item no page reads is not work).
    const opened = await clients['cse']!.get(`/missing/episodes/${episodeId}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('id="rhi-status"');
    expect(work.body).toContain('Risk reassessment due');
    expect(work.body).toContain(`href="/people/${personId}/risk-assessments/new"`);
    expect(work.body).toContain('Your team');
    // Both are overdue: 72 hours from the return have passed, and the review date.
    expect(work.body).toContain('2 items overdue');
    // The hub's manager reviews at the decision but does not own every child's reassessment.
    expect((await clients['manager']!.get('/my-work')).body).not.toContain('Risk reassessment due');
    const kinds = await clients['cse']!.get('/my-work?kind=RHI_DUE');
    expect(kinds.body).not.toContain('Risk reassessment due</td>');
    expect(kinds.body).toContain(`/missing/episodes/${episodeId}#rhi-status`);
    const bad = await clients['cse']!.get('/my-work?kind=NOPE');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#kind"');
    expect((await clients['cse']!.get('/')).body).toContain('id="home-my-work"');
    // A referrer has no case work: neither the link nor the page.
    const home = await clients['referrer']!.get('/');
    expect(home.body).not.toContain('href="/my-work"');
    expect((await clients['referrer']!.get('/my-work')).statusCode).toBe(403);
  });
});

describe('the My work API', () => {
  it('pages the agency’s research requests, overdue first, with a cursor and a capped limit', async () => {
    const manager = await principalOf(t.db, people['manager']!);
    for (let i = 0; i < 4; i += 1) await referVictim(t.db, people['referrer']!);
    const episodes = (await t.superuserQuery('SELECT id FROM mash_episode ORDER BY received_at')).rows;
    expect(episodes).toHaveLength(5);
    for (const [i, e] of episodes.entries()) {
      // The first is asked in the past and is overdue by now; the others are due in the days ahead.
      const when = i === 0 ? new Date('2026-03-06T15:00:00Z') : new Date();
      await withTransaction(t.db, contextFor(manager, 'test'), (tx) =>
        requestResearch(tx, manager, e.id, [agencies['police']!], when),
      );
    }
    const seen: Array<{ kind: string; overdue: boolean; href: string; dueAt: string }> = [];
    let url = '/api/v1/my-work?kind=RESEARCH_REQUEST&limit=2';
    for (let page = 0; page < 3; page += 1) {
      const response = await callApi(t, tokens['research']!, 'GET', url);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.total).toBe(5);
      expect(body.items.length).toBe(page < 2 ? 2 : 1);
      seen.push(...body.items);
      if (page < 2) url = `/api/v1/my-work?kind=RESEARCH_REQUEST&limit=2&cursor=${body.next}`;
      else expect(body.next).toBeNull();
    }
    expect(new Set(seen.map((s) => s.href)).size).toBe(5);
    expect(seen.every((s) => s.kind === 'RESEARCH_REQUEST')).toBe(true);
    expect(seen[0]!.overdue).toBe(true);
    expect(seen[0]!.href).toBe(`/mash/episodes/${episodes[0].id}#contribution-form`);
    expect(seen.slice(1).every((s) => !s.overdue)).toBe(true);
    const dues = seen.slice(1).map((s) => Date.parse(s.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('refuses a limit over 100 and a cursor it did not give, naming the field', async () => {
    const tooMany = await callApi(t, tokens['research']!, 'GET', '/api/v1/my-work?limit=101');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().details).toEqual([{ field: 'limit', message: expect.stringContaining('100') }]);
    const forged = await callApi(t, tokens['research']!, 'GET', '/api/v1/my-work?cursor=bm9wZQ');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().details[0].field).toBe('cursor');
  });

  it('filters the page by kind and refuses a kind not on the list', async () => {
    const research = await callApi(t, tokens['research']!, 'GET', '/api/v1/my-work?kind=MASH_TASK');
    expect(research.json().total).toBe(0);
    const bad = await callApi(t, tokens['research']!, 'GET', '/api/v1/my-work?kind=NOPE');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('kind');
  });
});
