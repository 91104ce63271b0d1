/**
 * SECURITY 31, the life of a sharing grant: bad decisions (no legal basis, no recipients, a typed or unknown
 * recipient, no items, research not releasable, a period out of range) save nothing; a decision not to
 * share grants nothing; a grant ends at its expiry and, revoked with a reason by the hub, on the recipient's
 * very next request (404, ACCESS_DENIED audited).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sharingWorkItems } from '../../src/mash/sharing-work-service.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { principalOf } from '../support/factories/index.ts';
import {
  asUser,
  CHILD,
  count,
  events,
  grantIdsOf,
  postFrom,
  postOnEpisode,
  shareFields,
  useSharingWorld,
  w,
} from './sharing-grants-fixture.ts';

useSharingWorld();

const sharingPath = () => `/mash/episodes/${w.episodeId}/sharing-decisions`;

async function searchFinds(who: string): Promise<boolean> {
  await w.clients[who]!.get('/search');
  const found = await w.clients[who]!.post('/search', { name: `${CHILD.forename} ${CHILD.surname}` });
  return !found.body.includes('No one matches');
}

async function expectDeniedNext(who: string, grantId: string) {
  const before = (await events('ACCESS_DENIED')).length;
  const response = await w.clients[who]!.get(`/shared/${grantId}`);
  expect(response.statusCode).toBe(404);
  expect(response.body).not.toContain('HEALTH-SHARED');
  const denied = await events('ACCESS_DENIED');
  expect(denied.length).toBe(before + 1);
  expect(denied.at(-1)).toMatchObject({ subject_type: 'sharing_grant', subject_id: grantId });
}

describe('bad sharing decisions save nothing', () => {
  it('names each field on the page and keeps what was typed', async () => {
    const cases: Array<[Record<string, string | string[]>, string]> = [
      [{ legalBasis: '' }, 'sharing-legalBasis'],
      [{ 'recipient-0': '' }, 'sharing-recipient-0'],
      [{ 'recipient-0': 'Police South CSE team' }, 'sharing-recipient-0'],
      [{ 'recipient-0': `TEAM:${randomUUID()}` }, 'sharing-recipient-0'],
      [{ items: [], contributionIds: [] }, 'sharing-items'],
      [{ contributionIds: [w.contributions['council']!] }, 'sharing-contributionIds'],
      [{ contributionIds: [randomUUID()] }, 'sharing-contributionIds'],
      [{ periodDays: '400' }, 'sharing-periodDays'],
      [{ periodDays: 'ninety' }, 'sharing-periodDays'],
    ];
    for (const [overrides, anchor] of cases) {
      const response = await postOnEpisode('manager', sharingPath(), shareFields(overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.body, JSON.stringify(overrides)).toContain(`href="#${anchor}"`);
      expect(response.body).toContain('Only what the CSE team needs to protect the child.');
    }
    const notReleasable = await postOnEpisode(
      'manager',
      sharingPath(),
      shareFields({ contributionIds: [w.contributions['council']!] }),
    );
    expect(notReleasable.body).toContain('marked not releasable outside the MASH cannot be shared');
    expect(await count('sharing_decision')).toBe(0);
    expect(await count('sharing_grant')).toBe(0);
  });

  it('refuses the same by API (schema or field errors), saving nothing', async () => {
    const token = await issueTestToken(w.t, w.agencies['council']!, [
      'case:read',
      'mash:triage',
      'mash:share',
    ]);
    const body = {
      decision: 'SHARE',
      decidedAt: new Date().toISOString(),
      purpose: 'To protect the child',
      information: 'The referral',
      recipients: [{ kind: 'TEAM', id: w.teams['south'] }],
      items: ['REFERRAL'],
      contributionIds: [],
      periodDays: 90,
      channel: 'MASH_SYSTEM',
      legalBasis: 'CA2004_S11',
      consentSought: true,
      necessityProportionality: 'Needed by the CSE team.',
    };
    const bad: Array<[Record<string, unknown>, string | null]> = [
      [{ legalBasis: '' }, 'legalBasis'],
      [{ recipients: [] }, 'recipients'],
      [{ recipients: [{ kind: 'TEAM', id: randomUUID() }] }, 'recipients'],
      [{ contributionIds: [w.contributions['council']] }, 'contributionIds'],
      [{ recipients: [{ kind: 'GROUP', id: w.teams['south'] }] }, null],
      [{ periodDays: 366 }, null],
      [{ extra: 'field' }, null],
    ];
    for (const [overrides, field] of bad) {
      const response = await callApi(
        w.t,
        token,
        'POST',
        `/api/v1/mash/episodes/${w.episodeId}/sharing-decisions`,
        {
          ...body,
          ...overrides,
        },
      );
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      if (field) expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count('sharing_decision')).toBe(0);
  });
});

describe('a decision not to share', () => {
  it('is recorded with its recipients but grants nothing', async () => {
    const response = await postOnEpisode(
      'manager',
      sharingPath(),
      shareFields({ decision: 'NOT_SHARE', channel: '', necessityProportionality: 'Not necessary now.' }),
    );
    expect(response.statusCode, response.body).toBe(303);
    expect(await count('sharing_decision')).toBe(1);
    expect(await count('sharing_grant')).toBe(0);
    expect((await events('SHARING_DECISION')).at(-1)!.recipients).toBeNull();
    expect((await w.clients['cse']!.get('/shared')).body).toContain('Nothing is shared with you');
    expect(await searchFinds('cse')).toBe(false);
  });
});

describe('the end of a grant', () => {
  it('after its period the recipient is refused and finds nothing', async () => {
    const response = await postOnEpisode('manager', sharingPath(), shareFields({ periodDays: '7' }));
    expect(response.statusCode).toBe(303);
    const grantId = (await grantIdsOf()).at(-1)!;
    expect((await w.clients['cse']!.get(`/shared/${grantId}`)).statusCode).toBe(200);
    expect(await searchFinds('cse')).toBe(true);
    await w.t.superuserQuery(
      `UPDATE sharing_grant SET starts_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE id = $1`,
      [grantId],
    );
    await expectDeniedNext('cse', grantId);
    expect(await searchFinds('cse')).toBe(false);
    expect((await w.clients['cse']!.get('/shared')).body).toContain('Nothing is shared with you');
    const hub = await w.clients['manager']!.get(`/mash/episodes/${w.episodeId}`);
    expect(hub.body).toContain('Expired');
    expect(hub.body).not.toContain(`/mash/sharing-grants/${grantId}/revoke`);
  });

  it('to an agency, reaches every member of it whatever their team, until revoked', async () => {
    const response = await postOnEpisode(
      'manager',
      sharingPath(),
      shareFields({ 'recipient-0': `AGENCY:${w.agencies['police']}` }),
    );
    expect(response.statusCode).toBe(303);
    const grantId = (await grantIdsOf()).at(-1)!;
    for (const who of ['cse', 'west'])
      expect((await w.clients[who]!.get(`/shared/${grantId}`)).body, who).toContain('HEALTH-SHARED');
    const principal = await principalOf(w.t.db, w.users['west']!);
    const work = await asUser('west', (tx) => sharingWorkItems(tx, principal, new Date()));
    expect(work.map((i) => i.owner)).toEqual(['AGENCY']);
    // Not to the health practitioner, of another agency.
    expect((await w.clients['health']!.get(`/shared/${grantId}`)).statusCode).toBe(404);
    const revokePage = `/mash/sharing-grants/${grantId}/revoke`;
    const ended = await postFrom('manager', revokePage, revokePage, {
      reason: 'Shared with too wide a group.',
    });
    expect(ended.statusCode).toBe(303);
    await expectDeniedNext('west', grantId);
  });

  it('revoked by the hub with a reason, the next request is refused (404, audited)', async () => {
    const response = await postOnEpisode(
      'manager',
      sharingPath(),
      shareFields({ 'recipient-0': `USER:${w.users['cse']!.id}` }),
    );
    expect(response.statusCode).toBe(303);
    const grantId = (await grantIdsOf()).at(-1)!;
    expect((await w.clients['cse']!.get(`/shared/${grantId}`)).body).toContain('HEALTH-SHARED');
    const principal = await principalOf(w.t.db, w.users['cse']!);
    const work = await asUser('cse', (tx) => sharingWorkItems(tx, principal, new Date()));
    expect(work.map((i) => [i.owner, i.href])).toEqual([['YOU', `/shared/${grantId}`]]);
    // Only the named user: a colleague in the same team is no recipient.
    expect((await w.clients['cse2']!.get(`/shared/${grantId}`)).statusCode).toBe(404);
    // The recipient cannot end it; the hub needs a reason.
    expect((await w.clients['cse']!.get(`/mash/sharing-grants/${grantId}/revoke`)).statusCode).toBe(403);
    const revokePage = `/mash/sharing-grants/${grantId}/revoke`;
    const form = await w.clients['manager']!.get(revokePage);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Why are you ending access?');
    const short = await w.clients['manager']!.post(revokePage, { reason: 'no' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('href="#reason"');
    expect(
      (await w.t.superuserQuery('SELECT revoked_at FROM sharing_grant WHERE id = $1', [grantId])).rows[0]
        .revoked_at,
    ).toBeNull();
    expect((await w.clients['cse']!.get(`/shared/${grantId}`)).statusCode).toBe(200);

    const ended = await postFrom('manager', revokePage, revokePage, {
      reason: 'The CSE team has closed its enquiry.',
    });
    expect(ended.statusCode).toBe(303);
    expect(ended.headers['location']).toBe(`/mash/episodes/${w.episodeId}?notice=access-ended`);
    await expectDeniedNext('cse', grantId);
    const revokes = await events('SHARING_GRANT_REVOKE');
    // The refused attempt is audited as a failure; the revocation itself once, with its reason.
    expect(revokes.map((e) => e.outcome)).toEqual(['SUCCESS', 'FAILURE', 'SUCCESS']);
    expect(revokes[2]).toMatchObject({ subject_type: 'sharing_grant', subject_id: grantId });
    const hub = await w.clients['manager']!.get(`/mash/episodes/${w.episodeId}?notice=access-ended`);
    expect(hub.body).toContain('Access ended');
    expect(hub.body).toContain('The CSE team has closed its enquiry.');
    // Ending it twice is refused, and changes nothing.
    const again = await postFrom('manager', revokePage, revokePage, {
      reason: 'Ending it once more, by mistake.',
    });
    expect(again.statusCode).toBe(409);
    expect((await events('SHARING_GRANT_REVOKE')).filter((e) => e.outcome === 'SUCCESS')).toHaveLength(2);
  });
});
