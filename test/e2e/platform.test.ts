/**
 * The platform in a real browser, as a first administrator meets it: the one-time setup link, sign-in with
 * a password and TOTP enrolment, the home page, adding an agency, a team and a user through the
 * administration pages, and signing out. Every page is checked for the OFFICIAL-SENSITIVE marking, CSP
 * violations, broken assets and serious accessibility problems (axe-core).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { issueSetupTokenIfEmpty } from '../../src/admin/setup.ts';
import { currentTotpCode } from '../../src/platform/auth/totp.ts';
import { describeInBrowser } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { TMP } from '../support/engines.ts';
import type { TestServer } from '../support/server.ts';

const ADMIN = {
  agencyName: 'Northbridge Children’s Services',
  agencyCode: 'NB-CSC',
  displayName: 'Morgan Setup',
  email: 'morgan.setup@example.org',
  username: 'morgan.setup',
  password: 'A long first-admin passphrase 42',
};

// What the administrator adds through the administration pages (fictional).
const AGENCY = { name: 'Eastfield Constabulary', code: 'EF-POL', typeLabel: 'Police', area: 'EASTFIELD' };
const TEAM = 'Eastfield CSE team';
const USER = {
  username: 'casey.officer',
  displayName: 'Casey Officer',
  email: 'casey.officer@example.org',
  roleLabel: 'CSE team officer',
  password: 'Officer first passphrase 7',
};

describeInBrowser('first start and administration in Chromium', () => {
  const journey = browserJourney();
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = journey.server;
    await journey.openPage();
    ({ page, context } = journey);
  });

  /** Submits the form the button is in and waits for the page the server answers with. */
  async function submit(button: string | RegExp): Promise<void> {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: button }).click(),
    ]);
  }

  async function expectHeading(name: string | RegExp): Promise<void> {
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(name);
  }

  let shot = 0;
  /** checkPage on the page now shown; E2E_SCREENSHOTS=1 also saves each one to .tmp/e2e-page-N.png. */
  async function check(): Promise<void> {
    await journey.check();
    if (process.env['E2E_SCREENSHOTS'] === '1') {
      shot += 1;
      await page.screenshot({
        path: join(TMP, `e2e-page-${String(shot).padStart(2, '0')}.png`),
        fullPage: true,
      });
    }
  }

  async function visit(path: string): Promise<void> {
    const response = await page.goto(path);
    expect(response?.status(), `GET ${path}`).toBe(200);
    await check();
  }

  it('sets up the first administrator from the one-time link, enrols TOTP and reaches the home page', async () => {
    const token = await issueSetupTokenIfEmpty(server.db);
    expect(token).toBeTruthy();

    await visit(`/setup/${token}`);
    await expectHeading('Set up Lantern');
    await page.getByLabel('Agency name').fill(ADMIN.agencyName);
    await page.getByLabel('Short code').fill(ADMIN.agencyCode);
    await page.getByLabel('Type of agency').selectOption({ label: 'Children’s social care' });
    await page.getByLabel('Full name').fill(ADMIN.displayName);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Confirm password').fill(ADMIN.password);
    await submit('Create account');

    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await check();
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await submit('Continue');

    // First sign-in: the session cookie (__Host-, Secure) must have been kept over http://localhost.
    expect(new URL(page.url()).pathname).toBe('/sign-in/enrol');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === '__Host-lantern_session')).toMatchObject({
      secure: true,
      httpOnly: true,
    });
    await check();
    const secret = (await page.locator('#totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('Enter the 6-digit code your app shows').fill(await currentTotpCode(secret));
    await submit('Finish setting up');

    expect(new URL(page.url()).pathname).toBe('/');
    await check();
    await expectHeading('Lantern');
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain(`You are signed in as ${ADMIN.username}`);
    mkdirSync(TMP, { recursive: true });
    await page.screenshot({ path: join(TMP, 'e2e-home.png'), fullPage: true });
  });

  it('adds an agency, a team and a user through the administration pages', async () => {
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('navigation').getByRole('link', { name: 'Agencies and teams' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/admin/agencies');
    await check();
    await expectHeading('Agencies and teams');

    await page.getByLabel('Agency name').fill(AGENCY.name);
    await page.getByLabel('Short code').fill(AGENCY.code);
    await page.getByLabel('Type of agency').selectOption({ label: AGENCY.typeLabel });
    await page.getByLabel('Area (optional)').fill(AGENCY.area);
    await submit('Add agency');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/agencies\/[0-9a-f-]{36}$/);
    await check();
    await expectHeading(AGENCY.name);
    await expect
      .poll(() => page.locator('.govuk-notification-banner').textContent())
      .toContain('Agency added');

    await page.getByLabel('Team name').fill(TEAM);
    await submit('Add team');
    await check();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Team added');
    await expect.poll(() => page.getByRole('cell', { name: TEAM, exact: true }).count()).toBe(1);

    await visit('/admin/users');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.getByRole('button', { name: 'Add a user' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/admin/users/new');
    await check();
    await expectHeading('Add a user');
    await page.getByLabel('Username').fill(USER.username);
    await page.getByLabel('Full name').fill(USER.displayName);
    await page.getByLabel('Email address (optional)').fill(USER.email);
    await page
      .getByLabel('Agency', { exact: true })
      .selectOption({ label: `${AGENCY.name} (${AGENCY.code})` });
    await page.getByLabel(USER.roleLabel, { exact: true }).check();
    await page.getByRole('group', { name: AGENCY.name }).getByLabel(TEAM).check();
    await page.getByLabel('Initial password').fill(USER.password);
    await submit('Add user');
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/users\/[0-9a-f-]{36}$/);
    await check();
    await expectHeading(USER.displayName);
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('User added');

    const { rows } = await server.superuserQuery(
      `SELECT u.display_name, u.roles, a.code AS agency, array_agg(t.name) AS teams
         FROM app_user u JOIN agency a ON a.id = u.agency_id
         JOIN user_team ut ON ut.user_id = u.id JOIN team t ON t.id = ut.team_id
        WHERE u.username = $1 GROUP BY u.id, a.code`,
      [USER.username],
    );
    // A CSE officer's role reaches case data: it waits for a case-permission holder's approval (SECURITY 25).
    expect(rows).toEqual([{ display_name: USER.displayName, roles: [], agency: AGENCY.code, teams: [TEAM] }]);
    const waiting = await server.superuserQuery(
      `SELECT r.roles FROM access_request r JOIN app_user u ON u.id = r.user_id
        WHERE u.username = $1 AND r.status = 'PENDING'`,
      [USER.username],
    );
    expect(waiting.rows).toEqual([{ roles: ['CSE_OFFICER'] }]);
  });

  it('signs out, after which the pages ask for sign-in again', async () => {
    await visit('/');
    await submit('Sign out');
    expect(new URL(page.url()).pathname).toBe('/signed-out');
    await check();
    await expectHeading('You have signed out');
    // The browser must drop the session cookie too. A `__Host-` cookie is only replaced (or deleted) by a
    // Set-Cookie that is itself Secure with Path=/: clearing it without `secure: true` is ignored.
    expect(
      (await context.cookies()).map((c) => c.name),
      'the session cookie is still in the browser after signing out',
    ).not.toContain('__Host-lantern_session');
    await page.goto('/admin/users');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await check();
  });

  it('lets the new user sign in with the initial password and set up their authenticator app', async () => {
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill(USER.username);
    await page.getByLabel('Password', { exact: true }).fill(USER.password);
    await submit('Continue');
    expect(new URL(page.url()).pathname).toBe('/sign-in/enrol');
    const secret = (await page.locator('#totp-secret').textContent())?.trim() ?? '';
    await page.getByLabel('Enter the 6-digit code your app shows').fill(await currentTotpCode(secret));
    await submit('Finish setting up');
    expect(new URL(page.url()).pathname).toBe('/');
    await check();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain(`You are signed in as ${USER.username}`);
    // A CSE officer is no administrator: no administration links, and the pages answer 403.
    expect(await page.getByRole('link', { name: 'Agencies and teams' }).count()).toBe(0);
    const denied = await page.goto('/admin/agencies');
    expect(denied?.status()).toBe(403);
    await check();
    await submit('Sign out');
    expect(new URL(page.url()).pathname).toBe('/signed-out');
  });
});
