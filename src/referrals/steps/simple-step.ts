/**
 * A step whose every field is a simple field (fields.ts): reading, checking and showing it are all derived,
 * so a field added to the table needs only its input in the step's template.
 */

import { readPageFields, stepFieldView } from '../field-kinds.ts';
import type { FieldPage } from '../fields.ts';
import { pageErrors, type VictimDraft } from '../form.ts';
import type { DraftStep } from './step.ts';

export function simpleFieldStep(page: FieldPage & keyof VictimDraft, title: string): DraftStep {
  return {
    name: page,
    title,
    apply(body, data, { now }) {
      const values = readPageFields(body, page);
      (data as Record<string, unknown>)[page] = values;
      return { values, errors: pageErrors(data, page, now) };
    },
    view(data, state) {
      return stepFieldView(state.values ?? data[page], page);
    },
  };
}
