import { describe, expect, it } from 'vitest';
import type { InterviewRow } from './interview-store.ts';
import type { EpisodeRow } from './store.ts';
import {
  dateTimeText,
  episodeSummary,
  interviewStateView,
  interviewSummary,
  nameOf,
  placementsPage,
  rhiDuePage,
} from './view-models.ts';

const episode: EpisodeRow = {
  id: 'e1',
  person_id: 'p1',
  type: 'MISSING_FROM_CARE',
  from_kind: 'PLACEMENT',
  placement_id: 'pl1',
  placement_code: 'CH-01',
  placement_name: 'Willow House',
  from_postcode: null,
  reported_at: new Date('2026-05-01T21:30:00Z'),
  reported_by_agency_id: 'a1',
  reported_by_agency_name: 'Lancashire Police',
  reported_by_label: 'Residential staff',
  reporter_name: 'Sam Carer',
  recorded_by_label: 'Officer One',
  last_seen_at: null,
  returned_at: new Date('2026-05-02T08:00:00Z'),
  found_where: 'Town centre',
  found_postcode: 'FY1 1AA',
  circumstances: null,
  exploitation_suspected: true,
  initial_risk_grade: 'MEDIUM',
  risk_grade: 'HIGH',
  area: 'BLACKPOOL',
  external_ref: null,
  created_at: new Date('2026-05-01T22:00:00Z'),
  child_forename: 'Ava',
  child_surname: null,
  child_dob: null,
  cse_risk_level: null,
  repeat_missing: null,
};

describe('missing view models', () => {
  it('names people, and says so when the name is not known', () => {
    expect(nameOf({ forename: 'Ava', surname: 'Example' })).toBe('Ava Example');
    expect(nameOf({ forename: null, surname: null })).toBe('Name not known');
  });

  it('shows instants in GOV.UK style on the UK clock, and nothing for none', () => {
    expect(dateTimeText(new Date('2026-05-01T21:30:00.123Z'))).toBe('1 May 2026 at 10:30pm');
    expect(dateTimeText(null)).toBe('');
  });

  it('summarises an episode with labels, texts and links, never codes', () => {
    expect(episodeSummary(episode)).toEqual({
      id: 'e1',
      childName: 'Ava',
      childHref: '/people/p1',
      typeLabel: expect.not.stringMatching(/_/),
      repeatMissing: false,
      fromText: expect.stringMatching(/: Willow House$/),
      reportedAtText: '1 May 2026 at 10:30pm',
      reportedText: '1 May 2026 at 10:30pm by Residential staff (Sam Carer) to Lancashire Police',
      lastSeenText: 'Not recorded',
      externalRefText: 'None',
      gradeLabel: expect.not.stringMatching(/_/),
      initialGradeLabel: expect.any(String),
      recordedBy: 'Officer One',
      exploitationText: 'Yes',
      circumstancesText: 'None recorded',
      returned: true,
      returnedText: '2 May 2026 at 9am, Town centre FY1 1AA',
      area: 'Blackpool',
      actions: {
        riskGrade: '/missing/episodes/e1/risk-grade',
        return: '/missing/episodes/e1/return',
        interview: '/missing/episodes/e1/return-home-interview',
      },
    });
  });

  it('summarises a return home interview, offered or not', () => {
    const base: InterviewRow = {
      episode_id: 'e1',
      offered: true,
      offered_at: new Date('2026-05-02T10:00:00Z'),
      not_offered_reason: null,
      not_offered_by_label: null,
      not_offered_at: null,
      response: null,
      responded_at: null,
      completed_at: null,
      by_agency_id: null,
      by_agency_name: 'Barnardo’s',
      by_name: null,
      disclosures: null,
      recorded_by_label: 'Worker',
      updated_at: new Date('2026-05-02T10:00:00Z'),
    };
    expect(interviewSummary(null)).toBeNull();
    expect(interviewSummary(base)).toEqual({
      offeredText: 'Yes, 2 May 2026 at 11am',
      responseText: 'None yet',
      completedText: 'Not yet',
      byText: ', Barnardo’s',
      disclosuresText: 'Nothing recorded',
    });
    expect(
      interviewSummary({
        ...base,
        offered: false,
        not_offered_reason: 'Child in hospital',
        by_agency_name: null,
      })?.offeredText,
    ).toBe('No: Child in hospital');
    expect(interviewSummary({ ...base, by_agency_name: null })?.byText).toBe('Not recorded');
  });

  it('labels the interview status and colours it by urgency', () => {
    const deadline = new Date('2026-05-05T08:00:00Z');
    expect(interviewStateView({ status: 'OVERDUE', deadline })).toEqual({
      status: 'OVERDUE',
      label: 'Overdue',
      deadlineText: '5 May 2026 at 9am',
      tagClass: 'govuk-tag--red',
    });
    expect(interviewStateView({ status: 'DUE', deadline })?.tagClass).toBe('govuk-tag--yellow');
    expect(interviewStateView({ status: 'COMPLETED_IN_TIME', deadline })?.label).toBe(
      'Completed within 72 hours',
    );
    expect(interviewStateView(null)).toBeNull();
  });

  it('lists interviews due with links and counts the overdue', () => {
    const page = rhiDuePage([
      {
        episodeId: 'e1',
        personId: 'p1',
        childName: 'Ava',
        placementName: null,
        area: 'BLACKPOOL',
        returnedAt: new Date('2026-05-02T08:00:00Z'),
        deadline: new Date('2026-05-05T08:00:00Z'),
        status: 'OVERDUE',
        offered: false,
      },
    ]);
    expect(page.overdue).toBe(1);
    expect(page.due[0]).toMatchObject({
      href: '/missing/episodes/e1',
      statusLabel: 'Overdue',
      placementName: '',
      deadlineText: '5 May 2026 at 9am',
    });
  });

  it('lists placements with links and the London date of the window', () => {
    const page = placementsPage({
      since: new Date('2026-02-01T12:00:00Z'),
      placements: [
        {
          id: 'pl1',
          code: 'CH-01',
          name: 'Willow House',
          kind: 'RESIDENTIAL_CHILDRENS_HOME',
          area: null,
          postcode: null,
          agency_id: null,
          episodes: 7,
          episodes_recent: 5,
          children: 2,
        },
      ],
    });
    expect(page.sinceText).toBe('1 February 2026');
    expect(page.placements).toEqual([
      {
        href: '/placements/pl1',
        name: 'Willow House',
        code: 'CH-01',
        area: 'Not known',
        episodesRecent: 5,
        episodes: 7,
        children: 2,
      },
    ]);
  });
});
