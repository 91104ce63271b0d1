/** Step 9: how urgent the referral is. */
import { URGENCIES } from '../../platform/codes/referral.ts';
import { formText } from '../../platform/forms/body.ts';
import { radioItems } from '../../platform/forms/items.ts';
import { pageErrors, type VictimDraft } from '../form.ts';
import type { DraftStep } from './step.ts';

export const urgencyStep: DraftStep = {
  name: 'urgency',
  title: 'How urgent is the referral?',
  apply(body, data, { now }) {
    data.urgency = { urgency: formText(body, 'urgency', 40) };
    return { values: data.urgency, errors: pageErrors(data, 'urgency', now) };
  },
  view(data, state) {
    const values = (state.values as VictimDraft['urgency']) ?? data.urgency;
    return { urgencyItems: radioItems(URGENCIES, values?.urgency ?? '') };
  },
};
