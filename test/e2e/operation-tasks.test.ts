/**
 * Issue 17 item 5 in Chromium, each person signing in as themself: a police CSE officer starts an operation
 * and gives a colleague a task (refused without an owner, what was typed kept) → the colleague finds it in
 * My work, opens the operation from it, and marks it done from My work → it leaves My work and the
 * operation shows it done by them. Every page is checked (marking, CSP, axe).
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import { createAgencyWithTeam, createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser, pageActions } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';

const TASK = 'Check the CCTV at the bus station';

describeInBrowser('a task in an operation reaches a colleague’s My work (issue 17)', () => {
  const journey = browserJourney();
  let page: Page;
  const { submit, follow, expectHeading, expectNotice } = pageActions(() => page);
  let officer: TestUser;
  let colleague: TestUser;
  const due = formatLocalDate(toLocalDate(new Date(Date.now() + 7 * 86_400_000)));
  const [year, month, day] = due.split('-').map(Number) as [number, number, number];

  beforeAll(async () => {
    const t = journey.server;
    const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
    const inPolice = { agencyId: police.agencyId, teamIds: [police.teamId] };
    officer = await createTestUser(t, ['CSE_OFFICER'], { ...inPolice, displayName: 'Alex Officer' });
    colleague = await createTestUser(t, ['CSE_OFFICER'], { ...inPolice, displayName: 'Sam Colleague' });
  });

  const check = () => journey.check();
  async function signInAs(user: TestUser): Promise<void> {
    await journey.signInAs(user);
    page = journey.page;
  }

  it('the officer starts an operation and gives the colleague a task', async () => {
    await signInAs(officer);
    await follow('Pursue priorities', page.getByRole('navigation'));
    await follow('Operations');
    await check();
    await follow('Start an operation');
    const operation = page.locator('#operation-form');
    await operation.getByLabel('Name of the operation').fill('Operation Kestrel');
    await operation.getByLabel('Objectives').fill('Disrupt the men who collect children after school.');
    await submit('Start the operation', operation);
    await expectHeading('Operation Kestrel');
    await check();
    const form = page.locator('#task-form');
    await form.getByLabel('What is to be done').fill(TASK);
    const dueDate = form.getByRole('group', { name: 'Due date' });
    await dueDate.getByLabel('Day').fill(String(day));
    await dueDate.getByLabel('Month').fill(String(month));
    await dueDate.getByLabel('Year').fill(String(year));
    await submit('Add the task', form);
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Select who will do the task');
    await check();
    expect(await form.getByLabel('What is to be done').inputValue()).toBe(TASK);
    expect(await dueDate.getByLabel('Day').inputValue()).toBe(String(day));
    await form.getByLabel('Who will do it').selectOption({ label: 'Sam Colleague' });
    await submit('Add the task', form);
    await expectNotice('The task has been added');
    await check();
    const row = page.locator('#tasks tbody tr', { hasText: TASK });
    await expect.poll(() => row.textContent()).toContain('Sam Colleague');
    expect(await row.textContent()).toMatch(new RegExp(`${day} \\w+ ${year}`));
    expect(await row.textContent()).toContain('Not done');
  });

  it('the colleague finds it in My work, opens the operation, and marks it done from My work', async () => {
    await signInAs(colleague);
    await follow('My work', page.getByRole('navigation'));
    await check();
    let row = page.locator('#my-work tbody tr', { hasText: TASK });
    await expect.poll(() => row.textContent()).toContain('Operation task due');
    expect(await row.textContent()).toContain('Operation Kestrel');
    await follow(TASK, row);
    await expectHeading('Operation Kestrel');
    await check();
    await follow('My work', page.getByRole('navigation'));
    row = page.locator('#my-work tbody tr', { hasText: TASK });
    await submit('Mark as done', row);
    await expectNotice('The task has been marked as done');
    await check();
    expect(await page.locator('main').textContent()).not.toContain(TASK);
    await follow('Pursue priorities', page.getByRole('navigation'));
    await follow('Operations');
    await follow('Operation Kestrel');
    await check();
    await expect
      .poll(() => page.locator('#tasks tbody tr', { hasText: TASK }).textContent())
      .toMatch(/Done .+ by Sam Colleague/);
  });
});
