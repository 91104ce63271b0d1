/**
 * Every figure of the briefing on a hand-built dataset whose answers are known, in both modes; disclosure
 * control across the whole briefing; the page, the API and the exports with their permissions and audit.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { type Briefing, fetchCounts, runBriefing, type Scope } from '../../src/reports/briefing.ts';
import { type Equation, pinnedCells, suppressedCells } from '../../src/reports/disclosure.ts';
import { FIGURE_NAMES, FIGURES } from '../../src/reports/figures.ts';
import { auditActions, createAgencyWithTeam, createTestUser, signIn, type TestApp } from '../support/app.ts';
import { createReportApp, insertDataset, knownDataset } from './support.ts';

let t: TestApp;
const PERIOD = { from: '2026-04-01', to: '2026-09-30' };
const ALL: Scope = { area: null, division: null };

async function briefing(mode: 'published' | 'operational', scope = ALL): Promise<Briefing> {
  return withTransaction(t.db, systemContext('test'), (tx) =>
    runBriefing(tx, { period: PERIOD, scope, mode }),
  );
}

const row = (b: Briefing, name: string, category: string) => {
  const r = b.figures[name]!.rows.find((x) => x.category === category);
  if (!r) throw new Error(`${name} has no row ${category}`);
  return r;
};
const value = (b: Briefing, name: string, category: string) => row(b, name, category).value;
const share = (b: Briefing, name: string, category: string) => row(b, name, category).share;
const total = (b: Briefing, name: string) => b.figures[name]!.total;

beforeAll(async () => {
  t = await createReportApp();
  await insertDataset((sql, params) => t.superuserQuery(sql, params), knownDataset());
});
afterAll(async () => {
  await t?.close();
});

describe('operational figures on the known dataset', () => {
  let b: Briefing;
  beforeAll(async () => {
    b = await briefing('operational');
  });

  it('has every figure by its stable name', () => {
    expect(Object.keys(b.figures)).toEqual(FIGURE_NAMES);
    for (const name of [
      'victim_referrals.total',
      'victim_referrals.by_category',
      'children.female_share',
      'children.ethnicity',
      'children.age',
      'children.living_situation',
      'suspects.total',
      'suspects.female_share',
      'suspects.ethnicity',
      'suspects.female_roles',
      'referrals.contact_method',
      'referrals.model',
      'outcomes.social_care',
      'outcomes.s20_children',
      'children.camhs_share',
      'children.repeat_missing_share',
      'children.missing_more_than_once_share',
      'children.in_care_share',
      'children.referred_more_than_once',
      'suspects.linked_by_division',
      'disposals.by_type',
      'disposals.sentence_years_total',
      'mash.decided_within_one_working_day_share',
      'mash.within_rag_target_by_rag',
    ])
      expect(b.figures[name], name).toBeDefined();
  });

  it('counts victim referrals in the period by UK calendar day, by category', () => {
    expect(total(b, 'victim_referrals.total')).toBe(27);
    expect(b.figures['victim_referrals.total']!.previous.total).toBe(1);
    expect(b.figures['victim_referrals.total']!.change).toBe(26);
    expect(value(b, 'victim_referrals.by_category', 'VICTIM_OF_CRIME')).toBe(9);
    expect(value(b, 'victim_referrals.by_category', 'RISK_ASSESSED_VULNERABILITY')).toBe(18);
  });

  it('describes the children referred', () => {
    expect(value(b, 'children.female_share', 'FEMALE')).toBe(24);
    expect(share(b, 'children.female_share', 'FEMALE')).toBe(88.9);
    expect(value(b, 'children.ethnicity', 'WHITE')).toBe(21);
    expect(value(b, 'children.ethnicity', 'WHITE_BRITISH')).toBe(19);
    expect(value(b, 'children.ethnicity', 'WHITE_IRISH')).toBe(2);
    expect(value(b, 'children.ethnicity', 'ASIAN_PAKISTANI')).toBe(3);
    expect(value(b, 'children.ethnicity', 'NOT_RECORDED')).toBe(3);
    expect(value(b, 'children.ethnicity', 'RECORDED')).toBe(24);
    expect(share(b, 'children.white_share', 'WHITE')).toBe(87.5);
    expect(share(b, 'children.ethnicity', 'NOT_RECORDED')).toBe(11.1);
    expect(value(b, 'children.age', '14')).toBe(25);
    expect(value(b, 'children.age', '12')).toBe(1);
    expect(value(b, 'children.age', '16')).toBe(1);
    expect(value(b, 'children.age', '13_TO_15')).toBe(25);
    expect(value(b, 'children.living_situation', 'FAMILY_HOME')).toBe(21);
    expect(value(b, 'children.living_situation', 'FOSTER_CARE')).toBe(4);
    expect(value(b, 'children.in_care_share', 'IN_CARE')).toBe(5);
    expect(share(b, 'children.in_care_share', 'IN_CARE')).toBe(18.5);
    expect(value(b, 'children.camhs_share', 'YES')).toBe(11);
    expect(value(b, 'children.repeat_missing_share', 'REPEAT_MISSING')).toBe(6);
    expect(value(b, 'children.missing_more_than_once_share', 'MISSING_MORE_THAN_ONCE')).toBe(12);
    expect(value(b, 'children.referred_more_than_once', 'ALL_CHILDREN')).toBe(20);
    expect(value(b, 'children.referred_more_than_once', 'CHILDREN')).toBe(4);
    expect(share(b, 'children.referred_more_than_once', 'CHILDREN')).toBe(20);
    expect(value(b, 'children.referred_more_than_once', 'REFERRALS')).toBe(11);
    expect(share(b, 'children.referred_more_than_once', 'REFERRALS')).toBe(40.7);
  });

  it('counts contact methods and models', () => {
    expect(value(b, 'referrals.contact_method', 'ON_STREET')).toBe(7);
    expect(value(b, 'referrals.contact_method', 'ONLINE')).toBe(20);
    expect(value(b, 'referrals.model', 'ONLINE_ONLY')).toBe(3);
    expect(value(b, 'referrals.model', 'BOYFRIEND')).toBe(24);
  });

  it('gives the social care outcome table', () => {
    expect(value(b, 'outcomes.social_care', 'NO_OUTCOME_REQUIRED')).toBe(10);
    expect(value(b, 'outcomes.social_care', 'FURTHER_ENQUIRIES')).toBe(12);
    expect(value(b, 'outcomes.social_care', 'S47')).toBe(6);
    expect(value(b, 'outcomes.social_care', 'S17')).toBe(3);
    expect(value(b, 'outcomes.social_care', 'S20')).toBe(2);
    expect(value(b, 'outcomes.social_care', 'S31')).toBe(1);
    expect(value(b, 'outcomes.social_care', 'NOT_DECIDED')).toBe(5);
    expect(value(b, 'outcomes.s20_children', 'S20')).toBe(2);
    expect(value(b, 'outcomes.s20_children', 'S31')).toBe(1);
  });

  it('describes suspects and offenders', () => {
    expect(total(b, 'suspects.total')).toBe(8);
    expect(value(b, 'suspects.female_share', 'FEMALE')).toBe(2);
    expect(share(b, 'suspects.female_share', 'FEMALE')).toBe(25);
    expect(value(b, 'suspects.female_roles', 'ENCOURAGED_VICTIMS')).toBe(1);
    expect(value(b, 'suspects.female_roles', 'ALLOWED_PREMISES_USE')).toBe(1);
    expect(value(b, 'suspects.ethnicity', 'ASIAN_PAKISTANI')).toBe(2);
    expect(share(b, 'suspects.ethnicity', 'ASIAN_PAKISTANI')).toBe(25);
    expect(value(b, 'suspects.ethnicity', 'ASIAN_INDIAN')).toBe(1);
    expect(value(b, 'suspects.status', 'OFFENDER')).toBe(3);
    expect(value(b, 'suspects.ethnic_group_by_division', 'ASIAN|EAST')).toBe(2);
    expect(value(b, 'suspects.ethnic_group_by_division', 'WHITE|WEST')).toBe(3);
    expect(value(b, 'suspects.linked_by_division', 'EAST')).toBe(3);
    expect(value(b, 'suspects.linked_by_division', 'WEST')).toBe(3);
    expect(total(b, 'suspects.linked_by_division')).toBe(5);
  });

  it('counts disposals in the period and the years of sentences', () => {
    expect(total(b, 'disposals.by_type')).toBe(6);
    expect(value(b, 'disposals.by_type', 'CHARGE')).toBe(2);
    expect(value(b, 'disposals.by_type', 'CONVICTION')).toBe(2);
    expect(value(b, 'disposals.by_type', 'ABDUCTION_NOTICES')).toBe(1);
    expect(value(b, 'disposals.by_type', 'INTELLIGENCE')).toBe(1);
    expect(value(b, 'disposals.sentence_years_total', 'CONVICTION')).toBe(7);
  });

  it('measures MASH timeliness', () => {
    expect(total(b, 'mash.decided_within_one_working_day_share')).toBe(9);
    expect(value(b, 'mash.decided_within_one_working_day_share', 'WITHIN_ONE_WORKING_DAY')).toBe(8);
    expect(share(b, 'mash.decided_within_one_working_day_share', 'WITHIN_ONE_WORKING_DAY')).toBe(88.9);
    expect(value(b, 'mash.within_rag_target_by_rag', 'RED')).toBe(3);
    expect(share(b, 'mash.within_rag_target_by_rag', 'RED')).toBe(75);
    expect(value(b, 'mash.within_rag_target_by_rag', 'AMBER')).toBe(5);
    expect(share(b, 'mash.within_rag_target_by_rag', 'AMBER')).toBe(100);
  });

  it('limits the figures to an area or a division', async () => {
    const blackpool = await briefing('operational', { area: 'BLACKPOOL', division: null });
    expect(total(blackpool, 'victim_referrals.total')).toBe(13);
    expect(total(blackpool, 'suspects.total')).toBe(4);
    const east = await briefing('operational', { area: null, division: 'EAST' });
    expect(total(east, 'victim_referrals.total')).toBe(14);
    expect(total(east, 'suspects.total')).toBe(4);
    expect(value(east, 'suspects.linked_by_division', 'EAST')).toBe(3);
  });
});

describe('published figures', () => {
  let b: Briefing;
  beforeAll(async () => {
    b = await briefing('published');
  });

  it('shows every count from 1 to 5 as c, and shares of suppressed cells as c', () => {
    for (const [name, f] of Object.entries(b.figures)) {
      for (const r of f.rows) {
        if (typeof r.value === 'number' && f.unit === 'count')
          expect(r.value === 0 || r.value > 5, `${name} ${r.category}`).toBe(true);
        if (r.value === 'c' && f.unit === 'count') expect(r.share === 'c' || r.share === null).toBe(true);
      }
      if (typeof f.total === 'number') expect(f.total === 0 || f.total > 5, name).toBe(true);
    }
    expect(value(b, 'children.ethnicity', 'ASIAN_PAKISTANI')).toBe('c');
    expect(value(b, 'outcomes.social_care', 'S31')).toBe('c');
    // The hand-built dataset is so small that, with its figures tied to each other, even this total would let
    // a suppressed count be worked out (the audit below proves none can be now): published mode hides it.
    expect(total(b, 'suspects.total')).toBe('c');
    expect(value(b, 'suspects.female_share', 'FEMALE')).toBe('c');
    expect(value(b, 'disposals.sentence_years_total', 'CONVICTION')).toBe('c');
    expect(b.figures['victim_referrals.total']!.previous.total).toBe('c');
    expect(b.figures['victim_referrals.total']!.change).toBe('c');
  });

  it('suppresses a second cell wherever one suppressed cell could be worked out from a total', () => {
    // Boys: 3 → c; girls (24) must go too, or 27 − 24 gives the boys away.
    expect(value(b, 'children.female_share', 'FEMALE')).toBe('c');
    const counts = t.db;
    expect(counts).toBeDefined();
  });

  it('leaves no published sum of the whole briefing with exactly one suppressed cell', async () => {
    const counts = await withTransaction(t.db, systemContext('test'), (tx) => fetchCounts(tx, PERIOD, ALL));
    const cells = new Map<string, number>();
    const equations: Equation[] = [];
    for (const f of FIGURES) {
      const table = f.compute(counts);
      if (table.total) cells.set(table.total.id, table.total.value);
      for (const r of table.rows) {
        if (!r.cell.id.startsWith('disposal.sentence_years')) cells.set(r.cell.id, r.cell.value);
        if (r.denominator) cells.set(r.denominator.id, r.denominator.value);
      }
      equations.push(...table.equations);
    }
    const hidden = suppressedCells(cells, equations);
    // No suppressed cell is fixed by everything published (the range audit over the whole briefing).
    expect(pinnedCells((id) => cells.get(id) ?? 0, equations, hidden)).toEqual([]);
    for (const eq of equations) {
      const n = [eq.total, ...eq.parts].filter((id) => hidden.has(id)).length;
      expect(n === 0 || n >= 2, `${eq.total} = ${eq.parts.join(' + ')}`).toBe(true);
      const parts = eq.parts.filter((id) => hidden.has(id));
      if (!hidden.has(eq.total) && parts.length > 0)
        expect(parts.reduce((s, id) => s + (cells.get(id) ?? 0), 0)).toBeGreaterThan(parts.length);
    }
  });
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
    expect(res.body).toContain(
      '/reports/briefing/export?from=2026-04-01&amp;to=2026-09-30&amp;mode=published&amp;format=pdf',
    );
    expect(res.body).not.toContain('Operational (exact counts)');
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
    expect(res.body).toContain('Enter the start date as YYYY-MM-DD');
  });

  it('exports CSV with the marking first and formula cells neutralised', async () => {
    const res = await member.get(`/reports/briefing/export?${query}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="briefing-partnership-2026-04-01-to-2026-09-30-published\.csv"$/,
    );
    expect(res.body.split('\r\n')[0]).toBe('OFFICIAL-SENSITIVE');
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
      // Statistics permissions are not (yet) grantable to tokens through the admin pages.
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
    // Published: hidden on this tiny dataset to protect linked small counts (see 'shows every count ...').
    expect(body.figures['victim_referrals.total']).toMatchObject({ total: 'c', previous: { total: 'c' } });
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
