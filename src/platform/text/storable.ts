/**
 * Text the database and the audit chain can hold exactly. PostgreSQL's text and jsonb refuse NUL (U+0000),
 * and an unpaired UTF-16 surrogate cannot be encoded as UTF-8: the driver silently stores U+FFFD instead, so
 * what was hashed into the audit chain would no longer be what the database gives back. Such text is
 * refused at the edge (a field-level 400) and, as a second line, replaced wherever text is written to the
 * audit log from elsewhere (CLI imports, jobs). A byte-order mark (U+FEFF) at the start of a value is an
 * encoding artefact, not content, and the embedded engine's decoder drops it from text columns: it is
 * removed everywhere so that both engines store, and the audit chain hashes, the same text.
 */

// Without the `u` flag the pattern works on UTF-16 code units: a high surrogate not followed by a low one,
// or a low one not preceded by a high one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNPAIRED_SURROGATES = new RegExp(UNPAIRED_SURROGATE.source, 'g');

/** Why a string cannot be stored as it is, or null when it can. */
export function unstorableReason(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (UNPAIRED_SURROGATE.test(value))
    return 'contains an unpaired surrogate (text that is not valid Unicode)';
  return null;
}

export interface UnstorableText {
  /** Dotted path of the field, e.g. `child.forename` or `concerns.0`. */
  field: string;
  reason: string;
}

const MAX_DEPTH = 32;

/** The first unstorable string in a parsed body, query or params, keys included. */
export function findUnstorableText(value: unknown, path = '', depth = 0): UnstorableText | null {
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    return reason ? { field: path || 'body', reason } : null;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    const keyReason = unstorableReason(key);
    if (keyReason) return { field: path || 'body', reason: `has a field name that ${keyReason}` };
    const found = findUnstorableText(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

const LEADING_BOMS = /^\uFEFF+/;

/** A copy of a JSON-like value with every string (and key) passed through `change`. */
function mapStrings<T>(value: T, change: (text: string) => string): T {
  if (typeof value === 'string') return change(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, change)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [change(k), mapStrings(v, change)])) as T;
  }
  return value;
}

/** Whether any string (or key) in a JSON-like value satisfies `test`. */
function someString(value: unknown, test: (text: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  if (Array.isArray(value)) return value.some((v) => someString(v, test));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => test(k) || someString(v, test));
  return false;
}

const startsWithBom = (text: string) => text.startsWith('\uFEFF');

/**
 * What the edge does to accepted text: leading byte-order marks removed, nothing else. The value itself
 * when it has none (nearly always), so that no request pays for a copy of its body.
 */
export function normalisedText<T>(value: T): T {
  if (!someString(value, startsWithBom)) return value;
  return mapStrings(value, (text) => (startsWithBom(text) ? text.replace(LEADING_BOMS, '') : text));
}

/**
 * The storable form of any JSON-like value, for writers that cannot refuse (the audit log): leading
 * byte-order marks removed, NUL and unpaired surrogates replaced by U+FFFD.
 */
export function storableCopy<T>(value: T): T {
  return mapStrings(value, (text) =>
    text.replace(LEADING_BOMS, '').replaceAll('\u0000', '\uFFFD').replace(UNPAIRED_SURROGATES, '\uFFFD'),
  );
}
