/** Step 9: how urgent the referral is. */
import { readPageFields, stepFieldView } from '../field-kinds.ts';
import { pageErrors, type VictimDraft } from '../form.ts';
import type { DraftStep } from './step.ts';

export const urgencyStep: DraftStep = {
  name: 'urgency',
  title: 'How urgent is the referral?',
  apply(body, data, { now }) {
    data.urgency = readPageFields(body, 'urgency') as NonNullable<VictimDraft['urgency']>;
    return { values: data.urgency, errors: pageErrors(data, 'urgency', now) };
  },
  view(data, state) {
    return stepFieldView((state.values as VictimDraft['urgency']) ?? data.urgency, 'urgency');
  },
};
