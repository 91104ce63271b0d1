/**
 * The record shapes the matching engine works on. An `IdentityRecord` is what callers supply; a
 * `PreparedRecord` holds everything the comparisons need, computed once per record (normalised
 * strings, phonetic codes, date parts, postcode levels) so that the per-pair loop only compares.
 */

/** A person as known to one agency system. Every field but the id may be missing. */
export interface IdentityRecord {
  id: string;
  firstName?: string | null;
  surname?: string | null;
  /** ISO `YYYY-MM-DD` or UK day-first `DD/MM/YYYY`. */
  dob?: string | null;
  gender?: string | null;
  postcode?: string | null;
  address?: string | null;
  city?: string | null;
  email?: string | null;
  nhsNumber?: string | null;
  /** Another system's identifier, e.g. a police or council reference. */
  otherId?: string | null;
}

export interface PreparedRecord {
  /** Brand telling prepared records apart from raw ones at run time. */
  readonly prepared: true;
  readonly id: string;
  /** Upper-case letters and single spaces. */
  readonly forename: string | null;
  readonly forenameCodes: PhoneticCodes | null;
  /** Nickname group ids of the first given name (shared frozen array). */
  readonly forenameGroups: readonly number[];
  readonly surname: string | null;
  readonly surnameCodes: PhoneticCodes | null;
  /** ISO `YYYY-MM-DD`. */
  readonly dob: string | null;
  readonly dobYear: number;
  readonly dobMonth: number;
  readonly dobDay: number;
  /** Days since 1970-01-01; NaN when the date is missing. */
  readonly dobDays: number;
  /** The UK postcode in standard form, or the whole value squeezed of spaces when not a UK postcode. */
  readonly postcode: string | null;
  /** Sector, district and area; null when the postcode is missing or not a UK postcode. */
  readonly postcodeSector: string | null;
  readonly postcodeDistrict: string | null;
  readonly postcodeArea: string | null;
  /** Sorted distinct address words, with common abbreviations expanded. */
  readonly addressTokens: readonly string[] | null;
  readonly city: string | null;
  readonly email: string | null;
  /** The e-mail address before its last @, compared apart from the domain. */
  readonly emailUser: string | null;
  readonly nhsNumber: string | null;
  readonly otherId: string | null;
  /**
   * The identifier's format (letters as A, digits as 9: "PN/1234567" → "AA/9999999"). Identifiers of
   * different formats are different kinds (a police reference and a pupil number) and are not compared.
   */
  readonly otherIdFormat: string | null;
  /** 'M', 'F' or 'X'. */
  readonly gender: string | null;
}

export interface PhoneticCodes {
  readonly primary: string;
  readonly alternate: string;
}

/** A value that could not be used; it is treated as missing. */
export interface ValueIssue {
  field: keyof Omit<IdentityRecord, 'id'>;
  value: string;
  reason: string;
  /** Not a value of the field's kind at all (31/02, garbage), or a real value outside a plausible range. */
  kind: 'invalid' | 'implausible';
}

export function isPreparedRecord(record: IdentityRecord | PreparedRecord): record is PreparedRecord {
  return (record as PreparedRecord).prepared === true;
}
