/**
 * Step 2: about the referral — the practitioner, the source and when the concern was noticed. The hub is
 * not chosen here: the referral goes to the hub of the child's home area (decision 0014).
 */
import { wallClockOf } from '../../platform/forms/date-parts.ts';
import { readPageFields, stepFieldView } from '../field-kinds.ts';
import type { PageFields } from '../fields.ts';
import { pageErrors, type ReferrerAnswer, referrerFrom } from '../form.ts';
import type { DraftStep } from './step.ts';

export const referrerStep: DraftStep = {
  name: 'referrer',
  title: 'About the referral',
  async apply(body, data, { now }) {
    const referrer = referrerFrom(body);
    data.referrer = referrer;
    return { values: { ...referrer }, errors: pageErrors(data, 'referrer', now) };
  },
  async view(data, state) {
    const now = wallClockOf(new Date());
    const values = (state.values as ReferrerAnswer | undefined) ??
      data.referrer ?? {
        ...(readPageFields({}, 'referrer') as PageFields<'referrer'>),
        name: '',
        role: '',
        contact: '',
        received: now.date,
        receivedTime: now.time,
      };
    return { values, ...stepFieldView(values, 'referrer') };
  },
  formField: (field) => (field === 'concernNoticedAt' ? 'received' : field.replace('referrer.', '')),
};
