/**
 * CSE risk through its pages, on a child referred to the MASH: an assessment with unanswered items saves
 * nothing, a recorded one sets the child's flag (shown on the episode and the reassessments list); malformed
 * and unknown ids answer 404, and random forms on any MASH or risk page never answer 5xx.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCORED_TEMPLATE_V1 } from '../../src/risk/templates/scored-v1.ts';
import { clients, count, episodeId, personId, refer, t, useMashPages } from './mash-pages-fixture.ts';

useMashPages();

describe('the MASH through its pages', () => {
  it('refuses an assessment with unanswered items, saving nothing, then records one and sets the flag', async () => {
    const form = await clients['manager']!.get(
      `/people/${personId}/risk-assessments/new?template=lantern-scored`,
    );
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(SCORED_TEMPLATE_V1.sections[0]!.indicators[0]!.text);
    const before = await count('risk_assessment');
    const partial = await clients['manager']!.post(`/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      'ind-v-care': 'PRESENT',
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('href="#ind-v-unstable-home"');
    expect(partial.body).toContain('href="#disclosure"');
    expect(partial.body).toMatch(/value="PRESENT" checked/);
    expect(await count('risk_assessment')).toBe(before);

    const answers = Object.fromEntries(
      SCORED_TEMPLATE_V1.sections.flatMap((s) => s.indicators.map((i) => [`ind-${i.id}`, 'NOT_PRESENT'])),
    );
    const lowered = await clients['manager']!.post(`/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      ...answers,
      disclosure: 'yes',
      assessorLevel: 'MEDIUM',
      rationale: '',
    });
    expect(lowered.statusCode).toBe(400);
    expect(await count('risk_assessment')).toBe(before);

    const saved = await clients['manager']!.post(`/people/${personId}/risk-assessments`, {
      templateId: 'lantern-scored',
      ...answers,
      disclosure: 'yes',
    });
    expect(saved.statusCode).toBe(303);
    const location = String(saved.headers['location']);
    expect(location).toMatch(new RegExp(`^/people/${personId}/risk-assessments/[0-9a-f-]{36}$`));
    const result = await clients['manager']!.get(location);
    expect(result.body).toContain('CSE risk: High');
    expect(result.body).toContain('A disclosure of exploitation is high risk');
    const history = await clients['outside']!.get(`/people/${personId}/risk-assessments`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('id="cse-flag"');
    expect(history.body).toMatch(/govuk-tag--red">\s*High/);
    // The flag shows on the episode too, and the child is due for review in 3 months, not yet.
    expect((await clients['manager']!.get(`/mash/episodes/${episodeId}`)).body).toMatch(
      /govuk-tag--red">\s*High/,
    );
    const due = await clients['outside']!.get('/mash/reassessments');
    expect(due.statusCode).toBe(200);
    expect(due.body).not.toContain('Ava Example');
    await t.superuserQuery('UPDATE person SET cse_review_due = current_date - 1 WHERE id = $1', [personId]);
    const overdue = await clients['outside']!.get('/mash/reassessments');
    expect(overdue.body).toContain('Ava Example');
    expect(overdue.body).toContain('Overdue');
    // The referrer may not assess.
    expect(
      (await clients['referrer']!.get(`/people/${personId}/risk-assessments/new?template=lantern-scored`))
        .statusCode,
    ).toBe(403);
  });

  it('answers 404 for malformed and unknown ids, never 500', async () => {
    expect((await clients['manager']!.get('/mash/episodes/not-a-uuid')).statusCode).toBe(404);
    expect((await clients['manager']!.get(`/mash/episodes/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect(
      (await clients['manager']!.get(`/people/${crypto.randomUUID()}/risk-assessments`)).statusCode,
    ).toBe(404);
  });
  it('never answers 5xx to random forms on any MASH page', async () => {
    await refer();
    const { rows } = await t.superuserQuery(
      'SELECT id, person_id FROM mash_episode WHERE closed_at IS NULL ORDER BY created_at DESC LIMIT 1',
    );
    const open = rows[0].id as string;
    const routes = t.app.declaredRoutes.filter(
      (r) => r.url.startsWith('/mash') || r.url.startsWith('/people/:id/risk-assessments'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const field = fc.constantFrom(
      'rag',
      'rationale',
      'expectedCurrent',
      'agencyIds',
      'summary',
      'releasable',
      'handlingCode',
      'decision',
      'decidedAt-day',
      'decidedAt-month',
      'decidedAt-year',
      'decidedAtTime',
      'legalBasis',
      'consentSought',
      'heldAt-day',
      'heldAtTime',
      'attendee-0-name',
      'action-0-description',
      'action-0-due-day',
      'action-0-due-month',
      'action-0-due-year',
      'contactOutcome',
      'statutoryMeasures',
      'cinFactors',
      'templateId',
      'ind-v-care',
      'dom-missing',
      'disclosure',
      'assessorLevel',
      'episodeId',
      'template',
    );
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'RED',
        'yes',
        'no',
        '31',
        '2',
        '2025',
        '25:99',
        'lantern-scored',
        'lantern-banded',
        'x'.repeat(12_000),
      ),
      fc.uuid(),
    );
    const failures: string[] = [];
    const client = clients['manager']!;
    // The session's CSRF token (an HMAC of the session, the same on every page) for the posts below.
    await client.get(`/mash/episodes/${open}`);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(field, fc.array(value, { minLength: 1, maxLength: 2 }), { maxKeys: 10 }),
          async (fields) => {
            const url = route.url
              .replace(':assessmentId', crypto.randomUUID())
              .replace(':id', route.url.startsWith('/people') ? personId : open);
            const response =
              route.method === 'GET'
                ? await client.get(
                    `${url}?${new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, v[0]!] as [string, string]))}`,
                  )
                : await client.post(url, fields);
            if (response.statusCode >= 500)
              failures.push(
                `${route.method} ${url} ${JSON.stringify(fields).slice(0, 300)} → ${response.statusCode}`,
              );
          },
        ),
        { numRuns: 15, seed: 7 },
      );
    }
    expect(failures).toEqual([]);
  });
});
