import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partsFromIso } from '../platform/forms/date-parts.ts';
import { Referral, ReferralSummary, VictimReferralBody } from './api-schemas.ts';
import { referralOut } from './api-view.ts';
import { summarySections } from './draft-view.ts';
import { answerText, FIELDS, selectedColumns, stepFieldView, storedValues } from './field-kinds.ts';
import type { FieldSpec } from './fields.ts';
import { pageErrors, pageOfField, toInput, type VictimDraft } from './form.ts';
import { referralRowForTest } from './view-models.test-support.ts';
import { submittedRows } from './view-models.ts';

const now = new Date('2026-03-02T12:00:00Z');

/** A value each field accepts, as typed on its step and as stored. */
function answer(f: FieldSpec): { typed: unknown; stored: unknown } {
  if (f.kind === 'code') return { typed: f.codes![0]!.code, stored: f.codes![0]!.code };
  if (f.kind === 'yesNo') return { typed: 'yes', stored: true };
  if (f.kind === 'date') return { typed: partsFromIso('2026-01-31'), stored: '2026-01-31' };
  return { typed: `Some ${f.name}`, stored: `Some ${f.name}` };
}

function answeredDraft(): VictimDraft {
  // The rest of the steps the simple fields share, answered.
  const draft: Record<string, Record<string, unknown>> = {
    referrer: {
      name: 'Pat',
      role: '',
      contact: '',
      received: partsFromIso('2026-03-01'),
      receivedTime: '10:00',
    },
    concerns: { indicators: [] },
  };
  for (const f of FIELDS) {
    draft[f.page] ??= {};
    draft[f.page]![f.name] = answer(f).typed;
  }
  return draft as VictimDraft;
}

function answeredRow() {
  return referralRowForTest(Object.fromEntries(FIELDS.map((f) => [f.column, answer(f).stored])));
}

describe('the victim referral’s simple fields', () => {
  it('have distinct names and columns, and limits that fit their kind', () => {
    expect(new Set(FIELDS.map((f) => f.name)).size).toBe(FIELDS.length);
    expect(new Set(FIELDS.map((f) => f.column)).size).toBe(FIELDS.length);
    for (const f of FIELDS) {
      expect(f.column, f.name).toMatch(/^[a-z][a-z0-9_]*$/);
      if (f.kind === 'code') expect(f.codes?.length, f.name).toBeGreaterThan(0);
      if (f.kind === 'text') expect(f.maxLength, f.name).toBeGreaterThan(0);
      if (f.appendTo) expect(FIELDS.map((g) => g.name)).toContain(f.appendTo);
    }
  });

  it('each appear in the API body, the referral the API answers, and with the values stored', () => {
    const row = answeredRow();
    const out = referralOut({ referral: row, people: [], earlier: [], caseReader: false }) as Record<
      string,
      unknown
    >;
    const answered = { ...ReferralSummary.properties, ...Referral.properties };
    for (const f of FIELDS) {
      expect(Object.keys(VictimReferralBody.properties), f.name).toContain(f.name);
      expect(Object.keys(answered), f.name).toContain(f.name);
      expect(out[f.name], f.name).toEqual(answer(f).stored);
    }
  });

  it('each have a column the store selects and writes, from the input the draft makes', () => {
    const columns = selectedColumns('r');
    const stored = storedValues(toInput(answeredDraft()));
    for (const f of FIELDS) {
      expect(columns, f.name).toContain(`r.${f.column}`);
      expect(stored[f.column], f.name).toEqual(answer(f).stored);
    }
    const migrations = readdirSync('migrations')
      .map((name) => readFileSync(join('migrations', name), 'utf8'))
      .join('\n');
    for (const f of FIELDS) expect(migrations, f.column).toMatch(new RegExp(`\\b${f.column}\\b`));
  });

  it('each show on "Check your answers" and on the referral page', () => {
    const sections = summarySections(answeredDraft());
    const page = submittedRows(answeredRow());
    for (const f of FIELDS) {
      const section = sections.find((s) => s.page === f.page);
      expect(
        section?.rows.map((r) => r.key),
        f.name,
      ).toContain(f.checkLabel ?? f.label);
      const key = f.appendTo ? FIELDS.find((g) => g.name === f.appendTo)!.label : f.label;
      const row = page.find((r) => r.key === key);
      expect(row, f.name).toBeDefined();
      if (f.kind === 'text') expect(row!.value, f.name).toContain(`Some ${f.name}`);
    }
  });

  it('each have an input in their step’s template, fed by the step’s view', () => {
    for (const f of FIELDS) {
      const template = readFileSync(join('src/referrals/views', `draft-${f.page}.njk`), 'utf8');
      const input = f.kind === 'date' ? `namePrefix: "${f.name}"` : `name: "${f.name}"`;
      expect(template, f.name).toContain(input);
      const variable = f.kind === 'code' || f.kind === 'yesNo' ? `${f.name}Items` : f.name;
      expect(template, f.name).toContain(variable);
      expect(Object.keys(stepFieldView({}, f.page)), f.name).toContain(variable);
    }
  });

  it('are checked on their own step: required ones when missing, text when too long', () => {
    for (const f of FIELDS) {
      expect(pageOfField(f.name), f.name).toBe(f.page);
      const draft = answeredDraft() as Record<string, Record<string, unknown>>;
      draft[f.page]![f.name] = f.kind === 'date' ? partsFromIso('') : '';
      const errors = pageErrors(draft as VictimDraft, f.page, now).map((e) => e.field);
      if (f.required) expect(errors, f.name).toContain(f.name);
      if (f.kind === 'text' && f.maxLength) {
        draft[f.page]![f.name] = 'x'.repeat(f.maxLength + 1);
        expect(
          pageErrors(draft as VictimDraft, f.page, now).map((e) => e.field),
          f.name,
        ).toContain(f.name);
      }
    }
  });
});

describe('the kinds of simple field', () => {
  const yesNo: FieldSpec = {
    name: 'inEducation',
    column: 'in_education',
    kind: 'yesNo',
    page: 'concerns',
    label: 'In education',
    required: false,
  };
  const date: FieldSpec = {
    name: 'seenOn',
    column: 'seen_on',
    kind: 'date',
    page: 'concerns',
    label: 'Date seen',
    required: false,
  };

  it('show yes/no answers from the draft and from the row alike, and dates in words', () => {
    expect([true, 'yes', false, 'no', null, ''].map((v) => answerText(yesNo, v))).toEqual([
      'Yes',
      'Yes',
      'No',
      'No',
      'Not known',
      'Not known',
    ]);
    expect(answerText(date, '2026-01-31')).toBe('31 January 2026');
    expect(answerText(date, partsFromIso('2026-01-31'))).toBe('31 January 2026');
    expect(answerText(date, { day: '31', month: 'x', year: '2026' })).toBe('');
  });
});
