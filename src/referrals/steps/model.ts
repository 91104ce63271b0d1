/** Step 5: how the child is being exploited, and how first contact was made. */
import { CONTACT_METHODS, EXPLOITATION_MODELS } from '../../platform/codes/referral.ts';
import { formText } from '../../platform/forms/body.ts';
import { radioItems } from '../../platform/forms/items.ts';
import { pageErrors, type VictimDraft } from '../form.ts';
import type { DraftStep } from './step.ts';

export const modelStep: DraftStep = {
  name: 'model',
  title: 'How is the child being exploited?',
  apply(body, data, { now }) {
    data.model = {
      exploitationModel: formText(body, 'exploitationModel', 40),
      contactMethod: formText(body, 'contactMethod', 40),
    };
    return { values: data.model, errors: pageErrors(data, 'model', now) };
  },
  view(data, state) {
    const values = (state.values as VictimDraft['model']) ?? data.model;
    return {
      modelItems: radioItems(EXPLOITATION_MODELS, values?.exploitationModel ?? ''),
      contactItems: radioItems(CONTACT_METHODS, values?.contactMethod ?? ''),
    };
  },
};
