/**
 * Interviews due are found from the partial index of open interviews (migration 034) in batches, and read
 * under the caller's scope: a list fills from later batches when the oldest open interviews belong to
 * children the caller may not see, and an episode leaves (or rejoins) the list as its interview is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ago, call, count, DAY, HOUR, recordEpisode, setUpMissingApi, world } from './missing-api-fixture.ts';

/** More than two candidate batches (200 each) of open interviews the police may not see. */
const OUT_OF_SCOPE = 450;
let avaEpisode = '';

function returnedEpisode(who: string, child: string, daysAgo: number): Promise<string> {
  return recordEpisode(who, child, {
    reportedAt: ago(daysAgo * DAY),
    returned: { returnedAt: ago(daysAgo * DAY - HOUR), foundWhere: 'Town centre' },
  });
}

beforeAll(async () => {
  await setUpMissingApi();
  const farEpisode = await returnedEpisode('far', 'far', 10);
  // Copies of the other area's return, each an hour older: the oldest open interviews of the partnership.
  await world.t.superuserQuery(
    `INSERT INTO missing_episode (person_id, type, from_kind, reported_at, reported_by_agency_id, reported_by_label,
            recorded_by_label, returned_at, initial_risk_grade, risk_grade, area)
     SELECT person_id, type, from_kind, reported_at - n * interval '1 hour', reported_by_agency_id, reported_by_label,
            recorded_by_label, returned_at - n * interval '1 hour', initial_risk_grade, risk_grade, area
       FROM missing_episode, generate_series(1, $2::int) AS n WHERE id = $1`,
    [farEpisode, OUT_OF_SCOPE - 1],
  );
  avaEpisode = await returnedEpisode('police', 'ava', 2);
}, 120_000);
afterAll(async () => {
  await world.t?.close();
});

const dueIds = async (who: string, query = '') => {
  const due = await call(who, 'GET', `/api/v1/return-home-interviews/due${query}`);
  expect(due.statusCode, due.body).toBe(200);
  return (due.json().interviews as { episodeId: string }[]).map((i) => i.episodeId);
};

/** Every interview due for a caller, following the list's cursors. */
const allDue = async (who: string) => {
  const ids: string[] = [];
  for (let cursor: string | null = ''; cursor !== null; ) {
    const query: string = cursor ? `?limit=100&cursor=${encodeURIComponent(cursor)}` : '?limit=100';
    const due = await call(who, 'GET', `/api/v1/return-home-interviews/due${query}`);
    expect(due.statusCode, due.body).toBe(200);
    ids.push(...(due.json().interviews as { episodeId: string }[]).map((i) => i.episodeId));
    cursor = due.json().next as string | null;
  }
  return ids;
};

describe('open return home interviews, in batches under scope', () => {
  it('finds the one interview the police may see behind 450 older ones it may not', async () => {
    expect(await dueIds('police')).toEqual([avaEpisode]);
    const far = await dueIds('far', '?limit=100');
    expect(far).toHaveLength(100);
    expect(far).not.toContain(avaEpisode);
  });

  it('takes an episode off the list when its interview is completed, and back when it is reopened', async () => {
    const url = `/api/v1/missing-episodes/${avaEpisode}/return-home-interview`;
    const offered = await call('police', 'POST', url, {
      offered: true,
      offeredAt: ago(DAY),
      byAgencyId: world.agencies['rhi'],
      byName: 'Jo Worker',
    });
    expect(offered.statusCode, offered.body).toBe(201);
    expect(await dueIds('police')).toEqual([avaEpisode]);
    const completed = await call('police', 'POST', url, {
      offered: true,
      offeredAt: ago(DAY),
      response: 'ACCEPTED',
      completedAt: ago(DAY - HOUR),
      byAgencyId: world.agencies['rhi'],
      byName: 'Jo Worker',
    });
    expect(completed.statusCode, completed.body).toBe(201);
    expect(await dueIds('police')).toEqual([]);
  });

  it('keeps every episode’s flag equal to the rule of an open interview', async () => {
    // Settle a batch of the other area's interviews directly, as an import would, and check the flag of
    // every episode against its interview record.
    await world.t.superuserQuery(
      `INSERT INTO return_home_interview (episode_id, offered, not_offered_reason, recorded_by_label)
       SELECT id, false, 'Child moved out of the area', 'Import' FROM missing_episode
        WHERE returned_at IS NOT NULL AND id NOT IN (SELECT episode_id FROM return_home_interview)
        ORDER BY returned_at LIMIT 300`,
    );
    const wrong = await count(
      `SELECT count(*)::int AS n FROM missing_episode e LEFT JOIN return_home_interview r ON r.episode_id = e.id
        WHERE e.interview_settled IS DISTINCT FROM
              (r.episode_id IS NOT NULL AND NOT (r.offered AND r.completed_at IS NULL AND r.response IS DISTINCT FROM 'DECLINED'))`,
    );
    expect(wrong).toBe(0);
    const left = await allDue('far');
    expect(left).toHaveLength(OUT_OF_SCOPE - 300);
    expect(new Set(left).size).toBe(left.length);
    await world.t.superuserQuery(
      `DELETE FROM return_home_interview WHERE not_offered_reason = 'Child moved out of the area'`,
    );
    expect(await allDue('far')).toHaveLength(OUT_OF_SCOPE);
  });
});
