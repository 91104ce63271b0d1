/**
 * A partner's analysis system reads the briefing with an API token (issue 15 item 6, decision 0027): an
 * administrator can grant a token the exact-figure permission on the token pages; such a token is given
 * operational figures, and a token without it is refused them, the refusal audited.
 */
import { describe, expect, it } from 'vitest';
import { client, t, useAdminPages } from '../support/admin-pages.ts';
import { createAgencyWithTeam } from '../support/app.ts';
import { insertDataset, knownDataset } from './support.ts';

useAdminPages();

const QUERY = 'from=2026-04-01&to=2026-09-30&division=EAST';

async function issueThroughPages(name: string, permissions: string[]): Promise<string> {
  const { agencyId } = await createAgencyWithTeam(t);
  await client.get('/admin/tokens');
  const issued = await client.post('/admin/tokens', { name, agencyId, permissions, expiresInDays: '30' });
  expect(issued.statusCode).toBe(200);
  const secret = /id="token-secret">([^<]+)</.exec(issued.body)?.[1];
  expect(secret).toMatch(/^lnt_/);
  return secret!;
}

const briefing = (secret: string, mode: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/reports/briefing?${QUERY}&mode=${mode}`,
    headers: { authorization: `Bearer ${secret}` },
  });

describe('API tokens and the briefing’s exact figures', () => {
  it('offers the exact-figure permission on the token form', async () => {
    const page = await client.get('/admin/tokens');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/value="stats:operational"/);
    expect(page.body).toContain('Exact operational statistics');
  });

  it('gives a token granted it exact figures, and refuses a token without it, audited', async () => {
    await insertDataset((sql, params) => t.superuserQuery(sql, params), knownDataset());
    const exact = await issueThroughPages('Partnership analysis system', [
      'stats:published',
      'stats:operational',
    ]);
    const granted = await t.superuserQuery('SELECT permissions FROM api_token WHERE name = $1', [
      'Partnership analysis system',
    ]);
    expect(granted.rows[0].permissions).toEqual(['stats:published', 'stats:operational']);
    const answer = await briefing(exact, 'operational');
    expect(answer.statusCode).toBe(200);
    expect(answer.json().mode).toBe('operational');
    // The known dataset's East division: 14 victim referrals, exact (not suppressed).
    expect(answer.json().figures['victim_referrals.total'].total).toBe(14);
    expect(answer.json().disclosure).toBeNull();

    const publishedOnly = await issueThroughPages('Published figures feed', ['stats:published']);
    expect((await briefing(publishedOnly, 'published')).statusCode).toBe(200);
    const refused = await briefing(publishedOnly, 'operational');
    expect(refused.statusCode).toBe(403);
    const denial = await t.superuserQuery(
      `SELECT actor_label, outcome, details FROM audit_event WHERE action = 'ACCESS_DENIED' ORDER BY seq DESC LIMIT 1`,
    );
    expect(denial.rows[0]).toMatchObject({
      actor_label: expect.stringContaining('Published figures feed'),
      outcome: 'DENIED',
      details: { report: 'briefing', mode: 'operational', division: 'EAST', permission: 'stats:operational' },
    });
  });
});
