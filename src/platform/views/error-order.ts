/**
 * The error summary's rule (GOV.UK): one entry per field, in the order the fields appear on the page. Rules
 * check fields in whatever order suits them, so the order is taken from the rendered page itself: where the
 * element each entry links to (`href="#id"`) first appears.
 */

export interface SummaryEntry {
  text: string;
  href: string;
}

/** One entry per field (the first message a field got), ordered by where each field's element is in `html`. */
export function inFieldOrder<E extends SummaryEntry>(entries: readonly E[], html: string): E[] {
  const seen = new Set<string>();
  const unique = entries.filter((e) => {
    if (seen.has(e.href)) return false;
    seen.add(e.href);
    return true;
  });
  const place = (e: E) => {
    const id = e.href.startsWith('#') ? e.href.slice(1) : '';
    const at = id ? html.indexOf(`id="${id}"`) : -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return unique
    .map((e, i) => ({ e, i, at: place(e) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.e);
}
