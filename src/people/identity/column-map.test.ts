import { describe, expect, it } from 'vitest';
import { ColumnMapError, parseMapOption, resolveColumns, rowToRecord, splitFullName } from './column-map.ts';

describe('parseMapOption', () => {
  it('reads field=column pairs', () => {
    expect(parseMapOption('first_name=Forename, surname = Family name,dob=DOB')).toEqual({
      first_name: 'Forename',
      surname: 'Family name',
      dob: 'DOB',
    });
  });

  it('explains what is wrong', () => {
    expect(() => parseMapOption('forename=First')).toThrow(
      /Unknown field "forename": use one of first_name, surname/,
    );
    expect(() => parseMapOption('surname')).toThrow(/not field=column/);
    expect(() => parseMapOption('surname=')).toThrow(/No column given for field "surname"/);
    expect(() => parseMapOption('dob=A,dob=B')).toThrow(/mapped twice/);
    expect(() => parseMapOption('full_name=Name,surname=S')).toThrow(
      /either full_name or first_name\/surname/,
    );
    expect(() => parseMapOption('')).toThrow(ColumnMapError);
  });
});

describe('resolveColumns', () => {
  it('finds columns by name, ignoring case and a byte-order mark', () => {
    const columns = resolveColumns(['\uFEFFRef', 'Forename', 'DOB'], 'ref', {
      first_name: 'forename',
      dob: 'DOB',
    });
    expect(columns).toEqual({ id: 0, fields: { first_name: 1, dob: 2 }, extra: {}, headerLength: 3 });
  });

  it('names every column that is not in the file', () => {
    expect(() => resolveColumns(['Ref', 'Forename'], 'Id', { surname: 'Surname' })).toThrow(
      'Columns not in the file: "Id" (id), "Surname" (surname). The header has: Ref, Forename',
    );
  });
});

describe('splitFullName', () => {
  it('splits names the ways they are written', () => {
    expect(splitFullName('Jessica Smith')).toEqual({ firstName: 'Jessica', surname: 'Smith' });
    expect(splitFullName('Mary Jane Smith')).toEqual({ firstName: 'Mary Jane', surname: 'Smith' });
    expect(splitFullName('SMITH, Jessica')).toEqual({ firstName: 'Jessica', surname: 'SMITH' });
    expect(splitFullName('Miss Jessica van der Berg')).toEqual({
      firstName: 'Jessica',
      surname: 'van der Berg',
    });
    expect(splitFullName('Jay')).toEqual({ firstName: 'Jay', surname: null });
    expect(splitFullName('  ')).toEqual({ firstName: null, surname: null });
  });
});

describe('rowToRecord', () => {
  it('maps cells to fields, blanks to missing', () => {
    const columns = resolveColumns(['id', 'name', 'dob', 'nhs'], 'id', {
      full_name: 'name',
      dob: 'dob',
      nhs_number: 'nhs',
    });
    expect(rowToRecord(['7', 'Jess Hall', ' 14/03/2008 ', ''], columns)).toMatchObject({
      id: '7',
      firstName: 'Jess',
      surname: 'Hall',
      dob: '14/03/2008',
      nhsNumber: null,
    });
  });
});
