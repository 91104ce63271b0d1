/**
 * Paging for list pages: the page number read from a GET query (a bad or missing number falls back to page 1,
 * as the MASH queue does: a page number is navigation, not data, so there is no field to correct), the
 * LIMIT/OFFSET the store applies in SQL, and the GOV.UK pagination component's parameters. Pure.
 */

/** The largest page number accepted; beyond it the number is treated as bad input. */
const MAX_PAGE = 100_000;

/** The page number of a query or body value: a whole number from 1, else 1. */
export function pageNumberOf(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value)) return 1;
  const n = Number.parseInt(value, 10);
  return n >= 1 && n <= MAX_PAGE ? n : 1;
}

/** The page of a GET query object (`?page=`). */
export function pageOfQuery(query: unknown): number {
  return pageNumberOf((query as Record<string, unknown> | undefined)?.page);
}

/** The rows a store reads for a page. */
export function pageWindow(page: number, size: number): { limit: number; offset: number } {
  return { limit: size, offset: (page - 1) * size };
}

export interface PaginationItem {
  number?: number;
  href?: string;
  current?: boolean;
  ellipsis?: boolean;
}

export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: PaginationItem[];
}

/**
 * The GOV.UK pagination parameters (null when one page holds everything) and the "Showing x to y of n" line.
 * `hrefOf(n)` is the link to page n.
 */
export function paginationView(
  page: number,
  size: number,
  total: number,
  hrefOf: (n: number) => string,
): { pagination: PaginationView | null; showing: string; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const nearby = Array.from({ length: pages }, (_, i) => i + 1).filter(
    (n) => n === 1 || n === pages || Math.abs(n - page) <= 2,
  );
  const items: PaginationItem[] = [];
  nearby.forEach((n, i) => {
    if (i > 0 && n - nearby[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefOf(n), current: n === page });
  });
  const first = (page - 1) * size + 1;
  return {
    pages,
    pagination:
      pages > 1
        ? {
            previous: page > 1 ? { href: hrefOf(page - 1) } : undefined,
            next: page < pages ? { href: hrefOf(page + 1) } : undefined,
            items,
          }
        : null,
    showing:
      total === 0 || first > total ? '' : `Showing ${first} to ${Math.min(total, page * size)} of ${total}`,
  };
}
