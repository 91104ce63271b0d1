/**
 * SECURITY 31, sharing grants: a decision to share with the South CSE team gives every member of that team
 * exactly the items shared (the first referral, health's releasable research, the outcome), through the
 * shared page, "Shared with you", people search and "My work", every view audited; the child's other
 * referral, the research not shared and the strategy discussion stay unreadable through pages, API, search
 * and row-level security itself. Another team of the same force sees nothing.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sharingWorkItems } from '../../src/mash/sharing-work-service.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { principalOf, s47Decision } from '../support/factories/index.ts';
import {
  asUser,
  CHILD,
  count,
  events,
  grantIdsOf,
  postOnEpisode,
  shareFields,
  useSharingWorld,
  w,
} from './sharing-grants-fixture.ts';

useSharingWorld();

const NOT_SHARED = [
  'SECOND-REFERRAL-NOT-SHARED',
  'PROBATION-NOT-SHARED',
  'COUNCIL-PRIVATE',
  'STRATEGY-NOT-SHARED',
];
let grantId: string;

async function search(who: string) {
  await w.clients[who]!.get('/search');
  return w.clients[who]!.post('/search', { name: `${CHILD.forename} ${CHILD.surname}` });
}

describe('before anything is shared', () => {
  it('the South CSE team finds nothing of the child', async () => {
    const found = await search('cse');
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('No one matches');
    expect((await w.clients['cse']!.get('/shared')).body).toContain('Nothing is shared with you');
  });
});

describe('a decision to share with the South CSE team', () => {
  it('is recorded with one grant for the team, its items and period in the audit', async () => {
    const page = await w.clients['manager']!.get(`/mash/episodes/${w.episodeId}`);
    // Recipients come from lists: the team by name, with its agency.
    expect(page.body).toContain(`value="TEAM:${w.teams['south']}"`);
    expect(page.body).toContain('Items shared');
    expect(page.body).toContain('Not releasable outside the MASH: cannot be shared');
    const response = await postOnEpisode(
      'manager',
      `/mash/episodes/${w.episodeId}/sharing-decisions`,
      shareFields(),
    );
    expect(response.statusCode, response.body).toBe(303);
    grantId = (await grantIdsOf())[0]!;
    const { rows } = await w.t.superuserQuery(
      `SELECT recipient_kind, recipient_id, items, contribution_ids::text[] AS contributions,
              round(extract(epoch FROM expires_at - starts_at) / 86400) AS days FROM sharing_grant`,
    );
    expect(rows).toEqual([
      {
        recipient_kind: 'TEAM',
        recipient_id: w.teams['south'],
        items: ['REFERRAL', 'DECISION'],
        contributions: [w.contributions['health']],
        days: '90',
      },
    ]);
    const [event] = await events('SHARING_DECISION');
    expect(event!.recipients).toEqual([
      { kind: 'TEAM', id: w.teams['south'], label: expect.stringContaining('Team AG-') },
    ]);
    expect(event!.details).toMatchObject({
      decision: 'SHARE',
      grants: [grantId],
      items: ['REFERRAL', 'DECISION'],
      contributionIds: [w.contributions['health']],
    });
    const after = await w.clients['manager']!.get(`/mash/episodes/${w.episodeId}`);
    expect(after.body).toContain('Access granted (1)');
    expect(after.body).toContain(`/mash/sharing-grants/${grantId}/revoke`);
  });

  it('lets a member of the team see exactly the items shared, and audits the view as a disclosure read', async () => {
    const list = await w.clients['cse2']!.get('/shared');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/shared/${grantId}"`);
    expect(list.body).toContain(`${CHILD.forename} ${CHILD.surname}`);
    expect(list.body).toContain('href="/shared"'); // the navigation links it for case roles
    const shared = await w.clients['cse2']!.get(`/shared/${grantId}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.body).toContain(`${CHILD.forename} ${CHILD.surname}`);
    expect(shared.body).toContain('17 May 2011');
    expect(shared.body).toContain('FIRST-REFERRAL-SHARED');
    expect(shared.body).toContain('HEALTH-SHARED');
    expect(shared.body).toContain('The MASH has not decided yet.');
    for (const text of NOT_SHARED) expect(shared.body).not.toContain(text);
    expect(shared.body).not.toContain('id="shared-strategy"');
    const views = await events('SHARED_RECORD_VIEW');
    expect(views.at(-1)).toMatchObject({
      actor_user_id: w.users['cse2']!.id,
      outcome: 'SUCCESS',
      subject_type: 'sharing_grant',
      subject_id: grantId,
      details: { personId: w.personId, contributionIds: [w.contributions['health']] },
    });
  });

  it('shows the outcome once the hub decides', async () => {
    const decided = await postOnEpisode(
      'manager',
      `/mash/episodes/${w.episodeId}/decision`,
      s47Decision({ feedbackToReferrer: 'The MASH has started enquiries.' }),
    );
    expect(decided.statusCode).toBe(303);
    const shared = await w.clients['cse']!.get(`/shared/${grantId}`);
    expect(shared.body).toContain('Risk of significant harm from an older adult.');
    for (const text of NOT_SHARED) expect(shared.body).not.toContain(text);
  });

  it('finds the child in people search, counting only the shared referral and opening the shared page', async () => {
    const found = await search('cse');
    expect(found.body).toContain(`href="/shared/${grantId}"`);
    expect(found.body).not.toContain(`/people/${w.personId}`);
    expect(found.body).toMatch(/govuk-table__cell--numeric">1</);
  });

  it('refuses the person page, the other referral and the MASH episode (404, each denial audited)', async () => {
    const before = (await events('ACCESS_DENIED')).length;
    for (const path of [
      `/people/${w.personId}`,
      `/referrals/${w.otherReferralId}`,
      `/mash/episodes/${w.episodeId}`,
    ]) {
      const response = await w.clients['cse']!.get(path);
      expect(response.statusCode, path).toBe(404);
      for (const text of NOT_SHARED) expect(response.body).not.toContain(text);
    }
    expect((await events('ACCESS_DENIED')).length).toBe(before + 3);
  });

  it('lets row-level security itself read only the items shared', async () => {
    const seen = await asUser('cse', async (tx) => ({
      referrals: (
        await tx.query<{ id: string }>('SELECT id FROM victim_referral WHERE person_id = $1', [w.personId])
      ).map((r) => r.id),
      contributions: (await tx.query<{ summary: string }>('SELECT summary FROM contribution')).map(
        (r) => r.summary,
      ),
      discussions: (await tx.query('SELECT id FROM strategy_discussion')).length,
      actions: (await tx.query('SELECT id FROM strategy_action')).length,
      decisions: (await tx.query('SELECT id FROM mash_decision')).length,
      episodes: (await tx.query('SELECT id FROM mash_episode')).length,
      assessments: (await tx.query('SELECT id FROM risk_assessment')).length,
      tasks: (await tx.query('SELECT id FROM mash_task')).length,
      // Matching and merging stay work by scope (the officer holds people:merge).
      mayReviewMatch: (
        await tx.one<{ m: boolean }>('SELECT lantern_may_review_match($1, $1) AS m', [w.personId])
      ).m,
    }));
    expect(seen).toEqual({
      referrals: [w.referralId],
      contributions: ['HEALTH-SHARED: attended a sexual health clinic.'],
      discussions: 0,
      actions: 0,
      decisions: 1,
      episodes: 0,
      assessments: 0,
      tasks: 0,
      mayReviewMatch: false,
    });
  });

  it('keeps a risk assessment of the child unread when the grant does not name it', async () => {
    await w.t.superuserQuery(
      `INSERT INTO risk_assessment (person_id, template_id, template_version, answers, computed_level, final_level,
         assessed_by_label, next_review_date) VALUES ($1, 'scored', 1, '{}', 'HIGH', 'HIGH', 'Manager', current_date + 90)`,
      [w.personId],
    );
    expect(await asUser('cse', (tx) => tx.query('SELECT id FROM risk_assessment'))).toHaveLength(0);
    expect(await asUser('manager', (tx) => tx.query('SELECT id FROM risk_assessment'))).toHaveLength(1);
  });

  it('gives a partner system’s token nothing: a grant is to people (API)', async () => {
    const token = await issueTestToken(w.t, w.agencies['police']!, [
      'case:read',
      'case:search',
      'referral:read-own-agency',
    ]);
    for (const path of [
      `/api/v1/mash/episodes/${w.episodeId}`,
      `/api/v1/referrals/${w.referralId}`,
      `/api/v1/referrals/${w.otherReferralId}`,
    ]) {
      const response = await callApi(w.t, token, 'GET', path);
      expect(response.statusCode, path).toBe(404);
      for (const text of NOT_SHARED) expect(response.body).not.toContain(text);
    }
  });

  it('puts a notice in the team members’ "My work", due when access ends', async () => {
    const principal = await principalOf(w.t.db, w.users['cse2']!);
    const items = await asUser('cse2', (tx) => sharingWorkItems(tx, principal, new Date()));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'SHARED_WITH_YOU',
      owner: 'TEAM',
      href: `/shared/${grantId}`,
      subject: `${CHILD.forename} ${CHILD.surname}`,
      overdue: false,
    });
    const { rows } = await w.t.superuserQuery('SELECT expires_at FROM sharing_grant WHERE id = $1', [
      grantId,
    ]);
    expect(items[0]!.dueAt?.getTime()).toBe(new Date(rows[0].expires_at).getTime());
  });
});

describe('another team of the same force', () => {
  it('sees nothing: not in search, "Shared with you", "My work" or the shared page (404, audited)', async () => {
    expect((await search('west')).body).toContain('No one matches');
    expect((await w.clients['west']!.get('/shared')).body).toContain('Nothing is shared with you');
    const principal = await principalOf(w.t.db, w.users['west']!);
    expect(await asUser('west', (tx) => sharingWorkItems(tx, principal, new Date()))).toEqual([]);
    const before = (await events('ACCESS_DENIED')).length;
    const response = await w.clients['west']!.get(`/shared/${grantId}`);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('HEALTH-SHARED');
    const denied = await events('ACCESS_DENIED');
    expect(denied.length).toBe(before + 1);
    expect(denied.at(-1)).toMatchObject({ subject_type: 'sharing_grant', subject_id: grantId });
    expect(await asUser('west', (tx) => tx.query('SELECT id FROM contribution'))).toHaveLength(0);
    // An unknown grant is a plain 404, not a denial.
    expect((await w.clients['west']!.get(`/shared/${randomUUID()}`)).statusCode).toBe(404);
    expect((await events('ACCESS_DENIED')).length).toBe(before + 1);
    expect(await count('sharing_grant')).toBe(1);
  });
});
