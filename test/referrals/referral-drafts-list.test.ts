/**
 * The referrer's unfinished referrals: the start page lists their own drafts (the child's name once given)
 * with Resume (to the first unanswered step) and Discard, which asks for confirmation and is audited; another
 * user's draft is an audited denial, and nobody else sees the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditedBy,
  CHILD,
  count,
  createPagesFixture,
  type PagesFixture,
  startDraft,
} from './referral-pages-support.ts';

let f: PagesFixture;

beforeAll(async () => {
  f = await createPagesFixture();
});
afterAll(async () => {
  await f?.t.close();
});

describe('unfinished referrals', () => {
  it('lists none at first, then each draft with Resume at the first unanswered step', async () => {
    const empty = await f.school.get('/referrals/new');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).not.toContain('Your unfinished referrals');

    const unnamed = await startDraft(f.school);
    const named = await startDraft(f.school);
    expect((await f.school.post(`/referrals/drafts/${named}/child`, CHILD)).statusCode).toBe(303);

    const { result: page, events } = await auditedBy(() => f.school.get('/referrals/new'));
    expect(page.body).toContain('Your unfinished referrals');
    expect(page.body).toContain('Child not yet named');
    expect(page.body).toContain('Jessica Smith');
    expect(page.body).toContain(`href="/referrals/drafts/${unnamed}/child"`);
    expect(page.body).toContain(`href="/referrals/drafts/${named}/referrer"`);
    expect(page.body).toContain(`href="/referrals/drafts/${named}/discard"`);
    expect(events).toEqual([
      expect.objectContaining({ action: 'REFERRAL_DRAFT_LIST', details: { drafts: 2 } }),
    ]);

    // Someone else's start page lists none of them.
    const other = await f.hub.get('/referrals/new');
    expect(other.body).not.toContain('Jessica Smith');
  });

  it('discards a draft after confirmation, audited; another user’s draft is denied', async () => {
    const page = await f.school.get('/referrals/new');
    const id = /href="\/referrals\/drafts\/([0-9a-f-]{36})\/discard"/.exec(page.body)![1]!;
    const confirm = await f.school.get(`/referrals/drafts/${id}/discard`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Discard this unfinished referral?');
    expect(confirm.body).toContain('Discard referral');

    const denied = await f.hub.get(`/referrals/drafts/${id}/discard`);
    expect(denied.statusCode).toBe(404);
    await f.hub.get('/referrals/new');
    const { result: refused, events: deniedEvents } = await auditedBy(() =>
      f.hub.post(`/referrals/drafts/${id}/discard`),
    );
    expect(refused.statusCode).toBe(404);
    expect(deniedEvents.map((e) => e.action)).toContain('ACCESS_DENIED');
    const before = await count('referral_draft');

    await f.school.get(`/referrals/drafts/${id}/discard`);
    const { result: done, events } = await auditedBy(() => f.school.post(`/referrals/drafts/${id}/discard`));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/referrals/new?discarded=1');
    expect(events).toEqual([
      expect.objectContaining({ action: 'REFERRAL_DRAFT_DISCARD', subject_id: id, outcome: 'SUCCESS' }),
    ]);
    expect(await count('referral_draft')).toBe(before - 1);
    const after = await f.school.get('/referrals/new?discarded=1');
    expect(after.body).toContain('Unfinished referral discarded');
    expect(after.body).not.toContain(`/referrals/drafts/${id}/`);
  });
});
