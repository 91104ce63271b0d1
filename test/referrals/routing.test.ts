/**
 * Routing and the clock (issue 13 items 1 and 3, decision 0014): a referral goes to the hub of the child's
 * home area, found from the postcode district, and records that district's police division; with no known
 * postcode it goes to the referrer's area, flagged for the hub to confirm. The clock starts when Lantern
 * receives the referral; the referrer's "concern noticed" time and a partner system's receipt time are kept
 * apart. The police may correct the division, with a reason, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markBreaches } from '../../src/mash/service.ts';
import { callApi, issueTestToken } from '../support/api.ts';
import { ago, DAY, HOUR, personDetails, referVictim, victimReferral } from '../support/factories/index.ts';
import { type RoutingPartnership, referChild, routingPartnership } from '../support/routing-partnership.ts';

let p: RoutingPartnership;

beforeAll(async () => {
  p = await routingPartnership();
});
afterAll(async () => p.t.close());

const events = async (action: string, subjectId: string) =>
  (
    await p.t.superuserQuery(
      'SELECT outcome, details FROM audit_event WHERE action = $1 AND subject_id = $2 ORDER BY seq',
      [action, subjectId],
    )
  ).rows;

describe('routing by the child’s home postcode', () => {
  it('sends a Blackburn school’s referral of a Preston child to the Lancashire hub, South division', async () => {
    const referral = await referChild(p, 'pr1 2ab', { forename: 'Amelia', surname: 'Prestwood' });
    expect(referral.row).toMatchObject({
      area: 'LANCASHIRE',
      episode_area: 'LANCASHIRE',
      division: 'SOUTH',
      hub_to_confirm: false,
      person_areas: ['LANCASHIRE'],
    });
    // The Lancashire hub's practitioner has her in the queue and finds her by name.
    const lancs = await p.client('lancsPractitioner');
    expect((await lancs.get('/mash')).body).toContain(referral.reference);
    const found = await lancs.post('/search', { name: 'Amelia Prestwood' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`href="/people/${referral.personId}"`);
    // The referrer's own hub does not.
    const bwd = await p.client('bwdPractitioner');
    expect((await bwd.get('/mash')).body).not.toContain(referral.reference);
    expect((await bwd.get(`/mash/episodes/${referral.row.episode_id}`)).statusCode).toBe(404);
  });

  it('with no postcode, sends it to the referrer’s area and flags it for the hub to confirm', async () => {
    const referral = await referChild(p, null);
    expect(referral.row).toMatchObject({
      area: 'BLACKBURN_WITH_DARWEN',
      division: null,
      hub_to_confirm: true,
    });
    // A postcode outside the partnership's districts is no better.
    const outside = await referChild(p, 'M1 1AE');
    expect(outside.row).toMatchObject({ area: 'BLACKBURN_WITH_DARWEN', hub_to_confirm: true });

    const bwd = await p.client('bwdPractitioner');
    const queue = await bwd.get('/mash');
    expect(queue.body).toContain(referral.reference);
    expect(queue.body).toContain('Hub to confirm');
    const page = await bwd.get(`/mash/episodes/${referral.row.episode_id}`);
    expect(page.body).toContain('id="hub-to-confirm"');
    expect(page.body).toContain('Held by the Blackburn with Darwen hub');
    expect(page.body).toContain('Confirm this hub');

    // Another hub cannot confirm it (it cannot even see it).
    const lancs = await p.client('lancsPractitioner');
    await lancs.get('/mash');
    const refused = await lancs.post(`/mash/episodes/${referral.row.episode_id}/confirm-hub`);
    expect(refused.statusCode).toBe(404);

    const confirmed = await bwd.post(`/mash/episodes/${referral.row.episode_id}/confirm-hub`);
    expect(confirmed.statusCode).toBe(303);
    const { rows } = await p.t.superuserQuery('SELECT hub_to_confirm FROM mash_episode WHERE id = $1', [
      referral.row.episode_id,
    ]);
    expect(rows[0].hub_to_confirm).toBe(false);
    expect(await events('MASH_HUB_CONFIRM', referral.row.episode_id)).toMatchObject([
      { outcome: 'SUCCESS', details: { area: 'BLACKBURN_WITH_DARWEN', wasFlagged: true } },
    ]);
    // One flag fewer in the queue (the other referral without a postcode still waits).
    const flags = (body: string) => body.split('Hub to confirm').length - 1;
    expect(flags(queue.body)).toBe(2);
    expect(flags((await bwd.get('/mash')).body)).toBe(1);
  });

  it('routes a child already known, named without new details, by the home postcode the registry holds', async () => {
    const first = await referChild(p, 'PR1 3XY', { forename: 'Nadia', surname: 'Knownhome' });
    const again = await referVictim(
      p.t.db,
      p.users.police,
      victimReferral.build({ child: { personId: first.personId } }),
    );
    const { rows } = await p.t.superuserQuery(
      `SELECT r.area, r.division, e.hub_to_confirm FROM victim_referral r JOIN mash_episode e ON e.referral_id = r.id
        WHERE r.id = $1`,
      [again.id],
    );
    expect(rows[0]).toEqual({ area: 'LANCASHIRE', division: 'SOUTH', hub_to_confirm: false });
  });

  it('no longer asks the referrer to choose a hub from a list of codes', async () => {
    const school = await p.client('referrer');
    await school.get('/referrals/new');
    const start = await school.post('/referrals/new');
    const referrerStep = await school.get(`${start.headers.location!.replace(/\/[a-z]+$/, '')}/referrer`);
    expect(referrerStep.statusCode).toBe(200);
    expect(referrerStep.body).not.toContain('name="area"');
    expect(referrerStep.body).toContain('When was the concern noticed?');
  });
});

describe('the clock', () => {
  it('starts when Lantern receives the referral, not when the concern was noticed', async () => {
    const before = Date.now();
    const referral = await referChild(p, 'PR2 1AA', { concernNoticedAt: ago(7 * DAY) });
    const received = (referral.row.received_at as Date).getTime();
    expect(received).toBeGreaterThanOrEqual(before - 1000);
    expect(received).toBeLessThanOrEqual(Date.now());
    expect((referral.row.episode_received_at as Date).getTime()).toBe(received);
    expect(received - (referral.row.concern_noticed_at as Date).getTime()).toBeGreaterThan(7 * DAY - HOUR);

    // A back-dated concern does not breach on arrival: Red at triage, then the breach job runs.
    const manager = await p.client('lancsManager');
    await manager.get(`/mash/episodes/${referral.row.episode_id}`);
    const rag = await manager.post(`/mash/episodes/${referral.row.episode_id}/rag`, {
      rag: 'RED',
      rationale: 'Seen with older men; at risk tonight.',
      expectedCurrent: '',
    });
    expect(rag.statusCode).toBe(303);
    await markBreaches(p.t.db);
    const { rows } = await p.t.superuserQuery('SELECT breached_at FROM mash_episode WHERE id = $1', [
      referral.row.episode_id,
    ]);
    expect(rows[0].breached_at).toBeNull();

    // The referral page shows both times, each for what it is.
    const page = await manager.get(`/referrals/${referral.id}`);
    expect(page.body).toContain('Concern noticed');
    expect(page.body).toContain('Received');
  });

  it('records a partner system’s own receipt time apart, never moving the clock', async () => {
    const secret = await issueTestToken(p.t, p.agencies.school, [
      'referral:create',
      'referral:read-own-agency',
    ]);
    const originalReceivedAt = ago(3 * DAY);
    const body = {
      ...victimReferral.build({
        concernNoticedAt: ago(4 * DAY),
        child: {
          details: personDetails.build({ address: { line1: '1 Row', town: 'Chorley', postcode: 'PR7 1AA' } }),
        },
      }),
      originalReceivedAt,
    };
    const before = Date.now();
    const created = await callApi(p.t, secret, 'POST', '/api/v1/referrals', body);
    expect(created.statusCode, created.body).toBe(201);
    const view = (await callApi(p.t, secret, 'GET', `/api/v1/referrals/${created.json().id}`)).json();
    expect(new Date(view.receivedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(view.originalReceivedAt).toBe(originalReceivedAt);
    expect(view.concernNoticedAt).toBe(body.concernNoticedAt);
    expect(view.area).toBe('LANCASHIRE');
    expect(view.division).toBe('SOUTH');

    // The old field and the referrer's choice of hub are gone from the API; a future receipt is refused.
    const old = await callApi(p.t, secret, 'POST', '/api/v1/referrals', { ...body, area: 'BLACKPOOL' });
    expect(old.statusCode).toBe(400);
    const future = await callApi(p.t, secret, 'POST', '/api/v1/referrals', {
      ...body,
      originalReceivedAt: new Date(Date.now() + DAY).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().details).toEqual([expect.objectContaining({ field: 'originalReceivedAt' })]);
  });
});

describe('the police division', () => {
  it('lets a police user correct it with a reason, audited; bad input saves nothing', async () => {
    const referral = await referChild(p, 'PR25 1AA');
    expect(referral.row.division).toBe('SOUTH');
    const police = await p.client('police');
    const page = await police.get(`/referrals/${referral.id}`);
    expect(page.body).toContain('South division');
    expect(page.body).toContain(`href="/referrals/${referral.id}/division"`);
    expect((await police.get(`/referrals/${referral.id}/division`)).statusCode).toBe(200);

    for (const [fields, field] of [
      [{ division: 'EAST', reason: '' }, 'reason'],
      [{ division: 'NORTH_POLE', reason: 'Lives on the border' }, 'division'],
      [{ division: 'SOUTH', reason: 'No change' }, 'division'],
    ] as const) {
      const bad = await police.post(`/referrals/${referral.id}/division`, fields);
      expect(bad.statusCode, JSON.stringify(fields)).toBe(400);
      expect(bad.body).toContain(`href="#${field}"`);
    }
    const unchanged = await p.t.superuserQuery('SELECT division FROM victim_referral WHERE id = $1', [
      referral.id,
    ]);
    expect(unchanged.rows[0].division).toBe('SOUTH');

    const saved = await police.post(`/referrals/${referral.id}/division`, {
      division: 'EAST',
      reason: 'The family live at the Leyland border; East division is working the case',
    });
    expect(saved.statusCode).toBe(303);
    const { rows } = await p.t.superuserQuery(
      'SELECT division, division_override_reason, division_overridden_at FROM victim_referral WHERE id = $1',
      [referral.id],
    );
    expect(rows[0]).toMatchObject({
      division: 'EAST',
      division_override_reason: expect.stringContaining('Leyland'),
    });
    expect(rows[0].division_overridden_at).not.toBeNull();
    const audited = await events('REFERRAL_DIVISION_CHANGE', referral.id);
    expect(audited.at(-1)).toMatchObject({ outcome: 'SUCCESS', details: { from: 'SOUTH', to: 'EAST' } });
    expect((await police.get(`/referrals/${referral.id}`)).body).toContain('East division');
  });

  it('refuses anyone but the police', async () => {
    const referral = await referChild(p, 'PR4 1AA');
    const lancs = await p.client('lancsPractitioner');
    const page = await lancs.get(`/referrals/${referral.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/referrals/${referral.id}/division"`);
    expect((await lancs.get(`/referrals/${referral.id}/division`)).statusCode).toBe(403);
    const refused = await lancs.post(`/referrals/${referral.id}/division`, {
      division: 'EAST',
      reason: 'Because',
    });
    expect(refused.statusCode).toBe(403);
    const { rows } = await p.t.superuserQuery('SELECT division FROM victim_referral WHERE id = $1', [
      referral.id,
    ]);
    expect(rows[0].division).toBe('SOUTH');
    const denials = await p.t.superuserQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND details->>'route' LIKE '%/division'`,
    );
    expect(denials.rows[0].n).toBeGreaterThanOrEqual(2);
  });
});
