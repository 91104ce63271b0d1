import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPARATORS,
  compareAddress,
  compareDob,
  compareForename,
  comparePostcode,
  compareRecords,
  compareSurname,
  FIELD_COUNT,
  FIELDS,
  jaccard,
  LEVEL_LABELS,
  NULL_LEVEL,
} from './comparisons.ts';
import { prepareRecord } from './prepare.ts';
import type { IdentityRecord } from './record.ts';

const person = (fields: Partial<IdentityRecord>) => prepareRecord({ id: 'x', ...fields });
const level = (field: keyof typeof LEVEL_LABELS, index: number) => LEVEL_LABELS[field][index];
const labelOf = (field: keyof typeof LEVEL_LABELS, index: number) =>
  index === NULL_LEVEL ? 'missing' : level(field, index);

describe('name comparisons', () => {
  const forename = (a: string, b: string, surnames: [string, string] = ['Smith', 'Smith']) =>
    labelOf(
      'forename',
      compareForename(
        person({ firstName: a, surname: surnames[0] }),
        person({ firstName: b, surname: surnames[1] }),
      ),
    );

  it('finds each forename level', () => {
    expect(forename('Jessica', 'jessica ')).toBe('exact');
    expect(forename('Jessica', 'Smith', ['Smith', 'Jessica'])).toBe('swapped with surname');
    expect(forename('Christopher', 'Christophr')).toBe('jaro-winkler >= 0.95');
    expect(forename('Bill', 'William')).toBe('nickname or variant');
    expect(forename('Katherine', 'Catherine')).toBe('nickname or variant');
    expect(forename('Stephen', 'Stefan')).toBe('double metaphone');
    expect(forename('Jessica', 'Jessie')).toBe('nickname or variant');
    expect(forename('Danielle', 'Daniela')).toBe('nickname or variant');
    expect(forename('Martha', 'Marhta')).toBe('jaro-winkler >= 0.95');
    expect(forename('Daniel', 'Daniek')).toBe('jaro-winkler >= 0.88');
    expect(forename('Jessica', 'Rebecca')).toBe('else');
    expect(forename('Jessica', '')).toBe('missing');
  });

  it('finds each surname level', () => {
    const surname = (a: string, b: string) =>
      labelOf('surname', compareSurname(person({ surname: a }), person({ surname: b })));
    expect(surname("O'Brien", 'OBrien')).toBe('exact');
    expect(surname('Hargreaves', 'Hargreavs')).toBe('jaro-winkler >= 0.95');
    expect(surname('Smith', 'Schmidt')).toBe('double metaphone');
    expect(surname('Thompson', 'Tomson')).toBe('jaro-winkler >= 0.88');
    expect(surname('Smith', 'Patel')).toBe('else');
    expect(surname('Smith', '  ')).toBe('missing');
  });
});

describe('date of birth comparison', () => {
  const dob = (a: string | null, b: string | null) =>
    labelOf('dob', compareDob(person({ dob: a }), person({ dob: b })));

  it('finds each level, reading UK day-first dates too', () => {
    expect(dob('2008-03-14', '14/03/2008')).toBe('exact');
    expect(dob('2008-03-14', '2008-03-15')).toBe('one digit different');
    expect(dob('2008-03-14', '2009-03-14')).toBe('one digit different');
    expect(dob('2008-03-04', '2008-04-03')).toBe('day and month swapped');
    expect(dob('2008-03-14', '2008-11-30')).toBe('within a year');
    expect(dob('2008-03-14', '1990-01-01')).toBe('else');
  });

  it('treats invalid dates as missing', () => {
    expect(dob('2008-02-30', '2008-02-30')).toBe('missing');
    expect(dob('31/04/2001', '2001-04-30')).toBe('missing');
    expect(dob('yesterday', '2001-04-30')).toBe('missing');
    expect(dob(null, '2001-04-30')).toBe('missing');
  });
});

describe('postcode comparison', () => {
  const postcode = (a: string, b: string) =>
    labelOf('postcode', comparePostcode(person({ postcode: a }), person({ postcode: b })));

  it('compares UK postcodes by level and other postcodes whole', () => {
    expect(postcode('pr1 2ab', 'PR12AB')).toBe('full');
    expect(postcode('PR1 2AB', 'PR1 2XY')).toBe('sector');
    expect(postcode('PR1 2AB', 'PR1 5XY')).toBe('district');
    expect(postcode('PR1 2AB', 'PR7 5XY')).toBe('area');
    expect(postcode('PR1 2AB', 'BB1 2AB')).toBe('else');
    expect(postcode('75008', '75008')).toBe('full');
    expect(postcode('75008', '75009')).toBe('else');
    expect(postcode('75008', 'PR1 2AB')).toBe('else');
    expect(postcode('', 'PR1 2AB')).toBe('missing');
  });
});

describe('identifier, address and other comparisons', () => {
  it('compares NHS numbers only when both are valid', () => {
    const nhs = (a: string, b: string) =>
      compareRecords(person({ nhsNumber: a }), person({ nhsNumber: b }))[4]!;
    expect(nhs('943 476 5919', '9434765919')).toBe(0);
    expect(labelOf('nhsNumber', nhs('9434765919', '4010232137'))).toBe('different');
    expect(nhs('9434765918', '9434765918')).toBe(NULL_LEVEL);
  });

  it('grades identifiers: a mistyped or transposed digit, two edits, different', () => {
    const other = (a: string, b: string) =>
      labelOf('otherId', compareRecords(person({ otherId: a }), person({ otherId: b }))[5]!);
    expect(other('1234567', '1234567')).toBe('exact');
    expect(other('1234567', '1234587')).toBe('one digit different or transposed');
    expect(other('1234567', '1243567')).toBe('one digit different or transposed');
    // A dropped digit changes the format, but so close a value is the same identifier mistyped.
    expect(other('1234567', '123467')).toBe('one digit different or transposed');
    expect(other('1234567', '2134576')).toBe('two edits');
    expect(other('1234567', '7654321')).toBe('different');
    // Different formats far apart are different kinds of identifier: no evidence.
    expect(other('PN/123456', '9876543')).toBe('missing');
  });

  it('compares the e-mail user and domain apart', () => {
    const email = (a: string, b: string) =>
      labelOf('email', compareRecords(person({ email: a }), person({ email: b }))[6]!);
    expect(email('jane.hall@a.example', 'Jane.Hall@A.example')).toBe('exact');
    expect(email('jane.hall@a.example', 'jane.hall@b.example')).toBe('same user, different domain');
    expect(email('jane.hall@a.example', 'jane.hal@a.example')).toBe('user within one edit');
    expect(email('jane.hall@a.example', 'jnae.hal@b.example')).toBe('user within two edits');
    expect(email('jane.hall@a.example', 'jhall77@a.example')).toBe('different');
    // Numbers tell apart the addresses of people who share a name: no typo there.
    expect(email('jess.hall12@a.example', 'jess.hall47@a.example')).toBe('different');
    expect(email('jess.hall12@a.example', 'jess.hal12@a.example')).toBe('user within one edit');
  });

  it('grades towns by spelling and dates by the slips people make', () => {
    const city = (a: string, b: string) =>
      labelOf('city', compareRecords(person({ city: a }), person({ city: b }))[8]!);
    expect(city('Whitby', 'whitby')).toBe('exact');
    expect(city('Marshden', 'Marsden')).toBe('jaro-winkler >= 0.88');
    expect(city('Marshden', 'Foxlow')).toBe('different');
    const dob = (a: string, b: string) => labelOf('dob', compareDob(person({ dob: a }), person({ dob: b })));
    expect(dob('1985-03-04', '1958-03-04')).toBe('two digits different or transposed');
    expect(dob('1985-03-04', '1985-03-05')).toBe('one digit different');
    expect(dob('1985-03-04', '1985-04-03')).toBe('day and month swapped');
    expect(dob('1985-03-04', '1962-11-27')).toBe('else');
  });

  it('bands address similarity by shared words, expanding abbreviations', () => {
    const address = (a: string, b: string) =>
      labelOf('address', compareAddress(person({ address: a }), person({ address: b })));
    expect(address('12 Church Rd', '12 CHURCH ROAD')).toBe('jaccard >= 0.9');
    expect(address('Flat 2, 12 Church Road', '12 Church Road')).toBe('jaccard >= 0.6');
    expect(address('12 Church Road', '12 Church Lane')).toBe('jaccard >= 0.3');
    expect(address('12 Church Road', '3 Mill Lane')).toBe('else');
    expect(jaccard([], [])).toBe(1);
  });

  it('compares e-mail case-insensitively, gender by meaning', () => {
    const levels = compareRecords(
      person({ email: 'Jess@Example.org', gender: 'female', city: 'Preston' }),
      person({ email: 'jess@example.org', gender: 'F', city: 'preston' }),
    );
    expect(levels[6]).toBe(0);
    expect(levels[9]).toBe(0);
    expect(levels[8]).toBe(0);
  });

  it('gives the missing level for every field of an empty record', () => {
    const levels = compareRecords(
      person({}),
      person({ firstName: 'Amy', surname: 'Hall', dob: '2001-01-01' }),
    );
    expect(Array.from(levels)).toEqual(new Array(FIELD_COUNT).fill(NULL_LEVEL));
  });
});

// Values drawn from small pools so that equal, near and missing values all turn up often.
const recordArbitrary = fc.record({
  id: fc.constant('r'),
  firstName: fc.option(
    fc.constantFrom('Jess', 'Jessica', 'Jesica', 'Smith', 'Bill', 'William', 'Stefan', 'Stephen', ''),
  ),
  surname: fc.option(fc.constantFrom('Smith', 'Schmidt', 'Smyth', 'Jessica', 'Thompson', 'Thomson', '')),
  dob: fc.option(
    fc.constantFrom('2001-02-03', '2001-03-02', '2001-02-04', '2000-12-25', '1990-01-01', '2001-02-30'),
  ),
  postcode: fc.option(
    fc.constantFrom('PR1 2AB', 'PR1 2XY', 'PR1 5AB', 'PR7 1AA', 'BB1 1AA', '75008', 'junk'),
  ),
  address: fc.option(
    fc.constantFrom('12 Church Road', '12 Church Rd', 'Flat 1 12 Church Road', '3 Mill Lane'),
  ),
  city: fc.option(fc.constantFrom('Preston', 'Blackburn')),
  email: fc.option(fc.constantFrom('a@example.org', 'b@example.org', 'not-an-email')),
  nhsNumber: fc.option(fc.constantFrom('9434765919', '4010232137', '1234567890')),
  otherId: fc.option(fc.constantFrom('LAN1', 'LAN2', 'PN/1234567', 'pn/1234568', 'K930100100123')),
  gender: fc.option(fc.constantFrom('M', 'F', 'male', 'unknown')),
});

describe('every comparison', () => {
  it('is symmetric and returns a level that exists', () => {
    fc.assert(
      fc.property(recordArbitrary, recordArbitrary, (rawA, rawB) => {
        const a = prepareRecord(rawA);
        const b = prepareRecord(rawB);
        COMPARATORS.forEach((compare, f) => {
          const forward = compare(a, b);
          expect(compare(b, a)).toBe(forward);
          expect(forward).toBeGreaterThanOrEqual(NULL_LEVEL);
          expect(forward).toBeLessThan(LEVEL_LABELS[FIELDS[f]!].length);
        });
        expect(Array.from(compareRecords(a, b))).toEqual(Array.from(compareRecords(b, a)));
      }),
      { numRuns: 1000 },
    );
  });

  it('puts a record level with itself at the top level or missing', () => {
    fc.assert(
      fc.property(recordArbitrary, (raw) => {
        const a = prepareRecord(raw);
        for (const value of compareRecords(a, a)) expect([0, NULL_LEVEL]).toContain(value);
      }),
    );
  });
});

describe('other identifiers', () => {
  const other = (a: string, b: string) =>
    labelOf(
      'otherId',
      compareRecords(person({ otherId: a }), person({ otherId: b }))[FIELDS.indexOf('otherId')]!,
    );

  it('compares identifiers of the same format and ignores different kinds', () => {
    expect(other('PN/1234567', 'pn/1234567')).toBe('exact');
    expect(other('PN/1234567', 'PN/7654321')).toBe('different');
    // A police reference and a unique pupil number are different kinds of identifier: no evidence.
    expect(other('PN/1234567', 'K930100100123')).toBe('missing');
  });
});
