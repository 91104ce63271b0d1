/**
 * Finding things in the MASH: the queue filters by RAG, stage, allocated person (unallocated, me), breached
 * and area, sorts by deadline or receipt, and pages 100 at a time with GOV.UK pagination (the store pages in
 * SQL); the search by reference goes straight to an episode of the caller's hubs and says so otherwise; the
 * decided list shows the decision date and outcome; a strategy discussion deciding on a section 47 enquiry
 * makes the initial child protection conference due 15 working days later, and its date is recorded.
 */
import { describe, expect, it } from 'vitest';
import { initialChildProtectionConferenceDueDate } from '../../src/mash/statutory-timescales.ts';
import { ukDate } from '../../src/platform/time/display.ts';
import { createAgencyWithTeam, createTestUser, signIn } from '../support/app.ts';
import { users as newUser, referVictim, s47Decision } from '../support/factories/index.ts';
import {
  agencies,
  clients,
  dateFields,
  episodeId,
  events,
  post,
  refer,
  t,
  useMashPages,
  users,
} from './mash-pages-fixture.ts';

useMashPages();

const rowsOf = (body: string) =>
  (body.match(/<a class="govuk-link" href="\/mash\/episodes\/[0-9a-f-]{36}">/g) ?? []).length;

const firstRow = (body: string) => /href="\/mash\/episodes\/([0-9a-f-]{36})"/.exec(body)?.[1];

describe('the MASH queue and finding things', () => {
  it('pages more than 100 open referrals, 100 at a time, soonest deadline first', async () => {
    for (let i = 0; i < 101; i++) await refer();
    const first = await clients['manager']!.get('/mash');
    expect(first.statusCode).toBe(200);
    expect(rowsOf(first.body)).toBe(100);
    expect(first.body).toContain('Open referrals (102)');
    expect(first.body).toContain('Showing 1 to 100 of 102');
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain('href="/mash?page=2"');
    const second = await clients['manager']!.get('/mash?page=2');
    expect(rowsOf(second.body)).toBe(2);
    expect(second.body).toContain('Showing 101 to 102 of 102');
    const { rows } = await t.superuserQuery(
      "SELECT details FROM audit_event WHERE action = 'MASH_QUEUE_VIEW' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0].details).toMatchObject({ shown: 2, total: 102, page: 2 });
    // The newest referral with the soonest deadline comes first by deadline, last by receipt.
    const { rows: newest } = await t.superuserQuery(
      'SELECT id FROM mash_episode ORDER BY received_at DESC, id DESC LIMIT 1',
    );
    await t.superuserQuery(
      "UPDATE mash_episode SET rag_deadline = now() + interval '10 minutes' WHERE id = $1",
      [newest[0].id],
    );
    expect(firstRow((await clients['manager']!.get('/mash')).body)).toBe(newest[0].id);
    expect(firstRow((await clients['manager']!.get('/mash?sort=received')).body)).toBe(episodeId);
    const lastPage = await clients['manager']!.get('/mash?sort=received&page=2');
    expect(lastPage.body).toContain(`/mash/episodes/${newest[0].id}`);
  });

  it('filters by RAG, stage, allocation (unallocated and me), breached, and ignores unknown codes', async () => {
    const triaged = await post('manager', `/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'Child missing tonight with an older adult',
      expectedCurrent: '',
    });
    expect(triaged.statusCode).toBe(303);
    const red = await clients['manager']!.get('/mash?rag=RED');
    expect(rowsOf(red.body)).toBe(1);
    expect(red.body).toContain(`/mash/episodes/${episodeId}`);
    expect(red.body).toMatch(/<option value="RED" selected>Red<\/option>/);
    expect(rowsOf((await clients['manager']!.get('/mash?rag=NONE')).body)).toBe(100);
    expect(rowsOf((await clients['manager']!.get('/mash?stage=RESEARCH')).body)).toBe(1);
    expect(rowsOf((await clients['manager']!.get('/mash?rag=PURPLE&stage=x')).body)).toBe(100);

    const police = users['police']!.id;
    expect(
      (await post('manager', `/mash/episodes/${episodeId}/allocation`, { allocatedTo: police })).statusCode,
    ).toBe(303);
    const mine = await clients['police']!.get('/mash?allocated=me');
    expect(rowsOf(mine.body)).toBe(1);
    expect(mine.body).toContain(`/mash/episodes/${episodeId}`);
    expect(rowsOf((await clients['manager']!.get('/mash?allocated=me')).body)).toBe(0);
    expect(rowsOf((await clients['manager']!.get(`/mash?allocated=${police}`)).body)).toBe(1);
    expect((await clients['manager']!.get('/mash?allocated=unallocated')).body).toContain(
      'Open referrals (101)',
    );

    expect(rowsOf((await clients['manager']!.get('/mash?breached=yes')).body)).toBe(0);
    await t.superuserQuery("UPDATE mash_episode SET rag_deadline = now() - interval '1 hour' WHERE id = $1", [
      episodeId,
    ]);
    const breached = await clients['manager']!.get('/mash?breached=yes');
    expect(rowsOf(breached.body)).toBe(1);
    expect(breached.body).toContain(`/mash/episodes/${episodeId}`);
  });

  it('filters by area for someone in several hubs, and keeps each hub’s referrals to its own', async () => {
    const blackburn = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKBURN' });
    const referrer = await newUser.referrer(t, { area: 'BLACKBURN' });
    const { teamId: blackpoolTeam } = await createAgencyWithTeam(t, {
      type: 'CHILDRENS_SOCIAL_CARE',
      area: 'BLACKPOOL',
    });
    const both = await createTestUser(t, ['MASH_MANAGER'], {
      agencyId: blackburn.agencyId,
      teamIds: [blackburn.teamId, blackpoolTeam],
    });
    await referVictim(t.db, referrer);
    const client = await signIn(t, both);
    const all = await client.get('/mash');
    expect(all.body).toContain('Open referrals (103)');
    expect(all.body).toContain('<option value="BLACKBURN">Blackburn</option>');
    expect((await client.get('/mash?area=BLACKBURN')).body).toContain('Open referrals (1)');
    // Someone of one hub gets no area filter, and an area not theirs is ignored.
    const one = await clients['manager']!.get('/mash?area=BLACKBURN');
    expect(one.body).not.toContain('id="filter-area"');
    expect(one.body).toContain('Open referrals (102)');
  });

  it('finds a referral by its exact reference in the caller’s hubs, and says so otherwise', async () => {
    const { rows } = await t.superuserQuery(
      'SELECT r.reference, e.area FROM mash_episode e JOIN victim_referral r ON r.id = e.referral_id WHERE e.id = $1',
      [episodeId],
    );
    await clients['police']!.get('/mash');
    const found = await clients['police']!.post('/mash/search', {
      reference: rows[0].reference.toLowerCase(),
    });
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/mash/episodes/${episodeId}`);
    const missing = await clients['police']!.post('/mash/search', { reference: 'VR-1999-000001' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('No referral with that reference in your hubs');
    expect(missing.body).toContain('value="VR-1999-000001"');
    const { rows: other } = await t.superuserQuery(
      "SELECT r.reference FROM mash_episode e JOIN victim_referral r ON r.id = e.referral_id WHERE e.area = 'BLACKBURN'",
    );
    const elsewhere = await clients['police']!.post('/mash/search', { reference: other[0].reference });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain('No referral with that reference in your hubs');
    expect((await events('MASH_REFERENCE_SEARCH')).map((e) => e.details['found'])).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('records a section 47 discussion, shows the conference due 15 working days later, and its date held', async () => {
    const held = new Date();
    const ok = await post('manager', `/mash/episodes/${episodeId}/strategy-discussions`, {
      ...dateFields('heldAt', held),
      heldAtTime: '00:01',
      'attendee-0-name': 'DS Example',
      'attendee-0-agency': agencies['police']!,
      'attendee-1-name': 'Sam Example',
      'attendee-1-agency': agencies['council']!,
      decisions: 'Section 47 enquiry to start.',
      section47: 'yes',
    });
    expect(ok.statusCode).toBe(303);
    const { rows } = await t.superuserQuery('SELECT held_at, section_47 FROM strategy_discussion');
    expect(rows[0].section_47).toBe(true);
    const due = ukDate(initialChildProtectionConferenceDueDate(new Date(rows[0].held_at)));
    const page = await clients['police']!.get(`/mash/episodes/${episodeId}`);
    expect(page.body).toContain(`Initial child protection conference due ${due}`);
    expect(page.body).toContain('id="icpc-form"');

    const future = await post('police', `/mash/episodes/${episodeId}/icpc`, {
      'heldOn-day': '1',
      'heldOn-month': '1',
      'heldOn-year': '2999',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('href="#icpc-heldOn-day"');
    const recorded = await post('police', `/mash/episodes/${episodeId}/icpc`, dateFields('heldOn', held));
    expect(recorded.statusCode).toBe(303);
    const after = await clients['police']!.get(`/mash/episodes/${episodeId}`);
    expect(after.body).toContain(`Conference held on ${ukDate(held.toISOString().slice(0, 10))}`);
    expect((await events('MASH_ICPC_RECORDED')).map((e) => e.outcome)).toEqual(['FAILURE', 'SUCCESS']);
  });

  it('lists decided referrals with the decision date and outcome', async () => {
    const decided = await post('manager', `/mash/episodes/${episodeId}/decision`, s47Decision());
    expect(decided.statusCode).toBe(303);
    const open = await clients['manager']!.get('/mash');
    expect(open.body).not.toContain(`/mash/episodes/${episodeId}"`);
    const list = await clients['manager']!.get('/mash?status=decided');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Decided referrals (1)');
    expect(list.body).toContain(`/mash/episodes/${episodeId}`);
    expect(list.body).toContain('Section 47 enquiry');
    expect(list.body).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d{2})?[ap]m|midnight|midday)/);
  });
});
