/** Step 9: how urgent the referral is. */
import { simpleFieldStep } from './simple-step.ts';

export const urgencyStep = simpleFieldStep('urgency', 'How urgent is the referral?');
