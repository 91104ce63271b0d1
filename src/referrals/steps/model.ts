/** Step 5: how the child is being exploited, and how first contact was made. */
import { readPageFields, stepFieldView } from '../field-kinds.ts';
import { pageErrors, type VictimDraft } from '../form.ts';
import type { DraftStep } from './step.ts';

export const modelStep: DraftStep = {
  name: 'model',
  title: 'How is the child being exploited?',
  apply(body, data, { now }) {
    data.model = readPageFields(body, 'model') as NonNullable<VictimDraft['model']>;
    return { values: data.model, errors: pageErrors(data, 'model', now) };
  },
  view(data, state) {
    return stepFieldView((state.values as VictimDraft['model']) ?? data.model, 'model');
  },
};
