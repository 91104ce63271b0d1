/** Reading a posted form: text fields, repeated fields. Values are cut to a sane length, never trusted. */

const FIELD_MAX = 10_000;

type FormBody = Record<string, unknown>;

/** One text field of a posted form: the first value if repeated, '' if missing, cut to a sane length. */
export function formText(body: unknown, name: string, max = FIELD_MAX): string {
  const raw = (body as FormBody | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** A repeated field (checkboxes): every non-empty value, at most `max` of them. */
export function formList(body: unknown, name: string, max = 100): string[] {
  const raw = (body as FormBody | undefined)?.[name];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .slice(0, max)
    .map((v) => v.slice(0, 200));
}
