/**
 * Missing episodes by API: bad input saves nothing, scope answers 404 with an audited denial, idempotent
 * writes, the grade history, the return and the return home interview with its 72-hour clock, and the repeat
 * missing rule raising one MASH task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingFacts } from '../../src/missing/service.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { TestApp } from '../support/app.ts';
import { ago, call, count, DAY, episode, HOUR, setUpMissingApi, world } from './missing-api-fixture.ts';

let t: TestApp;
let placementId: string;
const { agencies, children } = world;

beforeAll(async () => {
  await setUpMissingApi();
  t = world.t;
  placementId = world.placementId;
});
afterAll(async () => {
  await world.t?.close();
});

describe('recording an episode', () => {
  it('refuses a return before the report, saving nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM missing_episode');
    const bad = await call(
      'police',
      'POST',
      '/api/v1/missing-episodes',
      episode(children['ava']!, {
        returned: { returnedAt: ago(3 * DAY), foundWhere: 'Town centre' },
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toContain('returnedAt');
    expect(await count('SELECT count(*)::int AS n FROM missing_episode')).toBe(before);
  });

  it('refuses an impossible grade and an unknown type, naming the fields', async () => {
    const bad = await call(
      'police',
      'POST',
      '/api/v1/missing-episodes',
      episode(children['ava']!, { riskGrade: 'EXTREME', type: 'LOST' }),
    );
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['riskGrade', 'type']));
    expect(await count('SELECT count(*)::int AS n FROM missing_episode')).toBe(0);
  });

  it('rejects unknown fields and over-long values', async () => {
    const extra = await call('police', 'POST', '/api/v1/missing-episodes', {
      ...episode(children['ava']!),
      hacked: true,
    });
    expect(extra.statusCode).toBe(400);
    const long = await call(
      'police',
      'POST',
      '/api/v1/missing-episodes',
      episode(children['ava']!, { circumstances: 'x'.repeat(10_001) }),
    );
    expect(long.statusCode).toBe(400);
    expect(long.json().details[0].field).toBe('circumstances');
  });

  it('answers 404 for an unknown child, and 404 with an audited denial for a child out of scope', async () => {
    const unknown = await call(
      'police',
      'POST',
      '/api/v1/missing-episodes',
      episode('4b0c6a0e-0000-4000-8000-000000000000'),
    );
    expect(unknown.statusCode).toBe(404);
    const denialsBefore = await count(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1",
      [children['far']],
    );
    const outside = await call('police', 'POST', '/api/v1/missing-episodes', episode(children['far']!));
    expect(outside.statusCode).toBe(404);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1",
        [children['far']],
      ),
    ).toBe(denialsBefore + 1);
    expect(await count('SELECT count(*)::int AS n FROM missing_episode')).toBe(0);
  });

  let episodeId: string;
  it('records an episode once for a retried request with the same Idempotency-Key', async () => {
    const body = episode(children['ava']!, { externalRef: 'MISPER-1' });
    const first = await call('police', 'POST', '/api/v1/missing-episodes', body, 'ep-key-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await call('police', 'POST', '/api/v1/missing-episodes', body, 'ep-key-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await count('SELECT count(*)::int AS n FROM missing_episode')).toBe(1);
    episodeId = first.json().id;
    expect(
      await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'MISSING_EPISODE_CREATE'"),
    ).toBe(1);
    // The same report number again (a new key) is a conflict.
    const duplicate = await call('police', 'POST', '/api/v1/missing-episodes', body, 'ep-key-2');
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().details[0].field).toBe('externalRef');
  });

  it('shows the episode to the police and the MASH, and answers 404 + ACCESS_DENIED out of scope', async () => {
    const seen = await call('police', 'GET', `/api/v1/missing-episodes/${episodeId}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().episode.placement_name).toBe('Willow House');
    expect((await call('mash', 'GET', `/api/v1/missing-episodes/${episodeId}`)).statusCode).toBe(200);
    // The referrer holds no case:read at all.
    expect((await call('school', 'GET', `/api/v1/missing-episodes/${episodeId}`)).statusCode).toBe(403);
    const outside = await call('far', 'GET', `/api/v1/missing-episodes/${episodeId}`);
    expect(outside.statusCode).toBe(404);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1",
        [episodeId],
      ),
    ).toBe(1);
  });

  it('changes the grade only with a rationale, keeping the history', async () => {
    const bare = await call('police', 'POST', `/api/v1/missing-episodes/${episodeId}/risk-grade`, {
      riskGrade: 'HIGH',
      rationale: 'worse',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details[0].field).toBe('rationale');
    const same = await call('police', 'POST', `/api/v1/missing-episodes/${episodeId}/risk-grade`, {
      riskGrade: 'MEDIUM',
      rationale: 'Nothing has changed since the report',
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().details[0].field).toBe('riskGrade');
    const ok = await call('police', 'POST', `/api/v1/missing-episodes/${episodeId}/risk-grade`, {
      riskGrade: 'HIGH',
      rationale: 'Seen getting into a car with two adult males',
      expectedCurrent: 'MEDIUM',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const stale = await call('police', 'POST', `/api/v1/missing-episodes/${episodeId}/risk-grade`, {
      riskGrade: 'LOW',
      rationale: 'Phone located at a friend’s house',
      expectedCurrent: 'MEDIUM',
    });
    expect(stale.statusCode).toBe(409);
    const view = (await call('police', 'GET', `/api/v1/missing-episodes/${episodeId}`)).json();
    expect(view.episode.risk_grade).toBe('HIGH');
    expect(view.grades).toHaveLength(1);
    expect(view.grades[0]).toMatchObject({ from_grade: 'MEDIUM', to_grade: 'HIGH' });
  });

  it('records the return, then the interview is due; a late one is overdue', async () => {
    const early = await call('police', 'POST', `/api/v1/missing-episodes/${episodeId}/return`, {
      returnedAt: ago(3 * DAY),
      foundWhere: 'Bus station',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().details[0].field).toBe('returnedAt');
    const denials = () =>
      count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1", [
        children['far'],
      ]);
    const denied = await denials();
    // Found with someone out of the caller's scope: a field error (not a 404), audited as a denial.
    const outOfScope = await call('police', 'POST', `/api/v1/missing-episodes/${episodeId}/return`, {
      returnedAt: ago(HOUR),
      foundWhere: 'Flat above a takeaway',
      withPeople: [{ personId: children['far'], relation: 'Friend' }],
    });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.json().details).toEqual([
      {
        field: 'withPeople.0.personId',
        message: 'Choose a person from the search results, or someone not yet known',
      },
    ]);
    expect(await denials()).toBe(denied + 1);
    const ok = await call('police', 'POST', `/api/v1/missing-episodes/${episodeId}/return`, {
      returnedAt: ago(HOUR),
      foundWhere: 'Flat above a takeaway',
      foundPostcode: 'FY1 1AA',
      withPeople: [{ personId: children['bea'], relation: 'Friend, also missing' }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(
      (
        await call('police', 'POST', `/api/v1/missing-episodes/${episodeId}/return`, {
          returnedAt: ago(HOUR),
          foundWhere: 'Again',
        })
      ).statusCode,
    ).toBe(409);
    // A second episode returned four days ago: its interview is overdue.
    const late = await call(
      'police',
      'POST',
      '/api/v1/missing-episodes',
      episode(children['cat']!, {
        reportedAt: ago(5 * DAY),
        returned: { returnedAt: ago(4 * DAY), foundWhere: 'Returned home alone' },
      }),
    );
    expect(late.statusCode, late.body).toBe(201);
    const due = await call('mash', 'GET', '/api/v1/return-home-interviews/due');
    expect(due.statusCode).toBe(200);
    const list = due.json().interviews as { episodeId: string; status: string }[];
    expect(list.find((i) => i.episodeId === episodeId)?.status).toBe('DUE');
    expect(list.find((i) => i.episodeId === late.json().id)?.status).toBe('OVERDUE');
    expect(list[0]!.status).toBe('OVERDUE');
  });

  it('records the interview: not offered needs a reason; independent agency; declined leaves the list', async () => {
    const url = `/api/v1/missing-episodes/${episodeId}/return-home-interview`;
    const noReason = await call('police', 'POST', url, { offered: false });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details[0].field).toBe('notOfferedReason');
    const byPolice = await call('police', 'POST', url, {
      offered: true,
      offeredAt: ago(HOUR / 2),
      completedAt: ago(HOUR / 4),
      byAgencyId: agencies['police'],
      byName: 'PC Example',
    });
    expect(byPolice.statusCode).toBe(400);
    expect(byPolice.json().details[0].field).toBe('byAgencyId');
    const declined = await call('police', 'POST', url, {
      offered: true,
      offeredAt: ago(HOUR / 2),
      response: 'DECLINED',
      byAgencyId: agencies['rhi'],
      byName: 'Jo Worker',
    });
    expect(declined.statusCode, declined.body).toBe(201);
    expect(declined.json().status).toBe('DECLINED');
    const due = (await call('mash', 'GET', '/api/v1/return-home-interviews/due')).json().interviews;
    expect(due.find((i: { episodeId: string }) => i.episodeId === episodeId)).toBeUndefined();
    const completed = await call('police', 'POST', url, {
      offered: true,
      offeredAt: ago(HOUR / 2),
      response: 'ACCEPTED',
      completedAt: ago(HOUR / 4),
      byAgencyId: agencies['rhi'],
      byName: 'Jo Worker',
      disclosures: 'Said an older man gave her cannabis and a phone.',
    });
    expect(completed.statusCode, completed.body).toBe(201);
    expect(completed.json().status).toBe('COMPLETED_IN_TIME');
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'RHI_RECORD'")).toBe(2);
  });
});

describe('repeat missing', () => {
  it('flags the child at the third episode within 90 days and creates exactly one MASH task', async () => {
    const bea = children['bea']!;
    const flags = async () =>
      (
        await t.superuserQuery(
          'SELECT repeat_missing, missing_more_than_once, repeat_missing_since FROM person WHERE id = $1',
          [bea],
        )
      ).rows[0];
    const reportBea = (reportedAt: string) =>
      call('police', 'POST', '/api/v1/missing-episodes', episode(bea, { reportedAt }));
    const tasks = () => count('SELECT count(*)::int AS n FROM mash_task WHERE person_id = $1', [bea]);
    const first = await reportBea(ago(80 * DAY));
    expect(first.json()).toMatchObject({
      repeatMissing: false,
      missingMoreThanOnce: false,
      mashTaskId: null,
    });
    const second = await reportBea(ago(40 * DAY));
    expect(second.json()).toMatchObject({ repeatMissing: false, missingMoreThanOnce: true });
    expect((await flags()).missing_more_than_once).toBe(true);
    expect(await tasks()).toBe(0);
    const third = await reportBea(ago(3 * DAY));
    expect(third.statusCode, third.body).toBe(201);
    expect(third.json().repeatMissing).toBe(true);
    expect(third.json().mashTaskId).toBeTruthy();
    expect((await flags()).repeat_missing).toBe(true);
    expect(await tasks()).toBe(1);
    const fourth = await reportBea(ago(DAY));
    expect(fourth.json()).toMatchObject({ repeatMissing: true, mashTaskId: null });
    expect(await tasks()).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_event WHERE action = 'MASH_TASK_CREATE'")).toBe(
      1,
    );
    const task = (await t.superuserQuery('SELECT kind, area FROM mash_task WHERE person_id = $1', [bea]))
      .rows[0];
    expect(task).toMatchObject({ kind: 'REPEAT_MISSING_STRATEGY_DISCUSSION', area: 'BLACKPOOL' });
  });

  it('gives the briefing its facts: shares of referrals whose child was repeat missing, or missing more than once', async () => {
    // Episodes dated before each referral count at the referral date. Bea's referral was an hour ago, after
    // four episodes; Ava and Cat had one each before their referrals; Dee none.
    const facts = await withTransaction(t.db, systemContext('test'), (tx) =>
      missingFacts(tx, { from: new Date(Date.now() - 10 * DAY), to: new Date() }),
    );
    expect(facts.referrals).toBe(4);
    expect(facts.repeatMissingReferrals).toBe(1);
    expect(facts.missingMoreThanOnceReferrals).toBe(1);
    expect(facts.shares.repeatMissing).toBeCloseTo(0.25);
  });

  it('counts placements’ episodes', async () => {
    expect(
      await count('SELECT count(*)::int AS n FROM missing_episode WHERE placement_id = $1', [placementId]),
    ).toBe(6);
  });
});
