/**
 * The possible matches queue in pages of 20 (LIMIT/OFFSET in SQL): page 1 holds the limit, page 2 the rest,
 * a bad page number falls back to page 1, MATCH_QUEUE_VIEW records the rows shown, whether more follow and the page
 * (the queue is not counted: decision 0024),
 * and a form on page 2 that fails shows page 2 again; a decision there returns to page 2.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MATCH_PAGE_SIZE } from '../../src/people/match-routes.ts';
import { auditedBy, hub, referLikelyMatch, t, useIdentityWorld } from './identity-fixture.ts';

useIdentityWorld();

const EXTRA = 24;
const TOTAL = EXTRA + 1;
const matchIds = (body: string) =>
  [...body.matchAll(/<section[^>]* id="match-([0-9a-f-]{36})"/g)].map((m) => m[1]!);

describe('the possible matches queue in pages', () => {
  beforeAll(async () => {
    const { likely, matchId } = await referLikelyMatch();
    // More people like the newer record, each a pending match with the known person at a lower probability.
    await t.superuserQuery(
      `WITH made AS (
         INSERT INTO person (forename, surname, estimated_age, gender, agency_ids, areas)
         SELECT forename, surname || g, estimated_age, gender, agency_ids, areas
           FROM person, generate_series(1, $3::int) g WHERE id = $1 RETURNING id)
       INSERT INTO match_candidate (person_id, candidate_person_id, probability, match_weight, explanation, status,
                                    source, area, model_version)
       SELECT made.id, m.candidate_person_id, m.probability / 2, m.match_weight, m.explanation, 'PENDING', m.source,
              m.area, m.model_version
         FROM made, match_candidate m WHERE m.id = $2`,
      [likely, matchId, EXTRA],
    );
  });

  it('shows 20 on page 1 and the rest on page 2, each match once, audited with the counts', async () => {
    const first = await auditedBy(() => hub.get('/matches'));
    expect(first.result.statusCode).toBe(200);
    const one = matchIds(first.result.body);
    expect(one).toHaveLength(MATCH_PAGE_SIZE);
    expect(first.result.body).toContain('govuk-pagination');
    expect(first.result.body).toContain('href="/matches?page=2"');
    expect(first.result.body).toContain(`Showing 1 to ${MATCH_PAGE_SIZE}, most likely first`);
    expect(first.result.body).not.toContain('href="/matches?page=0"');
    expect(first.events).toEqual([expect.objectContaining({ action: 'MATCH_QUEUE_VIEW' })]);
    expect(first.events[0]!['details']).toEqual({ shown: MATCH_PAGE_SIZE, more: true, page: 1 });

    const second = await auditedBy(() => hub.get('/matches?page=2'));
    const two = matchIds(second.result.body);
    expect(two).toHaveLength(TOTAL - MATCH_PAGE_SIZE);
    expect(second.result.body).toContain(`Showing ${MATCH_PAGE_SIZE + 1} to ${TOTAL}, most likely first`);
    expect(second.result.body).toContain('href="/matches"');
    expect(second.result.body).not.toContain('href="/matches?page=3"');
    expect(second.events[0]!['details']).toEqual({ shown: TOTAL - MATCH_PAGE_SIZE, more: false, page: 2 });
    expect(new Set([...one, ...two]).size).toBe(TOTAL);
  });

  it('a bad page number falls back to page 1', async () => {
    const first = matchIds((await hub.get('/matches')).body);
    for (const bad of ['0', '-3', 'two', '2.5', '123456789']) {
      const { result, events } = await auditedBy(() => hub.get(`/matches?page=${bad}`));
      expect(result.statusCode, bad).toBe(200);
      expect(matchIds(result.body), bad).toEqual(first);
      expect(events[0]!['details'], bad).toEqual({ shown: MATCH_PAGE_SIZE, more: true, page: 1 });
    }
  });

  it('a form on page 2 that fails shows page 2 again; a decision there returns to page 2', async () => {
    const page2 = await hub.get('/matches?page=2');
    expect(page2.body).toContain('name="page" value="2"');
    const [id, other] = matchIds(page2.body);
    const failed = await hub.post(`/matches/${id}/reject`, { reason: 'short', page: '2' });
    expect(failed.statusCode).toBe(400);
    expect(failed.body).toContain(`id="reason-${id}"`);
    expect(matchIds(failed.body)).toEqual(matchIds(page2.body));
    const done = await hub.post(`/matches/${other}/reject`, {
      reason: 'Different children: checked',
      page: '2',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/matches?notice=match-rejected&page=2');
  });
});
