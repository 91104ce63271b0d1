import { describe, expect, it } from 'vitest';
import { interviewProviderRefusal } from './interview-rules.ts';

describe('who may hold a return home interview', () => {
  it('accepts an agency marked as a provider', () => {
    expect(interviewProviderRefusal({ type: 'VOLUNTARY', provides_return_interviews: true })).toBeNull();
    expect(
      interviewProviderRefusal({ type: 'CHILDRENS_SOCIAL_CARE', provides_return_interviews: true }),
    ).toBeNull();
  });

  it('refuses a school or hospital that is not marked as a provider', () => {
    expect(interviewProviderRefusal({ type: 'EDUCATION', provides_return_interviews: false })).toBe(
      'Choose an agency that holds return home interviews: this agency is not one',
    );
    expect(interviewProviderRefusal({ type: 'HEALTH', provides_return_interviews: false })).toMatch(
      /not one/,
    );
  });

  it('refuses the police even if marked, and an unknown agency', () => {
    expect(interviewProviderRefusal({ type: 'POLICE', provides_return_interviews: true })).toBe(
      'The interview must be held by someone independent of the police',
    );
    expect(interviewProviderRefusal(null)).toBe('Choose an agency from the list');
  });
});
