/** What GOV.UK macros need from a form: error summaries and the items of selects, radios and checkboxes. */
import { type CodeEntry, labelOf } from '../codes/code-list.ts';
import type { FieldError } from '../http/errors.ts';

/**
 * Field errors for a page: a summary linking to each input (`anchors` maps a field to its input id, e.g. a
 * date to its day box) and a per-field lookup. Repeated fields keep the first message.
 */
export function errorsForPage(errors: FieldError[], anchors: Record<string, string> = {}) {
  const fieldErrors: Record<string, { text: string }> = {};
  for (const e of errors) fieldErrors[e.field] ??= { text: e.message };
  return {
    errorList: errors.map((e) => ({ text: e.message, href: `#${anchors[e.field] ?? e.field}` })),
    fieldErrors,
  };
}

export interface Item {
  value: string;
  text: string;
  selected?: boolean;
  checked?: boolean;
}

export function selectItems(list: readonly CodeEntry[], selected: string, blankText: string): Item[] {
  return [
    { value: '', text: blankText },
    ...list.map((e) => ({ value: e.code, text: e.label, selected: e.code === selected })),
  ];
}

export function radioItems(list: readonly CodeEntry[], checked: string): Item[] {
  return list.map((e) => ({ value: e.code, text: e.label, checked: e.code === checked }));
}

export function checkboxItems(list: readonly CodeEntry[], checked: readonly string[]): Item[] {
  return list.map((e) => ({ value: e.code, text: e.label, checked: checked.includes(e.code) }));
}

export function yesNoItems(checked: string): Item[] {
  return [
    { value: 'yes', text: 'Yes', checked: checked === 'yes' },
    { value: 'no', text: 'No', checked: checked === 'no' },
  ];
}

export function label(list: readonly CodeEntry[], code: string | null | undefined): string {
  if (!code) return '';
  return labelOf(list, code) ?? code;
}
