/** Step 1: about the child — new details, or (for those who may search) a child already known. */
import { mayLookForKnownChild } from '../../platform/access/policy-referrals.ts';
import { personItems } from '../draft-view.ts';
import { blankPerson, type PersonForm, pageErrors, personFieldOf, personFormFrom } from '../form.ts';
import { childSearchItems } from '../view-models.ts';
import type { DraftStep } from './step.ts';

export const childStep: DraftStep = {
  name: 'child',
  title: 'About the child',
  apply(body, data, { now }) {
    const person = personFormFrom(body);
    data.child = { personId: null, personLabel: null, details: person };
    return { values: { person }, errors: pageErrors(data, 'child', now) };
  },
  view(data, state, { principal }) {
    const person = (state.values?.['person'] as PersonForm | undefined) ??
      data.child?.details ?? { ...blankPerson() };
    return {
      person,
      ...personItems(person),
      chosen: data.child?.personId ? { personId: data.child.personId, label: data.child.personLabel } : null,
      canSearch: mayLookForKnownChild(principal),
      search: state.search
        ? { ...state.search, items: childSearchItems(state.search.results ?? [], state.search.terms) }
        : null,
    };
  },
  formField: (field) => personFieldOf(field, 'child'),
};
