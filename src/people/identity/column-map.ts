/**
 * Mapping CSV columns to identity fields, e.g. `first_name=Forename,surname=Family name,dob=DOB`.
 * Any subset of fields may be mapped; `full_name` stands in for `first_name` and `surname`.
 */
import type { IdentityRecord } from './record.ts';

export const MAPPABLE_FIELDS = [
  'first_name',
  'surname',
  'full_name',
  'dob',
  'gender',
  'postcode',
  'address',
  'city',
  'email',
  'nhs_number',
  'other_id',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Field → CSV column name. */
export type ColumnMap = Partial<Record<MappableField, string>>;

export class ColumnMapError extends Error {
  override name = 'ColumnMapError';
}

function isMappableField(name: string): name is MappableField {
  return (MAPPABLE_FIELDS as readonly string[]).includes(name);
}

/**
 * Parses `field=Column,field=Column`. Column names are taken as written (trimmed) and cannot contain
 * commas. Throws ColumnMapError naming the problem and the fields that are allowed.
 */
export function parseMapOption(text: string): ColumnMap {
  const map: ColumnMap = {};
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0)
    throw new ColumnMapError('The column map is empty: expected e.g. first_name=Forename');
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals < 0) throw new ColumnMapError(`"${entry}" is not field=column (e.g. surname=Family name)`);
    const field = entry.slice(0, equals).trim().toLowerCase();
    const column = entry.slice(equals + 1).trim();
    if (!isMappableField(field)) {
      throw new ColumnMapError(`Unknown field "${field}": use one of ${MAPPABLE_FIELDS.join(', ')}`);
    }
    if (column.length === 0) throw new ColumnMapError(`No column given for field "${field}"`);
    if (map[field] !== undefined) throw new ColumnMapError(`Field "${field}" is mapped twice`);
    map[field] = column;
  }
  if (map.full_name !== undefined && (map.first_name !== undefined || map.surname !== undefined)) {
    throw new ColumnMapError('Map either full_name or first_name/surname, not both');
  }
  return map;
}

/** Column positions for the mapped fields, the id and any extra columns (e.g. ground truth). */
export interface ResolvedColumns {
  id: number;
  fields: Partial<Record<MappableField, number>>;
  extra: Record<string, number>;
  headerLength: number;
}

/** Finds each mapped column in the header (exact name first, then ignoring case); throws naming any not found. */
export function resolveColumns(
  header: readonly string[],
  idColumn: string,
  map: ColumnMap,
  extraColumns: readonly string[] = [],
): ResolvedColumns {
  const names = header.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
  const find = (column: string): number => {
    const exact = names.indexOf(column);
    if (exact >= 0) return exact;
    return names.findIndex((name) => name.toLowerCase() === column.toLowerCase());
  };
  const missing: string[] = [];
  const locate = (column: string, purpose: string): number => {
    const index = find(column);
    if (index < 0) missing.push(`"${column}" (${purpose})`);
    return index;
  };
  const id = locate(idColumn, 'id');
  const fields: Partial<Record<MappableField, number>> = {};
  for (const field of MAPPABLE_FIELDS) {
    const column = map[field];
    if (column !== undefined) fields[field] = locate(column, field);
  }
  const extra: Record<string, number> = {};
  for (const column of extraColumns) extra[column] = locate(column, 'extra');
  if (missing.length > 0) {
    throw new ColumnMapError(
      `Column${missing.length > 1 ? 's' : ''} not in the file: ${missing.join(', ')}. The header has: ${names.join(', ')}`,
    );
  }
  return { id, fields, extra, headerLength: header.length };
}

const TITLES = new Set([
  'MR',
  'MRS',
  'MS',
  'MISS',
  'MX',
  'DR',
  'MASTER',
  'SIR',
  'DAME',
  'LADY',
  'LORD',
  'REV',
  'PROF',
]);
const SURNAME_PARTICLES = new Set([
  'VAN',
  'VON',
  'DE',
  'DER',
  'DEN',
  'DA',
  'DI',
  'DU',
  'LA',
  'LE',
  'DEL',
  'ST',
  'BIN',
  'BINT',
  'IBN',
  'AL',
  'EL',
  'MAC',
  'MC',
  'O',
]);

/**
 * Splits a full name into forename and surname. "SURNAME, Forename" is honoured; otherwise the last
 * word is the surname, with particles before it (van, de, al, ...) kept with it; titles are dropped;
 * a single word is taken as a forename.
 */
export function splitFullName(fullName: string): { firstName: string | null; surname: string | null } {
  const text = fullName.trim();
  if (text.length === 0) return { firstName: null, surname: null };
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const surname = text.slice(0, comma).trim();
    const rest = text.slice(comma + 1).trim();
    return { firstName: rest.length > 0 ? rest : null, surname: surname.length > 0 ? surname : null };
  }
  const words = text.split(/\s+/).filter((word) => !TITLES.has(word.replace(/\./g, '').toUpperCase()));
  if (words.length === 0) return { firstName: null, surname: null };
  if (words.length === 1) return { firstName: words[0]!, surname: null };
  let start = words.length - 1;
  while (start > 1 && SURNAME_PARTICLES.has(words[start - 1]!.replace(/['.]/g, '').toUpperCase())) start--;
  return { firstName: words.slice(0, start).join(' '), surname: words.slice(start).join(' ') };
}

/** Builds the identity record of one CSV row. Blank cells are missing values. */
export function rowToRecord(fields: readonly string[], columns: ResolvedColumns): IdentityRecord {
  const cell = (field: MappableField): string | null => {
    const index = columns.fields[field];
    if (index === undefined) return null;
    const value = fields[index]?.trim() ?? '';
    return value.length > 0 ? value : null;
  };
  const record: IdentityRecord = { id: fields[columns.id]?.trim() ?? '' };
  const fullName = cell('full_name');
  if (fullName !== null) Object.assign(record, splitFullName(fullName));
  else {
    record.firstName = cell('first_name');
    record.surname = cell('surname');
  }
  record.dob = cell('dob');
  record.gender = cell('gender');
  record.postcode = cell('postcode');
  record.address = cell('address');
  record.city = cell('city');
  record.email = cell('email');
  record.nhsNumber = cell('nhs_number');
  record.otherId = cell('other_id');
  return record;
}
