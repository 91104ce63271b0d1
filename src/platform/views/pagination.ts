/**
 * Paging for list pages: the page number from a GET query parameter (a number only, never personal data),
 * the LIMIT/OFFSET for SQL and the GOV.UK pagination component's parameters, as the MASH queue does it.
 * A page number that is not a whole number from 1 falls back to page 1 (a stale or edited link still shows
 * the list, like the queue); a page past the end shows an empty page with links back.
 */

/** No list page carries more than this many rows. */
export const LIST_PAGE_SIZE = 100;

/** The largest page number accepted; beyond it the number is treated as a bad one. */
const MAX_PAGE = 100_000;

export interface PageRequest {
  page: number;
  limit: number;
  offset: number;
}

/** The page number of a query or posted value: a whole number from 1 up to MAX_PAGE, else 1. */
export function pageNumberOf(value: unknown): number {
  const text = typeof value === 'string' ? value.trim() : '';
  const n = /^\d{1,6}$/.test(text) ? Number.parseInt(text, 10) : 1;
  return n >= 1 && n <= MAX_PAGE ? n : 1;
}

/** The rows a store reads for a page of `size` rows. */
export function pageWindow(page: number, size: number): { limit: number; offset: number } {
  return { limit: size, offset: (page - 1) * size };
}

/** The page asked for in a query string (`?page=2`), as a page number and its SQL LIMIT/OFFSET. */
export function pageRequest(query: unknown, size = LIST_PAGE_SIZE): PageRequest {
  const raw = query && typeof query === 'object' ? (query as Record<string, unknown>).page : undefined;
  const page = pageNumberOf(raw);
  return { page, ...pageWindow(page, size) };
}

type Item = { number?: number; href?: string; current?: boolean; ellipsis?: boolean };

/** The govukPagination parameters (null when everything fits on one page) and a "Showing x to y of z" line. */
export function paginationView(
  page: number,
  total: number,
  hrefOf: (page: number) => string,
  size = LIST_PAGE_SIZE,
): {
  pagination: { previous?: { href: string }; next?: { href: string }; items: Item[] } | null;
  showing: string;
} {
  const pages = Math.max(1, Math.ceil(total / size));
  const nearby = Array.from({ length: pages }, (_, i) => i + 1).filter(
    (n) => n === 1 || n === pages || Math.abs(n - page) <= 2,
  );
  const items: Item[] = [];
  nearby.forEach((n, i) => {
    if (i > 0 && n - nearby[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefOf(n), current: n === page });
  });
  const first = (page - 1) * size + 1;
  return {
    pagination:
      pages > 1
        ? {
            previous: page > 1 ? { href: hrefOf(Math.min(page - 1, pages)) } : undefined,
            next: page < pages ? { href: hrefOf(page + 1) } : undefined,
            items,
          }
        : null,
    showing:
      total === 0 || first > total ? '' : `Showing ${first} to ${Math.min(total, page * size)} of ${total}`,
  };
}

/**
 * Previous and next only, for a list read a page at a time without counting the rest (one row more than a
 * page says whether another follows; decision 0024): null when everything fits on page 1.
 */
export function previousNextView(
  page: number,
  more: boolean,
  hrefOf: (page: number) => string,
): { previous?: { href: string }; next?: { href: string } } | null {
  if (page <= 1 && !more) return null;
  return {
    previous: page > 1 ? { href: hrefOf(page - 1) } : undefined,
    next: more ? { href: hrefOf(page + 1) } : undefined,
  };
}

/** A list path with its page number (page 1 is the bare path). */
export function withPage(path: string, page: number): string {
  if (page <= 1) return path;
  return `${path}${path.includes('?') ? '&' : '?'}page=${page}`;
}
