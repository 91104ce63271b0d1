/**
 * The briefing on the web, in the API and as exports, over the hand-built dataset of briefing.test.ts:
 * permissions (operational figures need stats:operational), audit, and the markings on every export.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { ukDate } from '../../src/platform/time/display.ts';
import { fetchCounts, type Scope } from '../../src/reports/briefing.ts';
import { FIGURE_NAMES } from '../../src/reports/figures.ts';
import { defaultPeriod, describePeriod, todayInUk } from '../../src/reports/period.ts';
import { auditActions, createAgencyWithTeam, createTestUser, signIn, type TestApp } from '../support/app.ts';
import { createKnownReportApp } from './support.ts';

let t: TestApp;
const PERIOD = { from: '2026-04-01', to: '2026-09-30' };
const ALL: Scope = { area: null, division: null };

beforeAll(async () => {
  t = await createKnownReportApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the briefing page, API and exports', () => {
  let member: Awaited<ReturnType<typeof signIn>>;
  let analyst: Awaited<ReturnType<typeof signIn>>;
  let referrer: Awaited<ReturnType<typeof signIn>>;
  const query = 'from=2026-04-01&to=2026-09-30';

  beforeAll(async () => {
    member = await signIn(t, await createTestUser(t, ['PARTNERSHIP_MEMBER']));
    analyst = await signIn(t, await createTestUser(t, ['ANALYST']));
    referrer = await signIn(t, await createTestUser(t, ['REFERRER']));
  });

  it('shows a partnership member the published figures with charts beside their tables', async () => {
    const res = await member.get(`/reports/briefing?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('OFFICIAL-SENSITIVE');
    expect(res.body).toContain('<svg role="img" aria-labelledby="chart-outcomes-social-care-title');
    expect(res.body).toContain('<title id="chart-outcomes-social-care-title">');
    expect(res.body).not.toMatch(/<[^>]+\sstyle=/);
    expect(res.body).toContain('1 April 2026 to 30 September 2026');
    expect(res.body).toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">c<\/td>/);
    // The information lost to disclosure control, in one line (issue 15).
    expect(res.body).toMatch(
      /<p class="govuk-body" id="disclosure-control">Disclosure control: \d+ cells of \d+ shown as c \([\d.]+%\): \d+ counts? from 1 to 5 and \d+ cells? hidden to protect them, [\d.]+% of all the counts shown\.<\/p>/,
    );
    expect(res.body).toContain(
      '/reports/briefing/export?from=2026-04-01&amp;to=2026-09-30&amp;mode=published&amp;format=pdf',
    );
    expect(res.body).not.toContain('Operational (exact counts)');
    // A contents list links to every figure's section, each of which links back to it.
    const sections = [...res.body.matchAll(/<section [^>]*id="([^"]+)"/g)].map((m) => m[1]);
    const start = res.body.indexOf('id="contents"');
    const contents = res.body.slice(start, res.body.indexOf('</nav>', start));
    const linked = [...contents.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(sections.length).toBeGreaterThan(10);
    expect(linked).toEqual(sections);
    expect(res.body.split('href="#contents">Back to contents</a>').length - 1).toBe(sections.length);
    const events = await t.superuserQuery(
      `SELECT details FROM audit_event WHERE action = 'REPORT_VIEW' ORDER BY seq DESC LIMIT 1`,
    );
    expect(events.rows[0].details).toMatchObject({
      report: 'briefing',
      from: '2026-04-01',
      to: '2026-09-30',
      mode: 'published',
    });
  });

  it('defaults to the last six complete months', async () => {
    const res = await member.get('/reports/briefing');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(describePeriod(defaultPeriod(todayInUk())));
  });

  it('refuses a referrer, and operational figures to a partnership member', async () => {
    expect((await referrer.get(`/reports/briefing?${query}`)).statusCode).toBe(403);
    const before = (await auditActions(t)).filter((a) => a === 'ACCESS_DENIED').length;
    expect((await member.get(`/reports/briefing?${query}&mode=operational`)).statusCode).toBe(403);
    expect(
      (await member.get(`/reports/briefing/export?${query}&mode=operational&format=csv`)).statusCode,
    ).toBe(403);
    expect((await auditActions(t)).filter((a) => a === 'ACCESS_DENIED').length).toBe(before + 2);
  });

  it('gives an analyst exact operational figures', async () => {
    const res = await analyst.get(`/reports/briefing?${query}&mode=operational`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Operational figures');
  });

  it('shows bad dates as errors on the page', async () => {
    const res = await member.get('/reports/briefing?from=2026-02-30&to=2026-09-30');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter a real start date');
  });

  it('exports CSV with the marking first and formula cells neutralised', async () => {
    const res = await member.get(`/reports/briefing/export?${query}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="briefing-partnership-2026-04-01-to-2026-09-30-published\.csv"$/,
    );
    expect(res.body.split('\r\n')[0]).toBe('OFFICIAL-SENSITIVE');
    expect(res.body).toMatch(/\r\n"?Disclosure control: \d+ cells of \d+ shown as c/);
    expect(res.body).toContain('outcomes.social_care,Social care outcomes of victim referrals,S31,');
    const s31 = res.body
      .split('\r\n')
      .find((l) => l.startsWith('outcomes.social_care,') && l.includes(',S31,'))!;
    expect(s31.split(',')[4]).toBe('c');
    const events = await t.superuserQuery(
      `SELECT details FROM audit_event WHERE action = 'REPORT_EXPORT' ORDER BY seq DESC LIMIT 1`,
    );
    expect(events.rows[0].details).toMatchObject({ format: 'csv', mode: 'published' });
  });

  it('exports XLSX with the marking and PDF with the marking on every page', async () => {
    const xlsx = await member.get(`/reports/briefing/export?${query}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Briefing')!;
    expect(sheet.getCell('A1').value).toBe('OFFICIAL-SENSITIVE');
    expect(sheet.headerFooter.oddHeader).toContain('OFFICIAL-SENSITIVE');
    const values: unknown[] = [];
    sheet.eachRow((r) => values.push(...(r.values as unknown[])));
    expect(values).toContain('c');

    const pdf = await member.get(`/reports/briefing/export?${query}&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename=".*\.pdf"$/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
  });

  it('answers the API with every figure by name, for a token allowed published statistics', async () => {
    const { agencyId } = await createAgencyWithTeam(t);
    const issue = async (permissions: string[]) => {
      const { id, secret } = await withTransaction(t.db, systemContext('test'), (tx) =>
        issueToken(
          tx,
          { name: `stats ${Math.random()}`, agencyId, permissions: ['case:read'], expiresInDays: 30 },
          null,
        ),
      );
      // Set directly: the admin pages grant these too (briefing-token.test.ts), but this file has no admin.
      await t.superuserQuery('UPDATE api_token SET permissions = $2 WHERE id = $1', [id, permissions]);
      return secret;
    };
    const published = await issue(['stats:published']);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/briefing?${query}`,
      headers: { authorization: `Bearer ${published}` },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.period).toEqual(PERIOD);
    expect(body.previousPeriod).toEqual({ from: '2025-10-01', to: '2026-03-31' });
    expect(body.mode).toBe('published');
    expect(Object.keys(body.figures)).toEqual(FIGURE_NAMES);
    // Published: the total is kept (issue 15); the previous period's single referral is a small count.
    expect(body.figures['victim_referrals.total']).toMatchObject({ total: 27, previous: { total: 'c' } });
    expect(body.disclosure).toMatchObject({ primary: expect.any(Number), secondary: expect.any(Number) });
    expect(
      body.figures['outcomes.social_care'].rows.find((r: { category: string }) => r.category === 'S31').value,
    ).toBe('c');
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/briefing?${query}&mode=operational`,
      headers: { authorization: `Bearer ${published}` },
    });
    expect(refused.statusCode).toBe(403);
    const operational = await issue(['stats:published', 'stats:operational']);
    const exact = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/briefing?${query}&mode=operational&division=EAST`,
      headers: { authorization: `Bearer ${operational}` },
    });
    expect(exact.statusCode).toBe(200);
    expect(exact.json().figures['victim_referrals.total'].total).toBe(14);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/briefing?from=yesterday',
      headers: { authorization: `Bearer ${published}` },
    });
    expect(bad.statusCode).toBe(400);
    const caseToken = await issue(['case:read']);
    const noStats = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/briefing?${query}`,
      headers: { authorization: `Bearer ${caseToken}` },
    });
    expect(noStats.statusCode).toBe(403);
  });

  it('gives a caller without statistics permissions nothing from the aggregate function itself', async () => {
    await expect(
      withTransaction(
        t.db,
        { ...systemContext('test'), purpose: 'request', permissions: ['case:read'] },
        (tx) => fetchCounts(tx, PERIOD, ALL),
      ),
    ).rejects.toThrow(/stats:published/);
  });
});

describe('a closed period’s briefing revised by facts recorded late (decision 0025)', () => {
  it('says on the page and in the JSON export what changed since it was first shown', async () => {
    const analyst = await signIn(t, await createTestUser(t, ['ANALYST']));
    const page = `/reports/briefing?from=2026-04-01&to=2026-09-30&mode=operational`;
    const first = await analyst.get(page);
    expect(first.statusCode).toBe(200);
    expect(first.body).not.toContain('id="revised"');
    // Two episodes before VR-T-13 (14 May), recorded now: one more referral for a child missing more than once.
    await t.superuserQuery(
      `INSERT INTO missing_episode (person_id, type, from_kind, reported_at, reported_by_agency_id,
         reported_by_label, recorded_by_label, initial_risk_grade, risk_grade, area)
       SELECT v.person_id, 'MISSING', 'HOME', at, v.referring_agency_id, 'School', 'test', 'LOW', 'LOW', 'LANCASHIRE'
         FROM victim_referral v, unnest(ARRAY['2026-05-01T18:00:00Z', '2026-05-05T18:00:00Z']::timestamptz[]) at
        WHERE v.reference = 'VR-T-13'`,
    );
    const revised = await analyst.get(page);
    expect(revised.body).toContain('id="revised"');
    expect(revised.body).toContain(
      `Revised since first published on ${ukDate(new Date())}: Share of victim referrals for children missing ` +
        'more than once: Missing more than once 12 → 13.',
    );
    const json = await analyst.get(
      `/reports/briefing/export?from=2026-04-01&to=2026-09-30&mode=operational&format=json`,
    );
    expect(JSON.parse(json.body).revision.changes).toEqual([
      expect.objectContaining({ category: 'MISSING_MORE_THAN_ONCE', was: 12, now: 13 }),
    ]);
  });
});
