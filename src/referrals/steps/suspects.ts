/**
 * Step 6: suspects and associates, added and removed one at a time ("add another"). Someone already known is
 * found by name and picked (linked-person-routes.ts: people the caller may see only, for those who may search);
 * someone not yet known is added with their details.
 */
import { mayLookForKnownChild } from '../../platform/access/policy-referrals.ts';
import { formText } from '../../platform/forms/body.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { personItems } from '../draft-view.ts';
import {
  blankPerson,
  type LinkedPersonAnswer,
  type PersonForm,
  pageErrors,
  personFieldOf,
  personFormFrom,
  validatePersonForm,
} from '../form.ts';
import { draftPeopleExistingPath, draftPeopleSearchPath } from '../paths.ts';
import { childSearchItems, draftPeopleRows, type SearchResultLike } from '../view-models.ts';
import { type DraftStep, MAX_PEOPLE } from './step.ts';

interface PersonBeingAdded {
  person: PersonForm;
  role: string;
  relationship: string;
  /** The name searched for, and the person picked from the results. */
  linkName?: string;
  linkedPersonId?: string;
}

export const suspectsStep: DraftStep = {
  name: 'suspects',
  title: 'Suspects and associates',
  apply(body, data, { now }) {
    const action = formText(body, 'action', 20);
    const people = data.people ?? [];
    const remove = /^remove-(\d+)$/.exec(action);
    if (remove) {
      people.splice(Number(remove[1]), 1);
      data.people = people;
      return { values: {}, errors: [], stay: true };
    }
    if (action === 'add') {
      const person = personFormFrom(body);
      const role = formText(body, 'role', 20);
      const relationship = formText(body, 'relationship', 250).trim();
      const errors: FieldError[] = [];
      if (role !== 'SUSPECT' && role !== 'ASSOCIATE')
        errors.push({ field: 'role', message: 'Select whether the person is a suspect or an associate' });
      errors.push(
        ...validatePersonForm(person, role === 'ASSOCIATE' ? 'ASSOCIATE' : 'SUSPECT', now, 'person'),
      );
      if (relationship.length > 200)
        errors.push({ field: 'relationship', message: 'Relationship must be 200 characters or fewer' });
      if (people.filter((p) => p.role === role).length >= MAX_PEOPLE)
        errors.push({
          field: 'role',
          message: `Name up to ${MAX_PEOPLE} suspects and ${MAX_PEOPLE} associates`,
        });
      if (!errors.length) {
        people.push({ role: role as LinkedPersonAnswer['role'], relationship, details: person });
        data.people = people;
      }
      return { values: { person, role, relationship }, errors, stay: true };
    }
    data.people = people;
    data.peopleDone = true;
    // Errors about people already added can only be fixed by removing them: they belong to the list.
    return {
      values: {},
      errors: pageErrors(data, 'suspects', now).map((e) => ({ ...e, field: 'people' })),
    };
  },
  view(data, state, { principal }) {
    const values = (state.values as unknown as PersonBeingAdded | undefined) ?? {
      person: blankPerson(),
      role: 'SUSPECT',
      relationship: '',
    };
    const draftId = state.draftId ?? '';
    const results: SearchResultLike[] | null = state.search?.results ?? null;
    return {
      canSearch: mayLookForKnownChild(principal),
      linkName: values.linkName ?? '',
      searchAction: draftPeopleSearchPath(draftId),
      existingAction: draftPeopleExistingPath(draftId),
      linkSearch: results
        ? {
            items: childSearchItems(results, { name: values.linkName ?? '' }).map((item) => ({
              ...item,
              checked: item.value === values.linkedPersonId,
            })),
          }
        : null,
      people: draftPeopleRows(data.people ?? []),
      person: values.person,
      relationship: values.relationship,
      ...personItems(values.person),
      roleItems: [
        { value: 'SUSPECT', text: 'Suspect', checked: values.role === 'SUSPECT' },
        { value: 'ASSOCIATE', text: 'Associate', checked: values.role === 'ASSOCIATE' },
      ],
      full: (data.people ?? []).length >= MAX_PEOPLE * 2,
    };
  },
  formField: (field) => personFieldOf(field, 'person'),
};
