/**
 * A suspect's identifiers (aliases, vehicles, phones, handles, PNC/PND references), pure: the form read as
 * typed and checked, and the search form of a value (upper case, letters and digits only), so that a
 * partial registration or a phone number typed with spaces still finds its match.
 */
import { isCode } from '../platform/codes/code-list.ts';
import { formText } from '../platform/forms/body.ts';
import { checkDateField } from '../platform/forms/date-field.ts';
import { blankDate, type DateParts, datePartsFrom } from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { CHECKED_REFERENCES, IDENTIFIER_KINDS, type IdentifierKind } from './codes.ts';
import type { Checked } from './rules.ts';

export interface IdentifierForm {
  kind: string;
  value: string;
  checkedOn: DateParts;
  note: string;
}

export interface IdentifierInput {
  kind: IdentifierKind;
  value: string;
  searchKey: string;
  checkedOn: string | null;
  note: string | null;
}

export function blankIdentifierForm(): IdentifierForm {
  return { kind: '', value: '', checkedOn: blankDate(), note: '' };
}

export function identifierFormFrom(body: unknown): IdentifierForm {
  return {
    kind: formText(body, 'kind', 20).trim(),
    value: formText(body, 'value', 201).trim(),
    checkedOn: datePartsFrom(body, 'checkedOn'),
    note: formText(body, 'note', 1001).trim(),
  };
}

/** "pn66 xyz" → "PN66XYZ"; "07700 900-123" → "07700900123"; "@Dale_K" → "DALEK". */
export function searchKeyOf(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function validateIdentifier(form: IdentifierForm, now: Date): Checked<IdentifierInput> {
  const errors: FieldError[] = [];
  const kind = isCode(IDENTIFIER_KINDS, form.kind) ? form.kind : undefined;
  if (!kind) errors.push({ field: 'kind', message: 'Select what kind of identifier it is' });
  const key = searchKeyOf(form.value);
  if (!form.value) errors.push({ field: 'value', message: 'Enter the identifier' });
  else if (form.value.length > 200)
    errors.push({ field: 'value', message: 'The identifier must be 200 characters or fewer' });
  else if (!key) errors.push({ field: 'value', message: 'The identifier must contain a letter or a digit' });
  const checked = kind !== undefined && CHECKED_REFERENCES.has(kind);
  const checkedOn = checkDateField(
    form.checkedOn,
    {
      field: 'checkedOn',
      label: 'The date it was checked',
      required: checked,
      notAfter: formatLocalDate(toLocalDate(now)),
    },
    errors,
  );
  if (checkedOn && !checked)
    errors.push({
      field: 'checkedOn',
      message: 'A date checked is recorded only for a PNC or PND reference',
    });
  if (form.note.length > 1000)
    errors.push({ field: 'note', message: 'The note must be 1,000 characters or fewer' });
  if (errors.length || !kind) return { input: null, errors };
  return {
    input: { kind, value: form.value, searchKey: key, checkedOn, note: form.note || null },
    errors: [],
  };
}
