/** Step 5: how the child is being exploited, and how first contact was made. */
import { simpleFieldStep } from './simple-step.ts';

export const modelStep = simpleFieldStep('model', 'How is the child being exploited?');
