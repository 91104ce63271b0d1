/** Step 8: consent to the referral, with a note. */
import { CONSENT_STATUSES } from '../../platform/codes/referral.ts';
import { formText } from '../../platform/forms/body.ts';
import { radioItems } from '../../platform/forms/items.ts';
import { pageErrors, type VictimDraft } from '../form.ts';
import type { DraftStep } from './step.ts';

export const consentStep: DraftStep = {
  name: 'consent',
  title: 'Consent',
  apply(body, data, { now }) {
    data.consent = {
      consent: formText(body, 'consent', 40),
      consentNote: formText(body, 'consentNote', 2001).trim(),
    };
    return { values: data.consent, errors: pageErrors(data, 'consent', now) };
  },
  view(data, state) {
    const values = (state.values as VictimDraft['consent']) ?? data.consent;
    return {
      consentItems: radioItems(CONSENT_STATUSES, values?.consent ?? ''),
      consentNote: values?.consentNote ?? '',
    };
  },
};
