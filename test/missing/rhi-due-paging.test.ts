/**
 * The return home interviews due page shows 100 at a time, the longest waiting first, with previous and next
 * links; every interview due appears on exactly one page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageClient } from '../support/app.ts';
import { createTestUser, signIn } from '../support/app.ts';
import { ago, call, DAY, episode, setUpMissingApi, world } from './missing-api-fixture.ts';

let officer: PageClient;

beforeAll(async () => {
  await setUpMissingApi();
  const recorded = await call(
    'police',
    'POST',
    '/api/v1/missing-episodes',
    episode(world.children['ava']!, {
      reportedAt: ago(3 * DAY),
      returned: { returnedAt: ago(2 * DAY), foundWhere: 'Town centre' },
    }),
  );
  expect(recorded.statusCode, recorded.body).toBe(201);
  // 149 more returns like it, each an hour earlier than the last: 150 interviews due in all.
  await world.t.superuserQuery(
    `INSERT INTO missing_episode (person_id, type, from_kind, reported_at, reported_by_agency_id, reported_by_label,
            recorded_by_label, returned_at, initial_risk_grade, risk_grade, area)
     SELECT person_id, type, from_kind, reported_at - n * interval '1 hour', reported_by_agency_id, reported_by_label,
            recorded_by_label, returned_at - n * interval '1 hour', initial_risk_grade, risk_grade, area
       FROM missing_episode, generate_series(1, 149) AS n WHERE id = $1`,
    [recorded.json().id],
  );
  const user = await createTestUser(world.t, ['CSE_OFFICER'], {
    agencyId: world.agencies['police']!,
    teamIds: [world.teams['police']!],
  });
  officer = await signIn(world.t, user);
}, 120_000);
afterAll(async () => {
  await world.t?.close();
});

const rowsOf = (body: string) =>
  body.match(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell"><a/g) ?? [];

describe('the return home interviews due page', () => {
  it('pages 150 interviews 100 at a time with previous and next links', async () => {
    const first = await officer.get('/missing/rhi-due');
    expect(first.statusCode).toBe(200);
    expect(rowsOf(first.body)).toHaveLength(100);
    expect(first.body).toContain('href="/missing/rhi-due?page=2"');
    expect(first.body).not.toContain('govuk-pagination__prev');

    const second = await officer.get('/missing/rhi-due?page=2');
    expect(second.statusCode).toBe(200);
    expect(rowsOf(second.body)).toHaveLength(50);
    expect(second.body).toContain('href="/missing/rhi-due"');
    expect(second.body).not.toContain('govuk-pagination__next');
    const episodes = (body: string) => body.match(/href="\/missing\/episodes\/[0-9a-f-]{36}"/g) ?? [];
    expect(new Set([...episodes(first.body), ...episodes(second.body)]).size).toBe(150);
  });
});
