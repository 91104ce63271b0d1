import { describe, expect, it } from 'vitest';
import { blankPerson } from './form.ts';
import type { EarlierReferralRow, LinkedPersonRow } from './store.ts';
import { REFERRAL_ID as ID, referralRowForTest } from './view-models.test-support.ts';
import {
  checkErrors,
  childSearchItems,
  chosenPersonLabel,
  confirmationView,
  draftPeopleRows,
  earlierAtIntakeView,
  personName,
  referralListItem,
  referralPageView,
  statusLabel,
} from './view-models.ts';

describe('referral view models', () => {
  it('names people, or says the name is not known', () => {
    expect(personName('Jessica', 'Smith')).toBe('Jessica Smith');
    expect(personName(null, 'Smith')).toBe('Smith');
    expect(personName(null, null)).toBe('Name not known');
    expect(chosenPersonLabel({ forename: 'Jessica', surname: 'Smith', dob: '2012-05-14' })).toBe(
      'Jessica Smith, born 14 May 2012',
    );
    expect(chosenPersonLabel({ forename: 'Jessica', surname: null, dob: null })).toBe('Jessica');
  });

  it('labels statuses, including ones it does not list', () => {
    expect(statusLabel('IN_RESEARCH')).toBe('Being researched');
    expect(statusLabel('ON_HOLD')).toBe('On hold');
  });

  it('a list row carries labels, the child’s name and its link, not the row', () => {
    const item = referralListItem(referralRowForTest(), 'school');
    expect(item).toMatchObject({
      href: `/referrals/${ID}`,
      childName: 'Jessica Smith',
      statusLabel: 'Being researched',
      outcomeLabel: null,
      own: true,
    });
    expect(item).not.toHaveProperty('concerns');
    expect(referralListItem(referralRowForTest(), 'police').own).toBe(false);
  });

  it('a referral page has every coded answer as a label, and the people named', () => {
    const people: LinkedPersonRow[] = [
      { person_id: 'p2', role: 'SUSPECT', relationship: 'Boyfriend', forename: 'Darren', surname: null },
    ];
    const earlier: EarlierReferralRow[] = [
      {
        id: 'e1',
        reference: 'VR-2025-000009',
        received_at: new Date('2025-01-01T00:00:00Z'),
        referring_agency_name: 'Police',
        category: 'VICTIM_OF_CRIME',
        status: 'CLOSED',
        outcome: null,
      },
    ];
    const view = referralPageView({ referral: referralRowForTest(), people, earlier, caseReader: true });
    expect(view.title).toBe('Referral VR-2026-000001');
    expect(view.childName).toBe('Jessica Smith');
    expect(view.labels.status).toBe('Being researched');
    expect(view.labels.indicators).toHaveLength(1);
    expect(view.labels.indicators[0]).not.toBe('GOING_MISSING');
    expect(view.people).toEqual([
      { person_id: 'p2', relationship: 'Boyfriend', name: 'Darren', roleLabel: 'Suspect' },
    ]);
    expect(view.earlier[0]).toMatchObject({
      href: '/referrals/e1',
      statusLabel: 'Closed',
      outcomeLabel: null,
    });
    expect(view.referral).toMatchObject({ href: `/referrals/${ID}`, prior_referrals_ever: 2 });
    // The clock runs from Lantern's receipt; the referrer's "concern noticed" time is shown as such.
    const rows = Object.fromEntries(view.submitted.map((r) => [r.key, r.value]));
    expect(rows['Received']).toBe('1 March 2026 at 10am');
    expect(rows['Concern noticed']).toBe('27 February 2026 at 4:30pm');
    expect(rows['Received by the partner system']).toBeUndefined();
    expect(view.division).toMatchObject({ label: 'West division', corrected: null });
    expect(confirmationView(referralRowForTest())).toEqual({
      id: ID,
      href: `/referrals/${ID}`,
      reference: 'VR-2026-000001',
      // The hub's name, not its code.
      area: 'Blackpool',
      prior_referrals_12m: 1,
      prior_referrals_ever: 2,
    });
    expect(earlierAtIntakeView({ referrals: earlier, within12Months: 0, ever: 1 })).toMatchObject({
      within12Months: 0,
      ever: 1,
      referrals: [{ id: 'e1', href: '/referrals/e1' }],
    });
  });

  it('search results become radios with what matched and how often the person was referred', () => {
    const items = childSearchItems(
      [
        {
          id: 'a',
          forename: 'Jess',
          surname: 'Smith',
          dob: null,
          estimated_age: 14,
          matched_on: [],
          referrals: 1,
        },
      ],
      { name: 'Jess Smith', dob: '' },
    );
    expect(items).toEqual([
      { value: 'a', text: 'Jess Smith', hint: { text: 'About 14 years old · matched on name · 1 referral' } },
    ]);
  });

  it('people on the draft show their role and a name, alias or that it is not known', () => {
    const details = { ...blankPerson(), aliases: 'Daz' };
    expect(draftPeopleRows([{ role: 'ASSOCIATE', relationship: 'Cousin', details }])).toEqual([
      { index: 0, role: 'Associate', name: 'Daz', relationship: 'Cousin' },
    ]);
  });

  it('errors on "Check your answers" link to the step that answers them, once each', () => {
    const { errorList } = checkErrors('d1', [
      { field: 'suspects[1].forename', message: 'Enter a name' },
      { field: 'urgency', message: 'Select the urgency' },
      { field: 'urgency', message: 'Select the urgency' },
    ]);
    expect(errorList).toEqual([
      { text: 'Suspect 2: Enter a name', href: '/referrals/drafts/d1/suspects?from=check' },
      { text: 'Select the urgency', href: '/referrals/drafts/d1/urgency?from=check' },
    ]);
  });
});
