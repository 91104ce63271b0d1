import { describe, expect, it } from 'vitest';
import { restrictionFormView } from './restriction-view.ts';
import type { PersonRow } from './store.ts';

const person: PersonRow = {
  id: 'p1',
  forename: 'Olivia',
  surname: null,
  dob: null,
  estimated_age: null,
  gender: null,
  agency_ids: [],
  areas: [],
  restricted: false,
  case_team: [],
  merged_into: null,
  created_at: new Date('2026-01-01T10:00:00Z'),
};
const candidates = [
  { id: 'u1', display_name: 'Sam Manager', agency_name: 'Council' },
  { id: 'u2', display_name: 'Alex Officer', agency_name: 'Police' },
];
const typed = { restricted: 'yes', caseTeam: ['u2'], justification: '' };

describe('restriction form view model', () => {
  it('names an unrestricted record and ticks the chosen case team', () => {
    const view = restrictionFormView({ person, candidates }, typed);
    expect(view).toMatchObject({
      title: 'Restrict access to this record',
      personId: 'p1',
      personName: 'Olivia',
      restrictedNow: false,
      action: '/people/p1/restriction',
    });
    expect(view.staff).toEqual([
      { value: 'u1', text: 'Sam Manager', hint: { text: 'Council' }, checked: false },
      { value: 'u2', text: 'Alex Officer', hint: { text: 'Police' }, checked: true },
    ]);
  });

  it('never names a restricted record on the form', () => {
    const view = restrictionFormView({ person: { ...person, restricted: true }, candidates: [] }, typed);
    expect(view.title).toBe('Change the restriction of this record');
    expect(view.personName).toBeNull();
  });
});
