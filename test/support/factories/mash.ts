/**
 * The hub's decision as its form and its API take it: `s47Decision(overrides)`, a referral to children's
 * social care with a section 47 strategy discussion and its reasons; `decisionWithoutReasons()`, the same
 * without the referral outcome, rationale and feedback that a decision must have (refused, 400).
 */
export interface DecisionFields {
  [field: string]: string | string[];
  contactOutcome: string;
  statutoryMeasures: string[];
  cinFactors: string[];
  rationale: string;
  feedbackToReferrer: string;
}

export function s47Decision(overrides: Partial<DecisionFields> = {}): DecisionFields {
  return {
    contactOutcome: 'REFERRAL_TO_CSC',
    referralOutcome: 'STRATEGY_S47',
    statutoryMeasures: ['S47'],
    cinFactors: ['11A'],
    rationale: 'Risk of significant harm from an older adult.',
    feedbackToReferrer: 'The MASH has started enquiries. Thank you.',
    ...overrides,
  } as DecisionFields;
}

export function decisionWithoutReasons(): DecisionFields {
  return {
    contactOutcome: 'REFERRAL_TO_CSC',
    statutoryMeasures: ['S47'],
    cinFactors: ['11A'],
    rationale: '',
    feedbackToReferrer: '',
  };
}
