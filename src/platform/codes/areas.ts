/**
 * Labels for partnership area and police division codes. Areas and divisions are data (team areas, the
 * postcode districts of migration 015), not a fixed list, so the label is made from the code: words in
 * capitals joined by underscores ('BLACKBURN_WITH_DARWEN' -> 'Blackburn with Darwen').
 */
const SMALL_WORDS = new Set(['and', 'of', 'on', 'upon', 'with', 'the', 'in', 'under']);

function words(code: string): string {
  return code
    .toLowerCase()
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** 'LANCASHIRE' -> 'Lancashire'; null or blank -> 'Not known'. */
export function areaLabel(code: string | null | undefined): string {
  return code?.trim() ? words(code) : 'Not known';
}

/** 'SOUTH' -> 'South division'; null or blank -> 'Not known'. */
export function divisionLabel(code: string | null | undefined): string {
  return code?.trim() ? `${words(code)} division` : 'Not known';
}

/** The code for an area as a person types it: 'Blackburn with Darwen' -> 'BLACKBURN_WITH_DARWEN'. */
export function areaCode(typed: string): string {
  return typed
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
