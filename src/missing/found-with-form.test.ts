import { describe, expect, it } from 'vitest';
import { errorsView } from './episode-forms.ts';
import {
  blankFoundWith,
  foundWithInput,
  foundWithItems,
  NEW_PERSON,
  newPersonNames,
} from './found-with-form.ts';

const ID = '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b';

describe('found with: what the form posts becomes', () => {
  it('no one, a picked person, or someone not yet known with the names typed', () => {
    expect(foundWithInput(blankFoundWith())).toEqual([]);
    expect(foundWithInput({ ...blankFoundWith(), withPersonId: ID, withRelation: 'Friend' })).toEqual([
      { personId: ID, relation: 'Friend' },
    ]);
    expect(
      foundWithInput({
        ...blankFoundWith(),
        withPersonId: NEW_PERSON,
        withForename: 'Zeb',
        withSurname: 'Quill',
        withRelation: 'Adult',
      }),
    ).toEqual([{ newPerson: { forename: 'Zeb', surname: 'Quill' }, relation: 'Adult' }]);
  });

  it('a relation without a person asks for the person', () => {
    expect(foundWithInput({ ...blankFoundWith(), withRelation: 'Friend' })).toEqual([
      { personId: null, relation: 'Friend' },
    ]);
  });

  it('someone not yet known starts from the name searched for', () => {
    expect(newPersonNames({ ...blankFoundWith(), withName: 'Mary Anne  Quill' })).toEqual({
      forename: 'Mary Anne',
      surname: 'Quill',
    });
    expect(newPersonNames({ ...blankFoundWith(), withName: 'Quill' })).toEqual({
      forename: 'Quill',
      surname: '',
    });
    expect(newPersonNames({ ...blankFoundWith(), withName: 'A B', withSurname: 'Typed' })).toEqual({
      forename: '',
      surname: 'Typed',
    });
  });

  it('results are radios with a name and date of birth, the pick checked; no search, no radios', () => {
    const values = { ...blankFoundWith(), withPersonId: ID };
    expect(foundWithItems(values, null)).toBeNull();
    expect(
      foundWithItems(values, [
        { id: ID, forename: 'Dean', surname: 'Sample', dob: '1999-03-02', estimated_age: null },
      ]),
    ).toEqual([{ value: ID, text: 'Dean Sample', hint: { text: 'Born 2 March 1999' }, checked: true }]);
    expect(
      foundWithItems(blankFoundWith(), [
        { id: ID, forename: null, surname: null, dob: null, estimated_age: 19 },
      ]),
    ).toEqual([{ value: ID, text: 'Name not known', hint: { text: 'Age about 19' }, checked: false }]);
  });
});

describe('the missing pages’ error summary', () => {
  it('has one entry per field, its first message, in the form’s order', () => {
    const view = errorsView([
      { field: 'byAgencyId', message: 'Choose an agency' },
      { field: 'respondedAt', message: 'Enter a real date and time' },
      { field: 'respondedAt', message: 'Enter a real date and time' },
      { field: 'offered', message: 'Say whether it was offered' },
      { field: 'withPeople.0.newPerson.surname', message: 'Last name must be letters' },
    ]);
    expect(view.errorList).toEqual([
      { text: 'Last name must be letters', href: '#withSurname' },
      { text: 'Say whether it was offered', href: '#offered' },
      { text: 'Enter a real date and time', href: '#responded-day' },
      { text: 'Choose an agency', href: '#byAgencyId' },
    ]);
    expect(view.fieldErrors['responded-day']).toEqual({ text: 'Enter a real date and time' });
  });
});
