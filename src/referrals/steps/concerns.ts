/** Step 4: what the concerns are, and the indicators observed. */
import { CSE_INDICATORS } from '../../platform/codes/referral.ts';
import { formList } from '../../platform/forms/body.ts';
import { checkboxItems } from '../../platform/forms/items.ts';
import { readPageFields, stepFieldView } from '../field-kinds.ts';
import type { PageFields } from '../fields.ts';
import { pageErrors, type VictimDraft } from '../form.ts';
import type { DraftStep } from './step.ts';

export const concernsStep: DraftStep = {
  name: 'concerns',
  title: 'What are the concerns?',
  apply(body, data, { now }) {
    data.concerns = {
      ...(readPageFields(body, 'concerns') as PageFields<'concerns'>),
      indicators: [...new Set(formList(body, 'indicators', 60))],
    };
    return { values: data.concerns, errors: pageErrors(data, 'concerns', now) };
  },
  view(data, state) {
    const values = (state.values as VictimDraft['concerns']) ?? data.concerns;
    return {
      ...stepFieldView(values, 'concerns'),
      indicatorItems: checkboxItems(CSE_INDICATORS, values?.indicators ?? []),
    };
  },
};
