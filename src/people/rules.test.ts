import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, isAdultOn, isIsoDate, normaliseName, searchKeys, validatePersonDetails } from './rules.ts';

const now = new Date('2026-11-30T10:00:00Z');
const child = (details: Parameters<typeof validatePersonDetails>[0]) =>
  validatePersonDetails(details, { role: 'CHILD', now, prefix: 'child' });

describe('person details', () => {
  it('accepts a child with a date of birth and normalises identifiers and postcode', () => {
    const { errors, clean } = child({
      forename: ' Jessica ',
      surname: 'Smith',
      dob: '2011-03-14',
      gender: 'FEMALE',
      nhsNumber: '943 476 5919',
      schoolUpn: 'a123456789012',
      address: { line1: '1 Example Row', postcode: 'fy1 2ab' },
    });
    expect(errors).toEqual([]);
    expect(clean).toMatchObject({ forename: 'Jessica', nhsNumber: '9434765919', schoolUpn: 'A123456789012' });
    expect(clean.address).toMatchObject({ postcode: 'FY1 2AB', postcodeKey: 'FY12AB' });
  });

  it('names the field of each problem', () => {
    const fields = (d: Parameters<typeof validatePersonDetails>[0]) => child(d).errors.map((e) => e.field);
    expect(fields({ forename: 'A', dob: '2011-01-01', nhsNumber: '9434765918' })).toEqual([
      'child.nhsNumber',
    ]);
    expect(fields({ forename: 'A', dob: '2027-01-01' })).toEqual(['child.dob']);
    expect(fields({ forename: 'A', dob: '2011-02-29' })).toEqual(['child.dob']);
    expect(fields({ forename: 'A' })).toEqual(['child.dob']);
    expect(fields({ dob: '2011-01-01' })).toEqual(['child.forename']);
    expect(fields({ forename: 'A', dob: '2011-01-01', gender: 'X' })).toEqual(['child.gender']);
    expect(fields({ forename: 'A', dob: '2011-01-01', ethnicity: 'MARTIAN' })).toEqual(['child.ethnicity']);
    expect(fields({ forename: 'A', dob: '2011-01-01', address: { postcode: '90210' } })).toEqual([
      'child.address.postcode',
    ]);
    expect(fields({ forename: 'A<script>', dob: '2011-01-01' })).toEqual(['child.forename']);
  });

  it('needs an explanation for a child referral of someone 18 or over, not for an adult suspect', () => {
    expect(child({ forename: 'A', dob: '2008-11-29' }).errors.map((e) => e.field)).toEqual([
      'child.ageExplanation',
    ]);
    expect(child({ forename: 'A', dob: '2008-12-01' }).errors).toEqual([]);
    expect(
      child({ forename: 'A', estimatedAge: 19, ageExplanation: 'Care leaver still supported by the team' })
        .errors,
    ).toEqual([]);
    expect(
      validatePersonDetails({ forename: 'A', estimatedAge: 40 }, { role: 'SUSPECT', now, prefix: 's' })
        .errors,
    ).toEqual([]);
  });

  it('computes age in whole years on a date', () => {
    expect(ageOn('2011-03-14', new Date('2026-03-13T12:00:00Z'))).toBe(14);
    expect(ageOn('2011-03-14', new Date('2026-03-14T00:00:00Z'))).toBe(15);
  });

  it('takes a person as an adult from 18, by date of birth or else estimated age, never when not known', () => {
    const on = new Date('2026-03-14T12:00:00Z');
    expect(isAdultOn({ dob: '2008-03-15', estimated_age: null }, on)).toBe(false);
    expect(isAdultOn({ dob: '2008-03-14', estimated_age: null }, on)).toBe(true);
    expect(isAdultOn({ dob: '2010-01-01', estimated_age: 30 }, on)).toBe(false);
    expect(isAdultOn({ dob: null, estimated_age: 18 }, on)).toBe(true);
    expect(isAdultOn({ dob: null, estimated_age: 17 }, on)).toBe(false);
    expect(isAdultOn({ dob: null, estimated_age: null }, on)).toBe(false);
  });

  it('recognises only real ISO dates', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (d) => isIsoDate(d.toISOString().slice(0, 10)),
      ),
    );
    for (const bad of ['2011-13-01', '2011-02-30', '14/03/2011', '2011-3-4', ''])
      expect(isIsoDate(bad)).toBe(false);
  });
});

describe('search keys', () => {
  it('makes names that sound alike share a surname key, and strips accents and case', () => {
    expect(searchKeys({ forename: 'Jessica', surname: 'Smith', aliases: [] }).surnameDm).toBe(
      searchKeys({ forename: 'Jess', surname: 'Smyth', aliases: [] }).surnameDm,
    );
    expect(normaliseName('  ZOË   O’Brien ')).toBe('zoe o brien');
    expect(searchKeys({ forename: 'Kayleigh', surname: null, aliases: ['Kay'] }).searchName).toBe(
      'kayleigh kay',
    );
  });
});
