import { describe, expect, it } from 'vitest';
import {
  draftChildMatchesPath,
  draftStepPath,
  ROUTE,
  referralConfirmationPath,
  suspectReferralPath,
} from './paths.ts';

describe('referral paths', () => {
  it('builds draft step URLs, coming back to "Check your answers" when asked', () => {
    expect(draftStepPath('d1', 'child')).toBe('/referrals/drafts/d1/child');
    expect(draftStepPath('d1', 'places', true)).toBe('/referrals/drafts/d1/places?from=check');
    expect(draftChildMatchesPath('d1', true)).toBe('/referrals/drafts/d1/child/matches?from=check');
  });

  it('each builder matches its route pattern', () => {
    const fill = (pattern: string, id: string) => pattern.replace(':id', id);
    expect(fill(ROUTE.draftStep('urgency'), 'd1')).toBe(draftStepPath('d1', 'urgency'));
    expect(fill(ROUTE.draftChildMatches, 'd1')).toBe(draftChildMatchesPath('d1'));
    expect(fill(ROUTE.referralConfirmation, 'r1')).toBe(referralConfirmationPath('r1'));
    expect(fill(ROUTE.suspectReferral, 's1')).toBe(suspectReferralPath('s1'));
  });
});
