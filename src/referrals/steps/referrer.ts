/** Step 2: about the referral — the practitioner, the source, when it was received and the hub's area. */
import { wallClockOf } from '../../platform/forms/date-parts.ts';
import { readPageFields, stepFieldView } from '../field-kinds.ts';
import type { PageFields } from '../fields.ts';
import { pageErrors, type ReferrerAnswer, referrerFrom } from '../form.ts';
import * as store from '../store.ts';
import type { DraftStep } from './step.ts';

export const referrerStep: DraftStep = {
  name: 'referrer',
  title: 'About the referral',
  async apply(body, data, { tx, now }) {
    const referrer = referrerFrom(body);
    data.referrer = referrer;
    // The area is checked against the areas known now, not by the rules (which cannot see the database).
    const errors = pageErrors(data, 'referrer', now).filter((e) => e.field !== 'area');
    if (referrer.area && !(await store.knownAreas(tx)).includes(referrer.area))
      errors.push({ field: 'area', message: 'Select a safeguarding area from the list' });
    return { values: { ...referrer }, errors };
  },
  async view(data, state, { tx }) {
    const areas = await store.knownAreas(tx);
    const now = wallClockOf(new Date());
    const values = (state.values as ReferrerAnswer | undefined) ??
      data.referrer ?? {
        ...(readPageFields({}, 'referrer') as PageFields<'referrer'>),
        name: '',
        role: '',
        contact: '',
        received: now.date,
        receivedTime: now.time,
        area: '',
      };
    return {
      values,
      ...stepFieldView(values, 'referrer'),
      areaItems: [
        { value: '', text: 'The referring agency’s area', selected: !values.area },
        ...areas.map((a) => ({ value: a, text: a, selected: a === values.area })),
      ],
    };
  },
  formField: (field) => (field === 'receivedAt' ? 'received' : field.replace('referrer.', '')),
};
