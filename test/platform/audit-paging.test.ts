/**
 * The audit log pages 100 events at a time, newest first (LIMIT/OFFSET in SQL, anchored at the newest event
 * when page 1 was shown so new events do not shift the pages). The latest events page with GOV.UK pagination
 * links carrying only page and sequence numbers; the filtered search stays a POST and pages by buttons that
 * send the filter again. A page number that is not a whole number from 1 falls back to page 1; every view is
 * audited with its page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../../src/platform/audit/store.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { PageClient, TestApp } from '../support/app.ts';
import { createTestApp, createTestUser, signIn } from '../support/app.ts';

let t: TestApp;
let auditor: PageClient;

beforeAll(async () => {
  t = await createTestApp();
  await withTransaction(t.db, systemContext('test'), async (tx) => {
    for (let i = 0; i < 130; i++)
      await appendAuditEvent(tx, { action: 'PAGING_TEST', subjectType: 'thing', subjectId: `s${i}` });
  });
  auditor = await signIn(t, await createTestUser(t, ['AUDITOR']));
});
afterAll(async () => {
  await t?.close();
});

const seqsOf = (body: string) =>
  [...body.matchAll(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell">(\d+)<\/td>/g)].map((m) =>
    Number(m[1]),
  );
const lastAudit = async (action: string) =>
  (
    await t.superuserQuery('SELECT details FROM audit_event WHERE action = $1 ORDER BY seq DESC LIMIT 1', [
      action,
    ])
  ).rows[0].details;

describe('the audit log pages', () => {
  it('pages the latest events newest first, 100 at a time, with links of numbers only', async () => {
    const { rows } = await t.superuserQuery(
      'SELECT count(*)::int AS n, max(seq)::int AS top FROM audit_event',
    );
    const { n: total, top } = rows[0];
    expect(total).toBeGreaterThan(100);
    expect(total).toBeLessThan(200);
    const first = await auditor.get('/audit');
    expect(first.statusCode).toBe(200);
    const one = seqsOf(first.body);
    expect(one.length).toBe(100);
    expect(one[0]).toBe(top);
    expect(one).toEqual([...one].sort((a, b) => b - a));
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain(`href="/audit?page=2&amp;upto=${top}"`);
    expect(await lastAudit('AUDIT_VIEW')).toMatchObject({ shown: 100, page: 1 });

    // Events written since page 1 (this view's own among them) do not shift page 2.
    const second = await auditor.get(`/audit?page=2&upto=${top}`);
    expect(second.statusCode).toBe(200);
    const two = seqsOf(second.body);
    expect(two.length).toBe(total - 100);
    expect(Math.max(...two)).toBeLessThan(Math.min(...one));
    expect(second.body).toContain(`href="/audit?page=1&amp;upto=${top}"`);
    expect(second.body).not.toContain('Older events');
    expect(await lastAudit('AUDIT_VIEW')).toMatchObject({ shown: total - 100, page: 2 });

    for (const bad of ['0', '-1', 'x', '1.5', '99999999']) {
      const page = await auditor.get(`/audit?page=${bad}&upto=nope`);
      expect(page.statusCode).toBe(200);
      expect(seqsOf(page.body).length).toBe(100);
    }
  });

  it('pages a filtered search by POST, sending the filter again with the page', async () => {
    const first = await auditor.post('/audit', { action: 'PAGING_TEST' });
    expect(first.statusCode).toBe(200);
    expect(seqsOf(first.body).length).toBe(100);
    expect(first.body).toContain('name="page" value="2"');
    expect(first.body).toContain('name="action" value="PAGING_TEST"');
    const upto = /name="upto" value="(\d+)"/.exec(first.body)?.[1];
    expect(upto).toBeDefined();
    expect(await lastAudit('AUDIT_SEARCH')).toMatchObject({ shown: 100, page: 1, filter: ['action'] });

    const second = await auditor.post('/audit', { action: 'PAGING_TEST', page: '2', upto: upto! });
    expect(second.statusCode).toBe(200);
    expect(seqsOf(second.body).length).toBe(30);
    expect(second.body).toContain('name="page" value="1"');
    expect(await lastAudit('AUDIT_SEARCH')).toMatchObject({ shown: 30, page: 2 });

    const bad = await auditor.post('/audit', { action: 'PAGING_TEST', page: 'two', upto: upto! });
    expect(bad.statusCode).toBe(200);
    expect(seqsOf(bad.body).length).toBe(100);
  });
});
