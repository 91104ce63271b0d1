import { describe, expect, it } from 'vitest';
import { matchedOn, personPageView, recordRows, searchResultsView, timelineHref } from './person-view.ts';
import type { PersonRow, SourceRecordRow } from './store.ts';

const record: SourceRecordRow = {
  id: 's1',
  agency_id: 'school',
  agency_name: 'Highfield School',
  submitted_at: new Date('2026-01-01T10:00:00Z'),
  submitted_by_label: 'Pat Teacher',
  provenance: 'Referral form',
  subject_role: 'CHILD',
  forename: 'Olivia',
  surname: 'Pemberton',
  aliases: ['Liv'],
  dob: null,
  estimated_age: 14,
  gender: 'FEMALE',
  ethnicity: null,
  nhs_number: '9434765919',
  school_upn: null,
  police_ref: null,
  la_id: null,
  living_situation: null,
  looked_after: true,
  learning_disability_or_sen: null,
  camhs_contact: false,
  addresses: [{ line1: '1 Mill Lane', town: null, postcode: 'FY1 3CD', from: null, to: null }],
};

const person: PersonRow = {
  id: 'p1',
  forename: 'Olivia',
  surname: 'Pemberton',
  dob: '2011-06-15',
  estimated_age: null,
  gender: 'FEMALE',
  agency_ids: ['school'],
  areas: ['BLACKPOOL'],
  restricted: false,
  case_team: [],
  merged_into: null,
  created_at: new Date('2026-01-01T10:00:00Z'),
};

describe('person view models', () => {
  it('shows a source record as labelled rows, with the child’s care questions', () => {
    const rows = recordRows(record);
    expect(rows.map((r) => r.key)).toEqual([
      'Recorded as',
      'Name',
      'Other names',
      'Date of birth',
      'Gender',
      'NHS number',
      'Address',
      'Looked after',
      'SEN or learning disability',
      'In contact with CAMHS',
    ]);
    expect(rows[0]!.value).toBe('Child');
    expect(rows[3]!.value).toBe('Not known (about 14)');
    expect(rows[4]!.value).not.toBe('FEMALE');
    expect(rows[6]!.value).toBe('1 Mill Lane, FY1 3CD');
    expect(rows.slice(-3).map((r) => r.value)).toEqual(['Yes', 'Not known', 'No']);
    expect(recordRows({ ...record, subject_role: 'SUSPECT' }).map((r) => r.key)).not.toContain(
      'Looked after',
    );
  });

  it('links the timeline to referrals and suspect referrals only', () => {
    expect(timelineHref({ kind: 'VICTIM_REFERRAL', record_id: 'r1' })).toBe('/referrals/r1');
    expect(timelineHref({ kind: 'NAMED_ON_REFERRAL', record_id: 'r1' })).toBe('/referrals/r1');
    expect(timelineHref({ kind: 'LINKED_BY_SUSPECT_REFERRAL', record_id: 'r2' })).toBe(
      '/suspect-referrals/r2',
    );
    expect(timelineHref({ kind: 'SOURCE_RECORD', record_id: 's1' })).toBeNull();
  });

  it('says what a result matched on', () => {
    expect(matchedOn(['name', 'postcode'], {})).toBe('name, postcode');
    expect(matchedOn(null, { name: 'x', identifier: 'y' })).toBe('name, identifier');
  });

  it('shows search results with their link, flag and probability', () => {
    const [row] = searchResultsView(
      [{ ...person, score: 1, matched_on: ['name'], referrals: 2 }],
      { name: 'Olivia' },
      new Map([['p1', { percent: '97.0%' }]]),
      new Map([['p1', 'flag']]),
    );
    expect(row).toMatchObject({
      id: 'p1',
      href: '/people/p1',
      name: 'Olivia Pemberton',
      age: '15 June 2011',
      matched: 'name',
      referrals: 2,
      probability: '97.0%',
      cseFlag: 'flag',
    });
    expect(
      searchResultsView(
        [{ ...person, gender: null, score: 1, matched_on: [], referrals: 0 }],
        {},
        null,
        new Map(),
      )[0],
    ).toMatchObject({ gender: 'Not known', probability: null, cseFlag: null });
  });

  it('groups records by agency and offers only what the viewer may do', () => {
    const view = personPageView({
      person,
      sourceRecords: [record, { ...record, id: 's2' }],
      timeline: [
        {
          at: record.submitted_at,
          kind: 'VICTIM_REFERRAL',
          agency_name: 'Highfield School',
          reference: 'REF-1',
          record_id: 'r1',
          summary: 'Referred',
        },
      ],
      history: null,
      cseFlag: null,
      abilities: { seesCasework: false, caseWork: false, canMerge: false, canRestrict: true },
      notice: null,
    });
    expect(view.title).toBe('Olivia Pemberton');
    expect(view.person).toEqual({
      id: 'p1',
      name: 'Olivia Pemberton',
      age: '15 June 2011',
      gender: expect.any(String),
      restricted: false,
    });
    expect(view.agencies).toHaveLength(1);
    expect(view.agencies[0]!.records.map((r) => r['id'])).toEqual(['s1', 's2']);
    expect(view.timeline[0]).toEqual({
      at: record.submitted_at,
      agency: 'Highfield School',
      summary: 'Referred',
      reference: 'REF-1',
      href: '/referrals/r1',
    });
    expect(view).toMatchObject({
      showCse: false,
      canMerge: false,
      canRestrict: true,
      restrictionHref: '/people/p1/restriction',
      mergeHref: '/people/p1/merge',
    });
  });
});
