/** A code list: stable codes stored and sent, labels shown to people. Lists are data (`as const`). */

export interface CodeEntry {
  readonly code: string;
  readonly label: string;
}

/** The codes of a list, e.g. `codesOf(GENDERS)` → ['FEMALE', 'MALE', ...]. */
export function codesOf<const L extends readonly CodeEntry[]>(list: L): L[number]['code'][] {
  return list.map((entry) => entry.code);
}

/** Narrows an untrusted value (form field, API body, CSV cell) to a code of the given list. */
export function isCode<const L extends readonly CodeEntry[]>(
  list: L,
  value: unknown,
): value is L[number]['code'] {
  return typeof value === 'string' && list.some((entry) => entry.code === value);
}

/** The label for a code, or undefined if the list does not hold it. */
export function labelOf(list: readonly CodeEntry[], code: string): string | undefined {
  return list.find((entry) => entry.code === code)?.label;
}
