/**
 * Restricting a child's record, across agencies in Chromium: a MASH manager restricts it to a case team
 * with a police CSE officer on it; a MASH practitioner outside the team then finds nothing (and the denial
 * is audited); the officer opens it with a reason and lifts the restriction; the practitioner can open it
 * again. Every page is checked with axe, for the marking, CSP and assets.
 */
import { beforeAll, expect, it } from 'vitest';
import { createAgencyWithTeam, createTestUser, type TestUser } from '../support/app.ts';
import { describeInBrowser } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { ago, MINUTE, personDetails, referVictim, victimReferral } from '../support/factories/index.ts';

describeInBrowser('restricting a record in Chromium', () => {
  const journey = browserJourney();
  const { check, signInAs } = journey;
  const { submit, follow, expectHeading, expectNotice } = journey.actions;
  const users: Record<string, TestUser> = {};
  const names: Record<string, string> = {};
  let personId = '';

  beforeAll(async () => {
    const school = await createAgencyWithTeam(journey.server, { type: 'EDUCATION', area: 'BLACKPOOL' });
    const council = await createAgencyWithTeam(journey.server, {
      type: 'CHILDRENS_SOCIAL_CARE',
      area: 'BLACKPOOL',
    });
    const police = await createAgencyWithTeam(journey.server, { type: 'POLICE', area: 'BLACKPOOL' });
    const make = async (
      name: string,
      role: 'REFERRER' | 'MASH_MANAGER' | 'MASH_PRACTITIONER' | 'CSE_OFFICER',
      at: typeof school,
    ) => {
      users[name] = await createTestUser(journey.server, [role], {
        agencyId: at.agencyId,
        teamIds: [at.teamId],
      });
      const { rows } = await journey.server.superuserQuery(
        'SELECT display_name FROM app_user WHERE id = $1',
        [users[name]!.id],
      );
      names[name] = rows[0].display_name;
    };
    await make('referrer', 'REFERRER', school);
    await make('manager', 'MASH_MANAGER', council);
    await make('practitioner', 'MASH_PRACTITIONER', council);
    await make('officer', 'CSE_OFFICER', police);
    const created = await referVictim(
      journey.server.db,
      users['referrer']!,
      victimReferral.with('fromTeacher', 'modelUnknown').build({
        concernNoticedAt: ago(30 * MINUTE),
        child: {
          details: personDetails.build({ forename: 'Nadia', surname: 'Fairbrook', dob: '2011-06-14' }),
        },
        concerns: 'A parent at the school is a councillor; seen with older men.',
      }),
    );
    personId = created.personId;
  });

  async function restrictionEvents() {
    const { rows } = await journey.server.superuserQuery(
      `SELECT actor_user_id, justification, details FROM audit_event
        WHERE action = 'PERSON_RESTRICTION_CHANGE' AND subject_id = $1 ORDER BY seq`,
      [personId],
    );
    return rows as Array<{ actor_user_id: string; justification: string; details: Record<string, unknown> }>;
  }

  it('lets the MASH manager restrict the record to a case team, with a reason', async () => {
    await signInAs(users['manager']!);
    await journey.page.goto(`/people/${personId}`);
    await expectHeading(/Nadia Fairbrook/);
    await check();
    await follow(/Restrict access to this record/);
    await expectHeading('Restrict access to this record');
    await check();
    // Missing reason: the form says so and keeps what was chosen.
    await journey.page.getByLabel(names['officer']!).check();
    await submit('Save the restriction');
    await expect
      .poll(() => journey.page.locator('.govuk-error-summary').textContent())
      .toMatch(/Explain why/);
    await check();
    expect(await journey.page.getByLabel(names['officer']!).isChecked()).toBe(true);
    await journey.page.getByLabel('Reason').fill('Family member of a local councillor: need to know only.');
    await submit('Save the restriction');
    // The record is restricted: even its own team opens it only with a reason.
    await expectHeading('Why are you opening this record?');
    await check();
    const [event] = await restrictionEvents();
    expect(event).toMatchObject({
      actor_user_id: users['manager']!.id,
      justification: 'Family member of a local councillor: need to know only.',
      details: { restricted: true, restrictedBefore: false, caseTeam: 2 },
    });
  });

  it('hides the record from a practitioner outside the case team, and audits the denial', async () => {
    await signInAs(users['practitioner']!);
    const response = await journey.page.goto(`/people/${personId}`);
    expect(response?.status()).toBe(404);
    await expectHeading('Page not found');
    await check();
    expect(await journey.page.content()).not.toContain('Fairbrook');
    const { rows } = await journey.server.superuserQuery(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND subject_id = $1
          AND actor_user_id = $2`,
      [personId, users['practitioner']!.id],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
    const change = await journey.page.goto(`/people/${personId}/restriction`);
    expect(change?.status()).toBe(404);
  });

  it('lets the police officer on the case team open it with a reason and lift the restriction', async () => {
    await signInAs(users['officer']!);
    await journey.page.goto(`/people/${personId}`);
    await expectHeading('Why are you opening this record?');
    await journey.page
      .getByLabel('Reason for opening the record')
      .fill('Planning a joint visit with the MASH.');
    await submit('Open the record');
    await expectHeading(/Nadia Fairbrook/);
    await check();
    await follow(/Change the restriction or case team/);
    await expectHeading('Change the restriction of this record');
    await check();
    expect(await journey.page.content()).not.toContain('Fairbrook');
    await journey.page.getByLabel('No, lift the restriction').check();
    await journey.page.getByLabel('Reason').fill('Councillor link was mistaken; no longer sensitive.');
    await submit('Save the restriction');
    await expectNotice('Restriction lifted');
    await check();
    const events = await restrictionEvents();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      actor_user_id: users['officer']!.id,
      details: { restricted: false, restrictedBefore: true, caseTeam: 0 },
    });
  });

  it('opens the record again to the practitioner', async () => {
    await signInAs(users['practitioner']!);
    await journey.page.goto(`/people/${personId}`);
    await expectHeading(/Nadia Fairbrook/);
    await check();
  });
});
