/**
 * "Found with" on the return forms (issue 14, item 4), without JavaScript: the officer types a name and
 * presses Search (the button posts the whole form to the search route), the page comes back with every answer
 * kept and the people they may see as radios, plus "someone not yet known" with a first and last name. Names
 * travel only in POST bodies. Pure: what the form posts, the service input it becomes, and the radios.
 */
import { formText } from '../platform/forms/body.ts';
import { ukDate } from '../platform/time/display.ts';
import type { PersonFoundWith } from './input.ts';

/** The radio value for "someone not yet known". */
export const NEW_PERSON = 'new';

export interface FoundWithForm {
  /** The name searched for. */
  withName: string;
  /** '' (no one), a picked person's id, or NEW_PERSON. */
  withPersonId: string;
  withForename: string;
  withSurname: string;
  withRelation: string;
}

export const blankFoundWith = (): FoundWithForm => ({
  withName: '',
  withPersonId: '',
  withForename: '',
  withSurname: '',
  withRelation: '',
});

export function foundWithFrom(body: unknown): FoundWithForm {
  const text = (name: string, max: number) => formText(body, name, max).trim();
  return {
    withName: text('withName', 201),
    withPersonId: text('withPersonId', 40),
    withForename: text('withForename', 101),
    withSurname: text('withSurname', 101),
    withRelation: text('withRelation', 201),
  };
}

/** The service's people found with: none, the person picked, or a new person with the names typed. */
export function foundWithInput(v: FoundWithForm): PersonFoundWith[] {
  if (v.withPersonId === NEW_PERSON) {
    return [{ newPerson: { forename: v.withForename, surname: v.withSurname }, relation: v.withRelation }];
  }
  if (v.withPersonId) return [{ personId: v.withPersonId, relation: v.withRelation }];
  // A relation without a person is a question half answered: ask for the person.
  if (v.withRelation) return [{ personId: null, relation: v.withRelation }];
  return [];
}

/** A search result as the radios show it. */
export interface FoundWithCandidate {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  estimated_age: number | null;
}

function nameText(c: FoundWithCandidate): string {
  return [c.forename, c.surname].filter(Boolean).join(' ') || 'Name not known';
}

function bornText(c: FoundWithCandidate): string {
  if (c.dob) return `Born ${ukDate(c.dob)}`;
  if (c.estimated_age !== null) return `Age about ${c.estimated_age}`;
  return 'Date of birth not known';
}

/** The results as radio items (the picked one checked); null when no search was made. */
export function foundWithItems(values: FoundWithForm, results: readonly FoundWithCandidate[] | null) {
  if (!results) return null;
  return results.map((c) => ({
    value: c.id,
    text: nameText(c),
    hint: { text: bornText(c) },
    checked: values.withPersonId === c.id,
  }));
}

/** The names "someone not yet known" starts from: what was typed, else the name searched for. */
export function newPersonNames(values: FoundWithForm): { forename: string; surname: string } {
  if (values.withForename || values.withSurname) {
    return { forename: values.withForename, surname: values.withSurname };
  }
  const parts = values.withName.split(/\s+/).filter(Boolean);
  if (parts.length < 2) return { forename: parts[0] ?? '', surname: '' };
  return { forename: parts.slice(0, -1).join(' '), surname: parts.at(-1)! };
}
