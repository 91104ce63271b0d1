import { describe, expect, it } from 'vitest';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import type { EpisodeData } from './episode-view.ts';
import { episodePageView } from './episode-view.ts';
import type { EpisodeRow } from './store.ts';
import { childName, dashboardPageView, labelIn, queuePageView } from './view-models.ts';

const NOW = new Date('2025-05-14T12:00:00Z');

function episode(overrides: Partial<EpisodeRow> = {}): EpisodeRow {
  return {
    id: 'e1',
    referral_id: 'r1',
    reference: 'VR-2025-0001',
    person_id: 'p1',
    area: 'BLACKPOOL',
    received_at: new Date('2025-05-14T09:00:00Z'),
    stage: 'RESEARCH',
    rag: 'AMBER',
    rag_deadline: new Date('2025-05-14T15:00:00Z'),
    decision_deadline: new Date('2025-05-15T09:00:00Z'),
    breached_at: null,
    allocated_to: null,
    allocated_label: null,
    icpc_held_on: null,
    decided_at: null,
    closed_at: null,
    urgency: 'URGENT',
    category: 'VICTIM_OF_CRIME',
    referring_agency_name: 'Blackpool School',
    child_forename: 'Ava',
    child_surname: 'Example',
    child_dob: '2012-02-02',
    cse_risk_level: 'HIGH',
    hub_to_confirm: false,
    ...overrides,
  };
}

describe('how the MASH pages read', () => {
  it('formats dates and names, and labels codes (keeping an unknown code)', () => {
    expect(ukDateTime(new Date('2025-01-14T09:05:00Z'))).toBe('14 January 2025 at 9:05am');
    expect(ukDate('2025-05-14')).toBe('14 May 2025');
    expect(childName({ child_forename: null, child_surname: 'Example' })).toBe('Example');
    expect(childName({ child_forename: null, child_surname: null })).toBe('Name not known');
    expect(labelIn([{ code: 'A', label: 'Alpha' }], 'A')).toBe('Alpha');
    expect(labelIn([{ code: 'A', label: 'Alpha' }], 'B')).toBe('B');
    expect(labelIn([], null)).toBe('');
  });
});

describe('the queue', () => {
  it('shows each episode against its clock and counts the breaches', () => {
    const view = queuePageView(
      [
        {
          episode: episode(),
          sla: { deadline: new Date('2025-05-14T10:00:00Z'), workingMinutesLeft: -120, breached: true },
          decisionDue: new Date('2025-05-15T09:00:00Z'),
          decisionOverdue: false,
        } as never,
        {
          episode: episode({ id: 'e2', rag: null }),
          sla: null,
          decisionDue: NOW,
          decisionOverdue: true,
        } as never,
      ],
      [
        {
          id: 'x1',
          description: 'Visit',
          owner_name: 'Pat',
          due_date: '2025-05-10',
          episode_id: 'e1',
          reference: 'VR-2025-0001',
        },
      ],
      NOW,
    );
    expect(view.breaches).toBe(1);
    expect(view.episodes[0]).toMatchObject({
      href: '/mash/episodes/e1',
      child: 'Ava Example',
      urgency: 'Urgent',
      tag: { text: 'Amber', classes: 'govuk-tag--yellow' },
      timeLeft: 'Breached 2 h ago',
      breached: true,
      received: '14 May 2025 at 10am',
    });
    expect(view.episodes[1]).toMatchObject({ timeLeft: 'Not triaged', breached: false, deadline: '' });
    expect(view.overdue[0]).toMatchObject({ description: 'Visit', due: '10 May 2025', episode_id: 'e1' });
  });
});

describe('the dashboard', () => {
  it('counts the queue by RAG with the untriaged, and the share decided in time', () => {
    const view = dashboardPageView(
      {
        openByRag: { RED: 2, UNTRIAGED: 1 },
        breached: 1,
        decided: 4,
        decidedWithinStandard: 3,
        outcomes: { NFA: 4 },
      },
      1,
      NOW,
    );
    expect(view.period).toBe('May 2025');
    expect(view.openTotal).toBe(3);
    expect(view.percent).toBe('75.0%');
    expect(view.queue.find((q) => q.tag.text === 'Red')?.count).toBe(2);
    expect(view.queue.find((q) => q.tag.text === 'Not triaged')?.count).toBe(1);
    expect(
      dashboardPageView(
        { ...{ openByRag: {}, breached: 0, decided: 0, decidedWithinStandard: 0, outcomes: {} } },
        0,
        NOW,
      ).percent,
    ).toBe('–');
  });
});

describe('the episode page', () => {
  const view: EpisodeData = {
    episode: episode(),
    sla: null,
    ragChanges: [
      {
        from_rag: null,
        to_rag: 'AMBER',
        rationale: 'Older man, new phone',
        changed_by_label: 'Manager',
        changed_at: new Date('2025-05-14T09:30:00Z'),
      },
    ],
    research: [
      {
        id: 'q1',
        agency_id: 'a-police',
        agency_name: 'Police',
        requested_at: NOW,
        due_at: NOW,
        status: 'CONTRIBUTED',
      },
    ],
    contributions: [],
    sharing: [
      {
        id: 's1',
        decision: 'SHARE',
        decided_by_label: 'Manager',
        agency_name: 'Council',
        decided_at: NOW,
        purpose: 'Safety planning',
        information: 'Address',
        recipients: [{ agency: 'School', name: 'Head' }],
        channel: null,
        legal_basis: 'OTHER',
        legal_basis_other: 'Court order',
        consent_sought: false,
        consent_not_sought_reason: 'Would increase risk',
        necessity_proportionality: 'Needed',
      },
    ],
    discussions: [],
    decision: null,
    grants: [],
  };
  const input = {
    view,
    agencies: [{ id: 'a-police', name: 'Police', type: 'POLICE', area: 'BLACKPOOL' }],
    researchAgencies: [{ id: 'a-police', name: 'Police', type: 'POLICE', area: 'BLACKPOOL' }],
    own: { id: 'a-police', name: 'Police', type: 'POLICE', area: 'BLACKPOOL' },
    hub: true,
    can: {
      rag: false,
      research: true,
      propose: true,
      approve: false,
      allocate: false,
      icpc: true,
      contribute: true,
      share: true,
      strategy: true,
      complete: true,
      decide: false,
      transfer: false,
      assess: true,
    },
    state: null,
    notice: 'RAG rating saved',
    now: NOW,
  };

  it('gives the template labels, dates, names and tags, never codes', () => {
    const page = episodePageView(input);
    expect(page.title).toBe('MASH referral VR-2025-0001');
    expect(page.notice).toBe('RAG rating saved');
    expect(page.episode).toMatchObject({
      child: 'Ava Example',
      child_dob: '2 February 2012',
      urgency: 'Urgent',
      stage: 'Research',
      tag: { text: 'Amber', classes: 'govuk-tag--yellow' },
      flag: { text: 'High', classes: 'govuk-tag--red' },
      decisionOverdue: false,
    });
    expect(page.ragChanges).toEqual([
      {
        from: 'Not triaged',
        to: 'Amber',
        by: 'Manager',
        at: '14 May 2025 at 10:30am',
        rationale: 'Older man, new phone',
      },
    ]);
    expect(page.sharing[0]).toMatchObject({
      share: true,
      recipients: 'Head, School',
      legalBasis: 'Other: Court order',
      consent: 'Not sought: Would increase risk',
    });
    expect(page.ownAsked).toBe(true);
    expect(page.forms.contribution.police).toBe(true);
    expect(page.forms.research.items[0]).toMatchObject({
      value: 'a-police',
      hint: { text: 'Police · Already asked' },
    });
    expect(page.forms.rag.expectedCurrent).toBe('AMBER');
    expect(page.decision).toBeNull();
  });

  it('reopens a refused form with what was typed and its errors, and no notice', () => {
    const page = episodePageView({
      ...input,
      state: {
        form: 'rag',
        values: { rag: 'RED', rationale: '' },
        errors: [{ field: 'rationale', message: 'Give a reason' }],
        status: 400,
      },
    });
    expect(page.notice).toBeNull();
    expect(page.openForm).toBe('rag');
    expect(page.errorList).toEqual([{ text: 'Give a reason', href: '#rag-rationale' }]);
    expect(page.forms.rag.items.find((i) => i.value === 'RED')?.checked).toBe(true);
  });
});
