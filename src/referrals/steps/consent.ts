/** Step 8: consent to the referral, with a note. */
import { readPageFields, stepFieldView } from '../field-kinds.ts';
import { pageErrors, type VictimDraft } from '../form.ts';
import type { DraftStep } from './step.ts';

export const consentStep: DraftStep = {
  name: 'consent',
  title: 'Consent',
  apply(body, data, { now }) {
    data.consent = readPageFields(body, 'consent') as NonNullable<VictimDraft['consent']>;
    return { values: data.consent, errors: pageErrors(data, 'consent', now) };
  },
  view(data, state) {
    return stepFieldView((state.values as VictimDraft['consent']) ?? data.consent, 'consent');
  },
};
