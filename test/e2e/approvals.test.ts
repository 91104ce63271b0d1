/**
 * Approvals of case permissions in a real browser, across roles (SECURITY 25): the administrator asks for a
 * police token with case:read (it waits, without a secret), cannot approve it, and cannot give themselves a
 * case role; a police CSE officer finds it under Approvals, approves it with a reason and is shown the secret
 * once; the token then works. Every page is checked for the OFFICIAL-SENSITIVE marking, CSP violations,
 * broken assets and serious accessibility problems (axe-core).
 */
import { beforeAll, expect, it } from 'vitest';
import { createAgencyWithTeam, createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';

describeInBrowser('approving case permissions in Chromium', () => {
  const journey = browserJourney();
  const { check, signInAs } = journey;
  const { submit, follow, expectHeading, expectNotice } = journey.actions;
  let admin: TestUser;
  let officer: TestUser;
  let policeOption = '';
  let requestId = '';

  beforeAll(async () => {
    const police = await createAgencyWithTeam(journey.server, { type: 'POLICE', area: 'BLACKPOOL' });
    const council = await createAgencyWithTeam(journey.server, {
      type: 'CHILDRENS_SOCIAL_CARE',
      area: 'BLACKPOOL',
    });
    const { rows } = await journey.server.superuserQuery('SELECT name, code FROM agency WHERE id = $1', [
      police.agencyId,
    ]);
    policeOption = `${rows[0].name} (${rows[0].code})`;
    admin = await createTestUser(journey.server, ['ADMINISTRATOR'], { agencyId: council.agencyId });
    officer = await createTestUser(journey.server, ['CSE_OFFICER'], {
      agencyId: police.agencyId,
      teamIds: [police.teamId],
    });
  });

  it('the administrator asks for a case:read token for the police: it waits, with no secret', async () => {
    await signInAs(admin);
    await follow('API tokens', journey.page.getByRole('navigation'));
    await expectHeading('API tokens');
    await check();
    await journey.page.getByLabel('Name of the partner system').fill('Police case system');
    await journey.page.getByLabel('Agency the token acts for').selectOption({ label: policeOption });
    await journey.page
      .getByLabel("Read the referrals one's own agency submitted, and their feedback")
      .check();
    await journey.page.getByLabel('Read people, referrals and case records in scope').check();
    await submit('Issue token');
    await expectNotice('Token asked for');
    await check();
    expect(await journey.page.locator('#token-secret').count()).toBe(0);
    await expect
      .poll(() => journey.page.getByRole('row', { name: /Police case system/ }).textContent())
      .toContain('Waiting for approval');
    const { rows } = await journey.server.superuserQuery(
      `SELECT r.id FROM access_request r JOIN api_token k ON k.id = r.token_id WHERE k.name = 'Police case system'`,
    );
    requestId = rows[0].id;
  });

  it('the administrator cannot approve it, nor ask for a case role for their own account', async () => {
    expect(await journey.page.getByRole('navigation').getByRole('link', { name: 'Approvals' }).count()).toBe(
      0,
    );
    const denied = await journey.page.goto(`/approvals/${requestId}`);
    expect(denied?.status()).toBe(404);
    await check();
    const { rows } = await journey.server.superuserQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND actor_user_id = $1 AND subject_id = $2`,
      [admin.id, requestId],
    );
    expect(rows[0].n).toBe(1);

    await journey.page.goto(`/admin/users/${admin.id}`);
    await check();
    await journey.page.getByLabel('MASH manager', { exact: true }).check();
    await submit('Save changes');
    await check();
    await expect
      .poll(() => journey.page.locator('.govuk-error-summary').textContent())
      .toContain('You cannot ask for case roles for your own account');
  });

  it('a police CSE officer approves it on the Approvals page and is shown the secret once; it then works', async () => {
    await signInAs(officer);
    await follow('Approvals', journey.page.getByRole('navigation'));
    await expectHeading('Approvals');
    await check();
    await follow('API token “Police case system”');
    await expectHeading('API token “Police case system”');
    await check();
    // Without a reason the decision is refused, naming the field.
    await journey.page.getByLabel('Approve').check();
    await submit('Save decision');
    await check();
    await expect
      .poll(() => journey.page.locator('.govuk-error-summary').textContent())
      .toContain('Enter the reason for your decision');
    await journey.page.getByLabel('Reason').fill('Our case system reads referrals for the CSE team');
    await submit('Save decision');
    await check();
    await expect.poll(() => journey.page.locator('.govuk-panel').textContent()).toContain('Token issued');
    const secret = ((await journey.page.locator('#token-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^lnt_[A-Za-z0-9_-]{40,}$/);
    const works = await journey.server.app.inject({
      method: 'GET',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(works.statusCode).toBe(200);
    await follow('Back to approvals');
    await check();
    expect(await journey.page.content()).not.toContain(secret);
    await expect
      .poll(() => journey.page.locator('main').textContent())
      .toContain('Nothing is waiting for your approval');
  });
});
