import { describe, expect, it } from 'vitest';
import type { SuspectReferralRow } from './store.ts';
import { blankSuspectForm, suspectErrors, suspectFormView, suspectReferralView } from './suspect-view.ts';
import { referralRowForTest } from './view-models.test-support.ts';

const NOW = { date: { day: '1', month: '3', year: '2026' }, time: '10:00' };

describe('suspect referral view models', () => {
  it('the form offers each child the referrer may see once, checked and linked as typed', () => {
    const values = { ...blankSuspectForm(NOW), linked: ['p1'], linkTypes: { p1: 'GROOMER' } };
    const rows = [
      referralRowForTest({ id: 'r1', person_id: 'p1', reference: 'VR-1' }),
      referralRowForTest({ id: 'r2', person_id: 'p1', reference: 'VR-2' }),
      referralRowForTest({
        id: 'r3',
        person_id: 'p2',
        reference: 'VR-3',
        child_forename: null,
        child_surname: null,
      }),
    ];
    const view = suspectFormView(values, rows, ['BLACKPOOL'], []);
    expect(view.children.map((c) => [c.personId, c.name, c.reference, c.checked])).toEqual([
      ['p1', 'Jessica Smith', 'VR-1', true],
      ['p2', 'Name not known', 'VR-3', false],
    ]);
    expect(view.children[0]!.linkItems.find((i) => i.selected)?.value).toBe('GROOMER');
    expect(view.values.received).toEqual(NOW.date);
    expect(view.areaItems.map((a) => a.value)).toEqual(['', 'BLACKPOOL']);
    expect(view.errorList).toEqual([]);
  });

  it('errors name the form’s inputs, a link type naming its child', () => {
    const { fieldErrors } = suspectErrors(
      [
        { field: 'linkedChildren[0].linkType', message: 'Select how they are linked' },
        { field: 'receivedAt', message: 'Enter when' },
        { field: 'role', message: 'Select a role' },
        { field: 'suspect.address.postcode', message: 'Enter a postcode' },
      ],
      ['p1'],
    );
    expect(Object.keys(fieldErrors)).toEqual(['linkType-p1', 'received', 'suspectRole', 'postcode']);
  });

  it('a suspect referral shows labels, the name and the linked children, with its link', () => {
    const row: SuspectReferralRow = {
      id: 's1',
      reference: 'SR-2026-000001',
      person_id: 'p9',
      referring_agency_id: 'school',
      referring_agency_name: 'Blackpool Academy',
      practitioner_name: 'Pat',
      received_at: new Date('2026-03-01T10:00:00Z'),
      status: 'SUSPECT',
      role: 'FACILITATOR',
      source: 'VICTIM_REFERRAL',
      division: null,
      area: 'BLACKPOOL',
      notes: null,
      forename: null,
      surname: 'Whitfield',
      gender: 'MALE',
      ethnicity: null,
      linked_children: [{ personId: 'p1', linkType: 'GROOMER', note: null }],
    };
    const view = suspectReferralView(row);
    expect(view.name).toBe('Whitfield');
    expect(view.referral.href).toBe('/suspect-referrals/s1');
    expect(view.labels).toMatchObject({ status: 'Suspect', role: 'Facilitator' });
    expect(view.links).toEqual([{ personId: 'p1', note: null, linkLabel: 'Groomer' }]);
  });
});
