/**
 * The date of birth a person types to search (GOV.UK date input: day, month, year). The pages of results
 * and the merge form carry it on as one hidden 'YYYY-MM-DD' field, which is read when no boxes were sent.
 */

import { formText } from '../platform/forms/body.ts';
import {
  type DateParts,
  datePartsEmpty,
  datePartsFrom,
  isoFromParts,
  partsFromIso,
} from '../platform/forms/date-parts.ts';

/** 'YYYY-MM-DD', 'invalid' (which the search rules refuse as not a real date), or '' for none. */
export function dobFromBody(body: unknown): { dob: string; dobParts: DateParts } {
  const parts = datePartsFrom(body, 'dob');
  if (!datePartsEmpty(parts)) return { dob: isoFromParts(parts), dobParts: parts };
  const carried = formText(body, 'dob', 20).trim();
  return { dob: carried, dobParts: partsFromIso(carried) };
}

/** The boxes of the date input, keeping what was typed, marked when the date is in error. */
export function dobItems(parts: DateParts | undefined, invalid: boolean) {
  const error = invalid ? ' govuk-input--error' : '';
  return [
    { name: 'day', classes: `govuk-input--width-2${error}`, value: parts?.day ?? '' },
    { name: 'month', classes: `govuk-input--width-2${error}`, value: parts?.month ?? '' },
    { name: 'year', classes: `govuk-input--width-4${error}`, value: parts?.year ?? '' },
  ];
}
