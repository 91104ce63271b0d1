/**
 * Transferring an episode between hubs (issue 13 item 1, decision 0014): a member of the holding hub
 * transfers it with a reason; bad input is a field error and nothing is saved; the transfer is audited and
 * kept in a history; the receiving hub sees it in its queue at once (episode, referral, its MASH records and
 * the child's areas follow) and the sending hub no longer does. Only the holding hub's members may do it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, issueTestToken } from '../support/api.ts';
import { type RoutingPartnership, referChild, routingPartnership } from '../support/routing-partnership.ts';

let p: RoutingPartnership;
let referral: Awaited<ReturnType<typeof referChild>>;
let episodeId: string;

beforeAll(async () => {
  p = await routingPartnership();
  // No postcode: it goes to the school's own hub, Blackburn with Darwen, flagged to confirm.
  referral = await referChild(p, null, { forename: 'Tess', surname: 'Transferwell' });
  episodeId = referral.row.episode_id;
});
afterAll(async () => p.t.close());

const where = async () =>
  (
    await p.t.superuserQuery(
      `SELECT e.area AS episode_area, e.hub_to_confirm, r.area AS referral_area, p.areas AS person_areas,
              (SELECT array_agg(DISTINCT area) FROM rag_change WHERE episode_id = e.id) AS rag_areas,
              (SELECT count(*)::int FROM episode_transfer WHERE episode_id = e.id) AS transfers
         FROM mash_episode e JOIN victim_referral r ON r.id = e.referral_id JOIN person p ON p.id = e.person_id
        WHERE e.id = $1`,
      [episodeId],
    )
  ).rows[0];

describe('transferring an episode to another hub', () => {
  it('offers the holding hub the transfer, and no one else', async () => {
    const bwd = await p.client('bwdPractitioner');
    const episode = await bwd.get(`/mash/episodes/${episodeId}`);
    expect(episode.body).toContain(`href="/mash/episodes/${episodeId}/transfer"`);
    // The hub finds it in My work: a referral whose hub is to be confirmed.
    const work = await bwd.get('/my-work');
    expect(work.body).toContain(referral.reference);
    expect(work.body).toContain('Confirm this hub, or transfer the referral');
    const form = await bwd.get(`/mash/episodes/${episodeId}/transfer`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<option value="LANCASHIRE">Lancashire</option>');
    expect(form.body).not.toContain('<option value="BLACKBURN_WITH_DARWEN"');

    // Another hub cannot see it; the police officer (no MASH triage) may not use the route; nor may the school.
    expect(
      (await (await p.client('lancsPractitioner')).get(`/mash/episodes/${episodeId}/transfer`)).statusCode,
    ).toBe(404);
    expect((await (await p.client('police')).get(`/mash/episodes/${episodeId}/transfer`)).statusCode).toBe(
      403,
    );
    expect((await (await p.client('referrer')).get(`/mash/episodes/${episodeId}/transfer`)).statusCode).toBe(
      403,
    );
  });

  it('refuses an unknown hub, the same hub and a missing reason, saving nothing', async () => {
    const bwd = await p.client('bwdPractitioner');
    await bwd.get(`/mash/episodes/${episodeId}/transfer`);
    for (const [fields, field, message] of [
      [{ toArea: 'ATLANTIS', reason: 'Moved' }, 'toArea', 'Select a hub from the list'],
      [{ toArea: 'BLACKBURN_WITH_DARWEN', reason: 'Moved' }, 'toArea', 'Select a different hub'],
      [{ toArea: 'LANCASHIRE', reason: '  ' }, 'reason', 'Enter why the referral is being transferred'],
      [{ toArea: '', reason: 'Moved' }, 'toArea', 'Select the hub to transfer the referral to'],
    ] as const) {
      const bad = await bwd.post(`/mash/episodes/${episodeId}/transfer`, fields);
      expect(bad.statusCode, JSON.stringify(fields)).toBe(400);
      expect(bad.body).toContain(`href="#${field}"`);
      expect(bad.body).toContain(message);
    }
    expect(await where()).toMatchObject({ episode_area: 'BLACKBURN_WITH_DARWEN', transfers: 0 });
  });

  it('moves it, with its history, to the receiving hub at once; audited', async () => {
    // The sending hub has triaged it first: its RAG history must travel with it.
    const manager = await p.client('bwdManager');
    await manager.get(`/mash/episodes/${episodeId}`);
    const rag = await manager.post(`/mash/episodes/${episodeId}/rag`, {
      rag: 'AMBER',
      rationale: 'Older associates; needs research today.',
      expectedCurrent: '',
    });
    expect(rag.statusCode).toBe(303);
    // Allocated to the sending hub's practitioner, who has proposed a decision awaiting approval.
    const allocated = await manager.post(`/mash/episodes/${episodeId}/allocation`, {
      allocatedTo: p.users.bwdPractitioner.id,
    });
    expect(allocated.statusCode).toBe(303);
    await p.t.superuserQuery(
      `INSERT INTO decision_proposal (episode_id, area, input, proposed_by_label, proposed_at)
       VALUES ($1, 'BLACKBURN_WITH_DARWEN', '{}', 'A practitioner', now())`,
      [episodeId],
    );

    const bwd = await p.client('bwdPractitioner');
    await bwd.get(`/mash/episodes/${episodeId}/transfer`);
    const moved = await bwd.post(`/mash/episodes/${episodeId}/transfer`, {
      toArea: 'LANCASHIRE',
      reason: 'The family moved to Preston last month (school confirmed by phone)',
    });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe('/mash');
    expect(await where()).toMatchObject({
      episode_area: 'LANCASHIRE',
      referral_area: 'LANCASHIRE',
      person_areas: ['LANCASHIRE'],
      rag_areas: ['LANCASHIRE'],
      hub_to_confirm: false,
      transfers: 1,
    });
    // The proposal travels with it; the allocation was the sending hub's and is gone.
    const { rows: moved2 } = await p.t.superuserQuery(
      `SELECT e.allocated_to, e.allocated_label, (SELECT array_agg(area) FROM decision_proposal WHERE episode_id = e.id)
              AS proposal_areas FROM mash_episode e WHERE e.id = $1`,
      [episodeId],
    );
    expect(moved2[0]).toEqual({ allocated_to: null, allocated_label: null, proposal_areas: ['LANCASHIRE'] });
    const { rows: audit } = await p.t.superuserQuery(
      `SELECT outcome, details FROM audit_event WHERE action = 'MASH_EPISODE_TRANSFER' AND subject_id = $1
        ORDER BY seq`,
      [episodeId],
    );
    // The four refused attempts were audited as failures, then the transfer.
    expect(audit.map((a) => a.outcome)).toEqual(['FAILURE', 'FAILURE', 'FAILURE', 'FAILURE', 'SUCCESS']);
    expect(audit.slice(-1)).toMatchObject([
      {
        outcome: 'SUCCESS',
        details: {
          from: 'BLACKBURN_WITH_DARWEN',
          to: 'LANCASHIRE',
          reason: expect.stringContaining('Preston'),
        },
      },
    ]);

    // The receiving hub has it in its queue, with its RAG, and can open the child's record.
    const lancs = await p.client('lancsPractitioner');
    expect((await lancs.get('/mash')).body).toContain(referral.reference);
    const page = await lancs.get(`/mash/episodes/${episodeId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Held by the Lancashire hub');
    expect(page.body).toContain('Older associates; needs research today.');
    expect((await lancs.get(`/people/${referral.personId}`)).statusCode).toBe(200);
    // Its My work says the referral arrived from another hub and waits to be allocated.
    expect((await lancs.get('/my-work')).body).toContain(
      'Transferred from Blackburn with Darwen: allocate it',
    );
    const history = await lancs.get(`/mash/episodes/${episodeId}/transfer`);
    expect(history.body).toContain('from Blackburn with Darwen to Lancashire');

    // The sending hub no longer does.
    expect((await bwd.get('/mash')).body).not.toContain(referral.reference);
    expect((await bwd.get(`/mash/episodes/${episodeId}`)).statusCode).toBe(404);
  });

  it('transfers through the API too, with the same field errors', async () => {
    const secret = await issueTestToken(p.t, p.agencies.lancashire, ['mash:triage', 'case:read']);
    const url = `/api/v1/mash/episodes/${episodeId}/transfer`;
    const same = await callApi(p.t, secret, 'POST', url, { toArea: 'LANCASHIRE', reason: 'x' });
    expect(same.statusCode).toBe(400);
    expect(same.json().details).toEqual([expect.objectContaining({ field: 'toArea' })]);
    const noReason = await callApi(p.t, secret, 'POST', url, { toArea: 'BLACKPOOL', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect(await where()).toMatchObject({ episode_area: 'LANCASHIRE', transfers: 1 });

    const ok = await callApi(p.t, secret, 'POST', url, {
      toArea: 'BLACKPOOL',
      reason: 'Placed in Blackpool',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ fromArea: 'LANCASHIRE', toArea: 'BLACKPOOL' });
    expect(await where()).toMatchObject({
      episode_area: 'BLACKPOOL',
      person_areas: ['BLACKPOOL'],
      transfers: 2,
    });
    // Lancashire's token has let it go.
    expect(
      (await callApi(p.t, secret, 'POST', url, { toArea: 'LANCASHIRE', reason: 'Back' })).statusCode,
    ).toBe(404);
    const bp = await p.client('bpPractitioner');
    expect((await bp.get('/mash')).body).toContain(referral.reference);
  });
});
