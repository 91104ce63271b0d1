/** Step 8: consent to the referral, with a note. */
import { simpleFieldStep } from './simple-step.ts';

export const consentStep = simpleFieldStep('consent', 'Consent');
