/**
 * What each kind of simple field (fields.ts) means in every place a field appears: read from a posted
 * step, carried from the draft into the referral input, checked, stored, shown and answered by the API.
 * Pure. A new field needs nothing here; a new kind of field does.
 */

import { isCode, labelOf } from '../platform/codes/code-list.ts';
import { formText } from '../platform/forms/body.ts';
import { blankDate, type DateParts, datePartsFrom, isoFromParts } from '../platform/forms/date-parts.ts';
import { label, radioItems, selectItems, yesNoItems } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { ukDate } from '../platform/time/display.ts';
import { type FieldInput, type FieldPage, type FieldSpec, VICTIM_FIELDS } from './fields.ts';

/** The table, widened: code below treats every field alike. */
export const FIELDS: readonly FieldSpec[] = VICTIM_FIELDS;

/** Any object holding fields by name or column (an input, a draft, a row); interfaces included. */
type Values = object;

function get(values: Values | undefined, key: string): unknown {
  return (values as Record<string, unknown> | undefined)?.[key];
}

export function fieldsOn(page: string): readonly FieldSpec[] {
  return FIELDS.filter((f) => f.page === page);
}

/** The step a simple field is answered on, or null if the name is not a simple field's. */
export function pageOfSimpleField(name: string): FieldPage | null {
  return FIELDS.find((f) => f.name === name)?.page ?? null;
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function trimmedOrNull(value: unknown): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  return text ? text : null;
}

// ---------------------------------------------------------------- the draft

/** A step's simple fields as posted (text one character over its limit, so that the check can say so). */
export function readPageFields(body: unknown, page: FieldPage): Record<string, string | DateParts> {
  const values: Record<string, string | DateParts> = {};
  for (const f of fieldsOn(page)) {
    if (f.kind === 'date') values[f.name] = datePartsFrom(body, f.name);
    else if (f.kind === 'text') values[f.name] = formText(body, f.name, (f.maxLength ?? 10_000) + 1).trim();
    else if (f.kind === 'yesNo') {
      const answer = formText(body, f.name, 5);
      values[f.name] = answer === 'yes' || answer === 'no' ? answer : '';
    } else values[f.name] = formText(body, f.name, 40).trim();
  }
  return values;
}

function draftValue(draft: Values, f: FieldSpec): unknown {
  return get(get(draft, f.page) as Values | undefined, f.name);
}

/** The draft's simple fields as the referral input has them; unanswered ones are blank and fail the checks. */
export function inputFromDraft(draft: Values): FieldInput {
  const input: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const value = draftValue(draft, f);
    if (f.kind === 'yesNo') input[f.name] = value === 'yes' ? true : value === 'no' ? false : null;
    else if (f.kind === 'date') input[f.name] = value ? isoFromParts(value as DateParts) || null : null;
    else input[f.name] = f.required ? ((value as string | undefined) ?? '') : (value as string) || null;
  }
  return input as FieldInput;
}

// ---------------------------------------------------------------- the checks

/** The basic checks of one step's simple fields: required, on the list, not too long, a real date. */
export function validatePageFields(input: Values, page: FieldPage, errors: FieldError[]): void {
  for (const f of fieldsOn(page)) {
    const value = get(input, f.name);
    const missing = f.missing ?? `Answer "${f.label}"`;
    if (f.kind === 'code') {
      if ((f.required || !blank(value)) && !isCode(f.codes ?? [], value))
        errors.push({ field: f.name, message: missing });
    } else if (f.kind === 'yesNo') {
      if (f.required && typeof value !== 'boolean') errors.push({ field: f.name, message: missing });
    } else if (f.kind === 'date') {
      if (blank(value)) {
        if (f.required) errors.push({ field: f.name, message: missing });
      } else if (Number.isNaN(new Date(`${String(value)}T00:00:00Z`).getTime()))
        errors.push({ field: f.name, message: `${f.label} must be a real date` });
    } else {
      const text = typeof value === 'string' ? value.trim() : '';
      if (f.required && !text) errors.push({ field: f.name, message: missing });
      else if (f.maxLength !== undefined && text.length > f.maxLength)
        errors.push({
          field: f.name,
          message: f.tooLong ?? `${f.label} must be ${f.maxLength} characters or fewer`,
        });
    }
  }
}

// ---------------------------------------------------------------- the store

/** The simple fields' values as stored, by column: text trimmed, blanks as null. */
export function storedValues(input: Values): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const value = get(input, f.name);
    if (f.kind === 'yesNo') stored[f.column] = typeof value === 'boolean' ? value : null;
    else if (f.kind === 'text')
      stored[f.column] = f.required ? String(value ?? '').trim() : trimmedOrNull(value);
    else stored[f.column] = blank(value) ? null : value;
  }
  return stored;
}

/** The simple fields' columns as selected from `victim_referral` aliased `alias` (dates as 'YYYY-MM-DD'). */
export function selectedColumns(alias: string): string {
  return FIELDS.map((f) =>
    f.kind === 'date' ? `to_char(${alias}.${f.column}, 'YYYY-MM-DD') AS ${f.column}` : `${alias}.${f.column}`,
  ).join(', ');
}

// ---------------------------------------------------------------- showing answers

function dateText(iso: string): string {
  return ukDate(iso) || iso;
}

/** A field's value as shown: a code's label, Yes / No / Not known, a date in words, or the text. */
export function answerText(f: FieldSpec, value: unknown): string {
  if (f.kind === 'code') return label(f.codes ?? [], value as string | null | undefined);
  if (f.kind === 'yesNo')
    return value === true || value === 'yes' ? 'Yes' : value === false || value === 'no' ? 'No' : 'Not known';
  if (f.kind === 'date') {
    const iso = typeof value === 'string' ? value : value ? isoFromParts(value as DateParts) : '';
    return iso && iso !== 'invalid' ? dateText(iso) : '';
  }
  return (value as string | null | undefined) ?? '';
}

export interface AnswerRow {
  key: string;
  value: string;
}

/** "Check your answers" rows of one step's simple fields; optional fields only when answered. */
export function checkAnswerRows(draft: Values, page: FieldPage): AnswerRow[] {
  return fieldsOn(page)
    .filter((f) => f.required || !blank(draftValue(draft, f)))
    .map((f) => ({ key: f.checkLabel ?? f.label, value: answerText(f, draftValue(draft, f)) }));
}

/**
 * The referral page's rows of one step's simple fields, from the row (`appendTo` fields join another's);
 * `lines`: free text, whose line breaks are shown.
 */
export function referralRows(row: Values, page: FieldPage): Array<AnswerRow & { lines: boolean }> {
  return fieldsOn(page)
    .filter((f) => !f.appendTo)
    .map((f) => {
      const joined = FIELDS.filter((g) => g.appendTo === f.name && !blank(get(row, g.column)))
        .map((g) => `. ${answerText(g, get(row, g.column))}`)
        .join('');
      return { key: f.label, value: answerText(f, get(row, f.column)) + joined, lines: f.kind === 'text' };
    });
}

/** The API's values of one step's simple fields, by name, from the row; `except` those answered elsewhere. */
export function apiValues(
  row: Values,
  page: FieldPage,
  except: readonly string[] = [],
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const f of fieldsOn(page)) {
    if (except.includes(f.name)) continue;
    const value = get(row, f.column) ?? null;
    values[f.name] = value;
    // A coded field answers its label too (`categoryLabel`), for partner systems that show it to people.
    if (f.kind === 'code')
      values[`${f.name}Label`] = value ? (labelOf(f.codes ?? [], String(value)) ?? null) : null;
  }
  return values;
}

/** A step template's variables for its simple fields: `<name>Items` for choices, `<name>` for text and dates. */
export function stepFieldView(values: Values | undefined, page: FieldPage): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const f of fieldsOn(page)) {
    const value = get(values, f.name);
    if (f.kind === 'code')
      view[`${f.name}Items`] = f.selectBlank
        ? selectItems(f.codes ?? [], (value as string) ?? '', f.selectBlank)
        : radioItems(f.codes ?? [], (value as string) ?? '');
    else if (f.kind === 'yesNo') view[`${f.name}Items`] = yesNoItems((value as string) ?? '');
    else if (f.kind === 'date') view[f.name] = value ?? blankDate();
    else view[f.name] = value ?? '';
  }
  return view;
}
