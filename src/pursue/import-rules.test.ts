import { describe, expect, it } from 'vitest';
import { TACTICS } from './codes.ts';
import {
  checkImportRow,
  type DisposalImportRow,
  datePartsOf,
  fingerprintOf,
  readImportRow,
  tacticCodeOf,
} from './import-rules.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
const CHILD = '0b7a3f0e-5c4d-4e8a-9a53-1f2e3d4c5b6a';
const PERSON = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';

const row = (over: Partial<DisposalImportRow> = {}): DisposalImportRow => ({
  policeReference: 'DISP-1',
  pncReference: '12/345678X',
  tactic: 'ARREST',
  startedOn: '2026-12-01',
  ...over,
});

const check = (over: Partial<DisposalImportRow>, children: readonly string[] | null = []) =>
  checkImportRow(readImportRow(row(over)), children, NOW);
const fields = (over: Partial<DisposalImportRow>, children: readonly string[] | null = []) =>
  check(over, children).errors.map((e) => e.field);

describe('reading a row of police disposals', () => {
  it('takes a tactic by its code or its name in any case, from the register’s own list', () => {
    for (const t of TACTICS) {
      expect(tacticCodeOf(t.code.toLowerCase())).toBe(t.code);
      expect(tacticCodeOf(`  ${t.label.toUpperCase()} `)).toBe(t.code);
    }
    expect(tacticCodeOf('Deportation')).toBeNull();
    expect(tacticCodeOf('')).toBeNull();
  });

  it('reads dates as YYYY-MM-DD or DD/MM/YYYY (UK order), and nothing else', () => {
    expect(datePartsOf('2026-03-04')).toEqual({ year: '2026', month: '03', day: '04' });
    expect(datePartsOf('4/3/2026')).toEqual({ year: '2026', month: '3', day: '4' });
    expect(datePartsOf('')).toEqual({ year: '', month: '', day: '' });
    expect(datePartsOf('03-04-2026')).toBeNull();
    expect(datePartsOf('4 March 2026')).toBeNull();
  });

  it('names the person by a PNC reference in its search form, or by a Lantern id, never both or neither', () => {
    expect(readImportRow(row({ pncReference: ' 12/345678x ' })).person).toEqual({ pnc: '12345678X' });
    expect(readImportRow(row({ pncReference: null, personId: PERSON.toUpperCase() })).person).toEqual({
      personId: PERSON,
    });
    expect(fields({ personId: PERSON })).toEqual(['pncReference']);
    expect(fields({ pncReference: '' })).toEqual(['pncReference']);
    expect(fields({ pncReference: '//' })).toEqual(['pncReference']);
    expect(fields({ pncReference: null, personId: 'P-42' })).toEqual(['personId']);
  });
});

describe('checking a row by the register’s rules', () => {
  it('takes a good conviction with its sentence, dates in either style, and its officer', () => {
    const read = readImportRow(
      row({
        tactic: 'conviction',
        startedOn: '01/12/2026',
        courtDate: '2026-12-01',
        sentenceYears: 7,
        sentenceMonths: '6',
        issuingOfficer: ' DC 123 Example ',
      }),
    );
    expect(read.issuingOfficer).toBe('DC 123 Example');
    const { input, errors } = checkImportRow(read, [], NOW);
    expect(errors).toEqual([]);
    expect(input).toMatchObject({
      tactic: 'CONVICTION',
      startedOn: '2026-12-01',
      courtDate: '2026-12-01',
      sentenceMonths: 90,
      childPersonId: null,
    });
  });

  it.each([
    ['an order without a court date', { tactic: 'Sexual Risk Order' }, 'courtDate', 'Enter the court date'],
    [
      'an expiry before the start',
      { expiresOn: '2026-11-30' },
      'expiresOn',
      'The expiry date must be on or after the date it was issued',
    ],
    [
      'a sentence with no conviction',
      { tactic: 'CHARGE', sentenceYears: 3 },
      'sentenceYears',
      'A sentence is recorded only with a conviction',
    ],
    [
      'a notice naming no child',
      { tactic: 'CAWN_S2' },
      'childPersonId',
      'Select the child the notice protects',
    ],
    [
      'a notice naming a child not linked to the person',
      { tactic: 'CAWN_S49', childPersonId: CHILD },
      'childPersonId',
      'Select a child linked to this person',
    ],
    ['a start in the future', { startedOn: '2027-01-01' }, 'startedOn', 'must be today or in the past'],
    ['a date that is not one', { startedOn: '31/04/2026' }, 'startedOn', 'must be a real date'],
    [
      'a date in neither style',
      { reviewOn: '2026.12.20' },
      'reviewOn',
      'The review date must be a date as YYYY-MM-DD or DD/MM/YYYY',
    ],
    ['an unknown tactic', { tactic: 'Deportation' }, 'tactic', 'not one of the register’s tactics'],
    ['no police reference', { policeReference: '  ' }, 'policeReference', 'Enter the police reference'],
    ['a long officer', { issuingOfficer: 'x'.repeat(201) }, 'issuingOfficer', '200 characters or fewer'],
  ])('refuses %s, naming the field', (_, over: Partial<DisposalImportRow>, field, message) => {
    const { input, errors } = check(over);
    expect(input).toBeNull();
    expect(errors).toEqual([{ field, message: expect.stringContaining(message) }]);
  });

  it('takes a notice naming a child linked to the person', () => {
    const { input } = check({ tactic: 'cawn_s2', childPersonId: CHILD.toUpperCase() }, [CHILD]);
    expect(input).toMatchObject({ tactic: 'CAWN_S2', childPersonId: CHILD });
  });

  it('reports an unreadable field once, and every error of the row in the row’s order', () => {
    const { errors } = check({ policeReference: '', tactic: 'SHPO', startedOn: 'soon', sentenceMonths: 3 });
    expect(errors).toEqual([
      { field: 'policeReference', message: 'Enter the police reference of the disposal' },
      {
        field: 'startedOn',
        message: 'The date it was issued or happened must be a date as YYYY-MM-DD or DD/MM/YYYY',
      },
      { field: 'courtDate', message: 'Enter the court date' },
      { field: 'sentenceYears', message: 'A sentence is recorded only with a conviction' },
    ]);
  });

  it('does not judge a named child’s link when the person is unknown (the person is the error)', () => {
    expect(fields({ tactic: 'CAWN_S2', childPersonId: CHILD }, null)).toEqual([]);
  });
});

describe('a row’s fingerprint', () => {
  const row = {
    policeReference: 'D-1',
    pncReference: '12/345678X',
    personId: '',
    tactic: 'Arrest',
    startedOn: '2026-11-03',
    expiresOn: '',
    reviewOn: '',
    courtDate: '',
    sentenceYears: '',
    sentenceMonths: '',
    conditions: 'No contact.',
    childPersonId: '',
    issuingOfficer: 'DC 1 Example',
  };
  const of = (changes: Partial<typeof row>) => fingerprintOf(readImportRow({ ...row, ...changes }));

  it('is the same for the row sent again in another style', () => {
    expect(
      of({
        tactic: ' ARREST ',
        startedOn: '3/11/2026',
        pncReference: '12345678x',
        conditions: 'No contact. ',
      }),
    ).toBe(of({}));
  });

  it('differs when the force changed what the row says', () => {
    for (const change of [
      { tactic: 'NFA' },
      { startedOn: '2026-11-04' },
      { conditions: 'No contact with the child.' },
      { issuingOfficer: 'DC 2 Example' },
      { pncReference: '12/345679X' },
    ])
      expect(of(change)).not.toBe(of({}));
  });
});
