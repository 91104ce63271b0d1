/**
 * Roles that match a MASH (issue #13): a practitioner sets the first RAG but may not change it; a manager
 * changes it, allocates within the hub (someone of another hub is a field error, nothing saved), and
 * approves or returns a practitioner's proposed decision; each page shows only the person's own controls,
 * with a sentence where they cannot act; the work provider lists allocations, proposals and returns.
 */
import { describe, expect, it } from 'vitest';
import { episodeWorkItems } from '../../src/mash/episode-work-service.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { users as newUser, principalOf, s47Decision } from '../support/factories/index.ts';
import { clients, count, episodeId, events, refer, t, useMashPages, users } from './mash-pages-fixture.ts';

useMashPages();

const DECISION = s47Decision();

async function postAs(who: string, id: string, path: string, fields: Record<string, string | string[]>) {
  const client = clients[who]!;
  await client.get(`/mash/episodes/${id}`);
  return client.post(`/mash/episodes/${id}${path}`, fields);
}

async function newEpisode(): Promise<string> {
  await refer();
  const { rows } = await t.superuserQuery('SELECT id FROM mash_episode ORDER BY created_at DESC LIMIT 1');
  return rows[0].id as string;
}

async function workOf(who: string) {
  const principal = await principalOf(t.db, users[who]!);
  return withTransaction(t.db, contextFor(principal, 'test'), (tx) =>
    episodeWorkItems(tx, principal, new Date()),
  );
}

describe('MASH roles', () => {
  it('lets a practitioner set the first RAG but not change it; a manager changes it', async () => {
    const before = await clients['police']!.get(`/mash/episodes/${episodeId}`);
    expect(before.body).toContain('Set the RAG rating to start the clock');
    expect(before.body).toContain('id="rag-form"');
    const first = await postAs('police', episodeId, '/rag', {
      rag: 'AMBER',
      rationale: 'Older adult, no immediate risk tonight',
      expectedCurrent: '',
    });
    expect(first.statusCode).toBe(303);
    const after = await clients['police']!.get(`/mash/episodes/${episodeId}`);
    expect(after.body).not.toContain('id="rag-form"');
    expect(after.body).toContain('A MASH manager changes the RAG rating once it is set.');
    const refused = await clients['police']!.post(`/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'New information from police tonight',
      expectedCurrent: 'AMBER',
    });
    expect(refused.statusCode).toBe(403);
    expect(await count('rag_change')).toBe(1);
    const change = await postAs('manager', episodeId, '/rag', {
      rag: 'RED',
      rationale: 'New information from police tonight',
      expectedCurrent: 'AMBER',
    });
    expect(change.statusCode).toBe(303);
    const { rows } = await t.superuserQuery('SELECT rag FROM mash_episode WHERE id = $1', [episodeId]);
    expect(rows[0].rag).toBe('RED');
  });

  it('allocates to a practitioner of the hub, refuses one of another hub, and lists the caseload', async () => {
    const manager = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    expect(manager.body).toContain('id="allocation-form"');
    const police = await clients['police']!.get(`/mash/episodes/${episodeId}`);
    expect(police.body).not.toContain('id="allocation-form"');
    expect(police.body).toContain('A MASH manager allocates referrals.');
    const policeId = users['police']!.id;
    const { rows: names } = await t.superuserQuery('SELECT display_name FROM app_user WHERE id = $1', [
      policeId,
    ]);
    const policeName = names[0].display_name as string;
    expect(manager.body).toContain(`<option value="${policeId}">${policeName}</option>`);

    const stranger = await newUser.mashPractitioner(t, { area: 'BLACKBURN' });
    const bad = await postAs('manager', episodeId, '/allocation', { allocatedTo: stranger.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#allocation-allocatedTo"');
    expect(bad.body).toContain('Select a practitioner of this hub');
    const { rows: none } = await t.superuserQuery('SELECT allocated_to FROM mash_episode WHERE id = $1', [
      episodeId,
    ]);
    expect(none[0].allocated_to).toBeNull();
    expect(
      await clients['police']!.post(`/mash/episodes/${episodeId}/allocation`, { allocatedTo: policeId }),
    ).toHaveProperty('statusCode', 403);

    const ok = await postAs('manager', episodeId, '/allocation', { allocatedTo: policeId });
    expect(ok.statusCode).toBe(303);
    const page = await clients['police']!.get(`/mash/episodes/${episodeId}`);
    expect(page.body).toContain(`Allocated to ${policeName}`);
    const allocations = await events('MASH_ALLOCATION');
    expect(allocations.map((e) => e.outcome)).toEqual(['FAILURE', 'SUCCESS']);
    expect(allocations[1]!.details).toMatchObject({ to: policeId });

    // Allocated to them; and, as the referral came without the child's postcode, the hub's to confirm.
    const work = await workOf('police');
    expect(work).toEqual([
      expect.objectContaining({
        kind: 'ALLOCATED_EPISODE',
        href: `/mash/episodes/${episodeId}`,
        owner: 'YOU',
      }),
      expect.objectContaining({ kind: 'AREA_TO_CONFIRM', href: `/mash/episodes/${episodeId}`, owner: 'HUB' }),
    ]);
    expect(work[0]!.subject).toContain('Ava Example');

    const caseload = await clients['manager']!.get('/mash/caseload');
    expect(caseload.statusCode).toBe(200);
    expect(caseload.body).toContain(policeName);
    expect(caseload.body).toContain(`/mash?allocated=${policeId}`);
    expect(await events('MASH_CASELOAD_VIEW')).toHaveLength(1);
    expect((await clients['police']!.get('/mash/caseload')).statusCode).toBe(403);
  });

  it('takes a practitioner’s proposal, which a manager returns with a reason the proposer sees', async () => {
    const id = await newEpisode();
    const page = await clients['health']!.get(`/mash/episodes/${id}`);
    expect(page.body).toContain('Propose the decision');
    expect(page.body).toContain('A MASH manager approves the decision');
    expect(page.body).not.toContain('Record the decision');
    expect(await clients['health']!.post(`/mash/episodes/${id}/decision`, DECISION)).toHaveProperty(
      'statusCode',
      403,
    );

    const bad = await postAs('health', id, '/decision-proposals', { ...DECISION, rationale: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#decision-rationale"');
    expect(await count('decision_proposal')).toBe(0);

    expect((await postAs('health', id, '/decision-proposals', DECISION)).statusCode).toBe(303);
    const { rows } = await t.superuserQuery('SELECT id, status, proposed_by, input FROM decision_proposal');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'PROPOSED', proposed_by: users['health']!.id });
    expect(rows[0].input).toMatchObject({ contactOutcome: 'REFERRAL_TO_CSC', rationale: DECISION.rationale });
    const proposalId = rows[0].id as string;
    const { rows: stage } = await t.superuserQuery('SELECT stage FROM mash_episode WHERE id = $1', [id]);
    expect(stage[0].stage).toBe('DECISION');

    // The proposer waits; another practitioner sees it but cannot approve.
    const waiting = await clients['police']!.get(`/mash/episodes/${id}`);
    expect(waiting.body).toContain('Proposed decision awaiting approval');
    expect(waiting.body).not.toContain('Approve decision');
    expect(waiting.body).toContain('A MASH manager approves the decision.');
    expect(
      await clients['police']!.post(`/mash/episodes/${id}/decision-proposals/approve`, { proposalId }),
    ).toHaveProperty('statusCode', 403);

    const managerWork = await workOf('manager');
    expect(managerWork).toContainEqual(
      expect.objectContaining({
        kind: 'DECISION_TO_APPROVE',
        href: `/mash/episodes/${id}#proposal`,
        owner: 'HUB',
      }),
    );

    const managerPage = await clients['manager']!.get(`/mash/episodes/${id}`);
    expect(managerPage.body).toContain('Approve decision');
    const noReason = await postAs('manager', id, '/decision-proposals/return', { proposalId, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#review-reason"');
    const returned = await postAs('manager', id, '/decision-proposals/return', {
      proposalId,
      reason: 'Ask the school what the child said first',
    });
    expect(returned.statusCode).toBe(303);
    const { rows: after } = await t.superuserQuery('SELECT status, return_reason FROM decision_proposal');
    expect(after[0]).toEqual({
      status: 'RETURNED',
      return_reason: 'Ask the school what the child said first',
    });
    expect(await count('mash_decision')).toBe(0);

    const back = await clients['health']!.get(`/mash/episodes/${id}`);
    expect(back.body).toContain('Your proposed decision was returned');
    expect(back.body).toContain('Ask the school what the child said first');
    expect(back.body).toContain('Propose the decision');
    const work = await workOf('health');
    expect(work).toContainEqual(expect.objectContaining({ kind: 'RETURNED_DECISION', owner: 'YOU' }));
    expect((await workOf('manager')).some((w) => w.kind === 'DECISION_TO_APPROVE')).toBe(false);
  });

  it('makes an approved proposal the manager’s decision, recording who proposed it', async () => {
    const id = await newEpisode();
    expect((await postAs('health', id, '/decision-proposals', DECISION)).statusCode).toBe(303);
    const { rows } = await t.superuserQuery(
      "SELECT id FROM decision_proposal WHERE episode_id = $1 AND status = 'PROPOSED'",
      [id],
    );
    const ok = await postAs('manager', id, '/decision-proposals/approve', { proposalId: rows[0].id });
    expect(ok.statusCode).toBe(303);
    const { rows: decision } = await t.superuserQuery(
      'SELECT decided_by, proposed_by, social_care_outcome FROM mash_decision WHERE episode_id = $1',
      [id],
    );
    expect(decision[0]).toEqual({
      decided_by: users['manager']!.id,
      proposed_by: users['health']!.id,
      social_care_outcome: 'S47',
    });
    const { rows: episode } = await t.superuserQuery(
      'SELECT stage, closed_at FROM mash_episode WHERE id = $1',
      [id],
    );
    expect(episode[0].stage).toBe('CLOSED');
    const page = await clients['manager']!.get(`/mash/episodes/${id}`);
    expect(page.body).toMatch(/proposed by Test User \d+/);
    expect((await events('MASH_DECISION_APPROVED')).map((e) => e.outcome)).toEqual(['SUCCESS']);
    expect(await events('MASH_DECISION')).toHaveLength(1);
    // Approving twice is refused.
    const again = await clients['manager']!.post(`/mash/episodes/${id}/decision-proposals/approve`, {
      proposalId: rows[0].id,
    });
    expect(again.statusCode).toBe(409);
  });

  it('a decision recorded directly overtakes a proposal still waiting, and tells the proposer', async () => {
    const id = await newEpisode();
    expect((await postAs('health', id, '/decision-proposals', DECISION)).statusCode).toBe(303);
    expect((await postAs('manager', id, '/decision', DECISION)).statusCode).toBe(303);
    const { rows } = await t.superuserQuery(
      'SELECT status, reviewed_by, reviewed_at IS NOT NULL AS reviewed FROM decision_proposal WHERE episode_id = $1',
      [id],
    );
    expect(rows).toEqual([{ status: 'SUPERSEDED', reviewed_by: users['manager']!.id, reviewed: true }]);
    const { rows: decision } = await t.superuserQuery(
      'SELECT decided_by, proposed_by FROM mash_decision WHERE episode_id = $1',
      [id],
    );
    expect(decision[0]).toEqual({ decided_by: users['manager']!.id, proposed_by: null });
    const proposerPage = await clients['health']!.get(`/mash/episodes/${id}`);
    expect(proposerPage.body).toMatch(
      /Your proposed decision \([^)]*proposed by Test User \d+, [^)]*\) was overtaken<\/strong>: Test User \d+ recorded the decision above on/,
    );
    // Nobody's work lists it as waiting.
    expect((await workOf('manager')).some((w) => w.href.includes(id))).toBe(false);
  });
});
