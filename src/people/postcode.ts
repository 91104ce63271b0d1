/**
 * UK postcode parsing. A postcode "PR1 2AB" has area "PR", district "PR1", sector "PR1 2" and unit "PR1 2AB".
 * Matching compares these levels; anything that does not parse as a UK postcode is compared whole.
 */

export interface UkPostcode {
  full: string;
  area: string;
  district: string;
  sector: string;
}

const UK_POSTCODE = /^([A-Z]{1,2})(\d[A-Z\d]?) ?(\d)([A-Z]{2})$/;

/** Upper-cases, trims and puts the single space before the inward code. Null if not a UK postcode. */
export function parseUkPostcode(raw: string): UkPostcode | null {
  const compact = raw.toUpperCase().replace(/\s+/g, '');
  const m = UK_POSTCODE.exec(compact);
  if (!m) return null;
  const [, area, districtDigits, sectorDigit, unit] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const district = area + districtDigits;
  return { full: `${district} ${sectorDigit}${unit}`, area, district, sector: `${district} ${sectorDigit}` };
}
