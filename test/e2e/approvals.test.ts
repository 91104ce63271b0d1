/**
 * Approvals of case permissions in a real browser, across roles (SECURITY 25): the administrator asks for a
 * police token with case:read (it waits, without a secret), cannot approve it, and cannot give themselves a
 * case role; a police CSE officer finds it under Approvals, approves it with a reason and is shown the secret
 * once; the token then works. Every page is checked for the OFFICIAL-SENSITIVE marking, CSP violations,
 * broken assets and serious accessibility problems (axe-core).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAgencyWithTeam, createTestUser, type TestUser } from '../support/app.ts';
import {
  checkPage,
  describeInBrowser,
  launchBrowser,
  openWatchedPage,
  pageActions,
  signInThroughPages,
  type WatchedPage,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

describeInBrowser('approving case permissions in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | null = null;
  let watched: WatchedPage;
  let page: Page;
  const { submit, follow, expectHeading, expectNotice } = pageActions(() => page);
  let admin: TestUser;
  let officer: TestUser;
  let policeOption = '';
  let requestId = '';

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startTestServer(), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const police = await createAgencyWithTeam(server, { type: 'POLICE', area: 'BLACKPOOL' });
    const council = await createAgencyWithTeam(server, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
    const { rows } = await server.superuserQuery('SELECT name, code FROM agency WHERE id = $1', [
      police.agencyId,
    ]);
    policeOption = `${rows[0].name} (${rows[0].code})`;
    admin = await createTestUser(server, ['ADMINISTRATOR'], { agencyId: council.agencyId });
    officer = await createTestUser(server, ['CSE_OFFICER'], {
      agencyId: police.agencyId,
      teamIds: [police.teamId],
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function check(): Promise<void> {
    await checkPage(watched);
  }

  async function signInAs(user: TestUser): Promise<void> {
    await context?.close();
    const opened = await openWatchedPage(browser, server.baseUrl);
    ({ page, context } = opened);
    watched = opened;
    await signInThroughPages(page, user, check);
  }

  it('the administrator asks for a case:read token for the police: it waits, with no secret', async () => {
    await signInAs(admin);
    await follow('API tokens', page.getByRole('navigation'));
    await expectHeading('API tokens');
    await check();
    await page.getByLabel('Name of the partner system').fill('Police case system');
    await page.getByLabel('Agency the token acts for').selectOption({ label: policeOption });
    await page.getByLabel("Read the referrals one's own agency submitted, and their feedback").check();
    await page.getByLabel('Read people, referrals and case records in scope').check();
    await submit('Issue token');
    await expectNotice('Token asked for');
    await check();
    expect(await page.locator('#token-secret').count()).toBe(0);
    await expect
      .poll(() => page.getByRole('row', { name: /Police case system/ }).textContent())
      .toContain('Waiting for approval');
    const { rows } = await server.superuserQuery(
      `SELECT r.id FROM access_request r JOIN api_token k ON k.id = r.token_id WHERE k.name = 'Police case system'`,
    );
    requestId = rows[0].id;
  });

  it('the administrator cannot approve it, nor ask for a case role for their own account', async () => {
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Approvals' }).count()).toBe(0);
    const denied = await page.goto(`/approvals/${requestId}`);
    expect(denied?.status()).toBe(404);
    await check();
    const { rows } = await server.superuserQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND actor_user_id = $1 AND subject_id = $2`,
      [admin.id, requestId],
    );
    expect(rows[0].n).toBe(1);

    await page.goto(`/admin/users/${admin.id}`);
    await check();
    await page.getByLabel('MASH manager', { exact: true }).check();
    await submit('Save changes');
    await check();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('You cannot ask for case roles for your own account');
  });

  it('a police CSE officer approves it on the Approvals page and is shown the secret once; it then works', async () => {
    await signInAs(officer);
    await follow('Approvals', page.getByRole('navigation'));
    await expectHeading('Approvals');
    await check();
    await follow('API token “Police case system”');
    await expectHeading('API token “Police case system”');
    await check();
    // Without a reason the decision is refused, naming the field.
    await page.getByLabel('Approve').check();
    await submit('Save decision');
    await check();
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the reason for your decision');
    await page.getByLabel('Reason').fill('Our case system reads referrals for the CSE team');
    await submit('Save decision');
    await check();
    await expect.poll(() => page.locator('.govuk-panel').textContent()).toContain('Token issued');
    const secret = ((await page.locator('#token-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^lnt_[A-Za-z0-9_-]{40,}$/);
    const works = await server.app.inject({
      method: 'GET',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(works.statusCode).toBe(200);
    await follow('Back to approvals');
    await check();
    expect(await page.content()).not.toContain(secret);
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Nothing is waiting for your approval');
  });
});
