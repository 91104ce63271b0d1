/**
 * Version 1 models (stored by `lantern match train` before graded identifier, e-mail, town and date
 * levels) read as version 2: each level version 2 added between two old ones takes the m and u of the
 * old level that pairs meeting it fell into (the "different" or "else" after it), so an upgraded model
 * weighs every pair exactly as it did. Retraining then learns the new levels.
 */

/** Per field whose levels changed: the version 2 labels, each with the version 1 label it inherits from. */
const INHERITED: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  dob: [
    ['exact', 'exact'],
    ['one digit different', 'one digit different'],
    ['day and month swapped', 'day and month swapped'],
    ['within a year', 'within a year'],
    ['two digits different or transposed', 'else'],
    ['else', 'else'],
  ],
  nhsNumber: [
    ['exact', 'exact'],
    ['one digit different or transposed', 'different'],
    ['two edits', 'different'],
    ['different', 'different'],
  ],
  otherId: [
    ['exact', 'exact'],
    ['one digit different or transposed', 'different'],
    ['two edits', 'different'],
    ['different', 'different'],
  ],
  email: [
    ['exact', 'exact'],
    ['same user, different domain', 'different'],
    ['user within one edit', 'different'],
    ['user within two edits', 'different'],
    ['different', 'different'],
  ],
  city: [
    ['exact', 'exact'],
    ['jaro-winkler >= 0.88', 'different'],
    ['different', 'different'],
  ],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A version 1 model's JSON data as version 2 data; anything not shaped like a version 1 model is
 * returned unchanged, for parseModel to refuse with its own message.
 */
export function upgradeVersion1(data: Record<string, unknown>): Record<string, unknown> {
  if (data.version !== 1 || !Array.isArray(data.fields)) return data;
  const fields = data.fields.map((field: unknown) => {
    if (!isRecord(field) || typeof field.field !== 'string' || !Array.isArray(field.levels)) return field;
    const inherited = INHERITED[field.field];
    if (!inherited) return field;
    const old = new Map<string, unknown>();
    for (const level of field.levels)
      if (isRecord(level) && typeof level.label === 'string') old.set(level.label, level);
    const levels = inherited.map(([label, from]) => {
      const source = old.get(from);
      return isRecord(source) ? { ...source, label } : { label };
    });
    return { ...field, levels };
  });
  return { ...data, version: 2, fields };
}
