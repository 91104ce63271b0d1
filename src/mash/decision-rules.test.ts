import { describe, expect, it } from 'vitest';
import {
  type DecisionInput,
  type SharingDecisionInput,
  socialCareOutcomeOf,
  validateContribution,
  validateDecision,
  validateSharingDecision,
  validateStrategyDiscussion,
} from './decision-rules.ts';

const now = new Date('2026-11-30T12:00:00Z');
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('decision', () => {
  const valid: DecisionInput = {
    contactOutcome: 'REFERRAL_TO_CSC',
    referralOutcome: 'STRATEGY_S47',
    statutoryMeasures: ['S47'],
    cinFactors: ['11A', '10A'],
    rationale: 'Risk of significant harm from an older adult.',
    feedbackToReferrer: 'The MASH has started enquiries. Thank you for the referral.',
  };
  it('accepts a complete decision', () => expect(validateDecision(valid)).toEqual([]));
  it('needs its mandatory fields', () => {
    expect(fields(validateDecision({ ...valid, contactOutcome: 'X' }))).toContain('contactOutcome');
    expect(fields(validateDecision({ ...valid, referralOutcome: null }))).toContain('referralOutcome');
    expect(fields(validateDecision({ ...valid, rationale: ' ' }))).toEqual(['rationale']);
    expect(fields(validateDecision({ ...valid, feedbackToReferrer: '' }))).toEqual(['feedbackToReferrer']);
    expect(fields(validateDecision({ ...valid, statutoryMeasures: ['S99'] }))).toEqual(['statutoryMeasures']);
    expect(fields(validateDecision({ ...valid, cinFactors: ['99Z'] }))).toEqual(['cinFactors']);
  });
  it('needs a reason for no further action', () => {
    const nfa = {
      ...valid,
      contactOutcome: 'NO_FURTHER_ACTION',
      referralOutcome: null,
      statutoryMeasures: [],
    };
    expect(fields(validateDecision(nfa))).toEqual(['nfaReason']);
    expect(validateDecision({ ...nfa, nfaReason: 'Concern not substantiated by any agency' })).toEqual([]);
  });
  it('counts the most serious statutory measure as the social care outcome', () => {
    expect(socialCareOutcomeOf([])).toBe('NO_OUTCOME_REQUIRED');
    expect(socialCareOutcomeOf(['S17'])).toBe('S17');
    expect(socialCareOutcomeOf(['S17', 'S47'])).toBe('S47');
    expect(socialCareOutcomeOf(['S47', 'S20'])).toBe('S20');
    expect(socialCareOutcomeOf(['S20', 'S31', 'S46'])).toBe('S31');
    // Emergency measures are statutory outcomes, not "no social care outcome required".
    expect(socialCareOutcomeOf(['S44'])).toBe('S44');
    expect(socialCareOutcomeOf(['S46', 'S17'])).toBe('S46');
    expect(socialCareOutcomeOf(['S44', 'S46', 'S47'])).toBe('S44');
    expect(socialCareOutcomeOf(['S46', 'S20'])).toBe('S20');
  });
});

describe('sharing decision', () => {
  const valid: SharingDecisionInput = {
    decision: 'SHARE',
    decidedAt: '2026-11-30T11:00:00Z',
    purpose: 'To protect the child from exploitation',
    information: 'Dates of missing episodes',
    recipients: [{ kind: 'TEAM', id: '6f1c1a52-3c1e-4c55-9a1e-2f5b8d1e0a11' }],
    items: ['REFERRAL', 'DECISION'],
    contributionIds: [],
    periodDays: 90,
    channel: 'MASH_SYSTEM',
    legalBasis: 'CA2004_S11',
    consentSought: false,
    consentNotSoughtReason: 'Seeking consent would place the child at greater risk',
    necessityProportionality: 'Only the dates are shared, with the one person who needs them.',
  };
  it('accepts a complete decision to share, and one not to share without recipients or items', () => {
    expect(validateSharingDecision(valid, now)).toEqual([]);
    expect(validateSharingDecision({ ...valid, periodDays: null }, now)).toEqual([]);
    expect(
      validateSharingDecision(
        { ...valid, decision: 'NOT_SHARE', recipients: [], items: [], periodDays: 0, channel: null },
        now,
      ),
    ).toEqual([]);
  });
  it('takes recipients from the lists only, at least one item, and a period of 1 to 365 days', () => {
    const free = { ...valid, recipients: [{ agency: 'School', name: 'DSL' }] } as never;
    expect(fields(validateSharingDecision(free, now))).toEqual(['recipients']);
    expect(
      fields(validateSharingDecision({ ...valid, recipients: [{ kind: 'TEAM', id: 'south' }] }, now)),
    ).toEqual(['recipients']);
    expect(fields(validateSharingDecision({ ...valid, items: [], contributionIds: [] }, now))).toEqual([
      'items',
    ]);
    expect(fields(validateSharingDecision({ ...valid, items: ['EVERYTHING'] }, now))).toEqual(['items']);
    expect(
      validateSharingDecision({ ...valid, items: [], contributionIds: [valid.recipients[0]!.id] }, now),
    ).toEqual([]);
    for (const periodDays of [0, 366, 1.5, Number.NaN])
      expect(fields(validateSharingDecision({ ...valid, periodDays }, now))).toEqual(['periodDays']);
    expect(validateSharingDecision({ ...valid, periodDays: 365 }, now)).toEqual([]);
  });
  it('names each missing field', () => {
    expect(fields(validateSharingDecision({ ...valid, recipients: [] }, now))).toEqual(['recipients']);
    expect(fields(validateSharingDecision({ ...valid, consentNotSoughtReason: '' }, now))).toEqual([
      'consentNotSoughtReason',
    ]);
    expect(fields(validateSharingDecision({ ...valid, legalBasis: 'OTHER' }, now))).toEqual([
      'legalBasisOther',
    ]);
    expect(fields(validateSharingDecision({ ...valid, decidedAt: '2027-01-01T00:00:00Z' }, now))).toEqual([
      'decidedAt',
    ]);
    expect(fields(validateSharingDecision({ ...valid, necessityProportionality: '' }, now))).toEqual([
      'necessityProportionality',
    ]);
  });
});

describe('contribution and strategy discussion', () => {
  it('needs a handling code on police intelligence only', () => {
    const input = { summary: 'Known to police: two missing reports.', releasable: false };
    expect(fields(validateContribution(input, 'POLICE'))).toEqual(['handlingCode']);
    expect(validateContribution({ ...input, handlingCode: '4' }, 'POLICE')).toEqual([]);
    expect(validateContribution(input, 'HEALTH')).toEqual([]);
    expect(fields(validateContribution({ ...input, summary: '' }, 'HEALTH'))).toEqual(['summary']);
  });
  it('needs two attendees, decisions and well-formed actions', () => {
    const valid = {
      heldAt: '2026-11-30T10:00:00Z',
      attendees: [{ name: 'A Police' }, { name: 'B Social Worker' }],
      decisions: 'Section 47 enquiry to start.',
      actions: [{ description: 'Visit the child', ownerName: 'B Social Worker', dueDate: '2026-12-02' }],
    };
    expect(validateStrategyDiscussion(valid, now)).toEqual([]);
    expect(fields(validateStrategyDiscussion({ ...valid, attendees: [{ name: 'A' }] }, now))).toEqual([
      'attendees',
    ]);
    expect(
      fields(
        validateStrategyDiscussion(
          { ...valid, actions: [{ description: 'x', ownerName: '', dueDate: 'soon' }] },
          now,
        ),
      ),
    ).toEqual(['actions[0].ownerName', 'actions[0].dueDate']);
  });
});
