/**
 * Paging of API lists: every list takes `limit` (1 to its maximum) and the `cursor` the previous page gave,
 * and answers `next`, the cursor of the following page, or null at the end. The cursor is opaque to clients;
 * here it is the position of the next row, as the list pages' LIMIT/OFFSET (issue 22). A store reads one row
 * more than asked, so that a page knows whether another follows without counting the whole list.
 */
import { Type } from '@sinclair/typebox';
import { type FieldError, ValidationError } from './errors.ts';

export interface ListPaging {
  limit: number;
  offset: number;
}

/** The querystring of a paged API list (strings, as a query string carries them). */
export const ListPagingQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 40, description: 'The `next` of the previous page' })),
  limit: Type.Optional(Type.String({ maxLength: 4, pattern: '^[0-9]+$', description: 'Rows a page' })),
};

/** The querystring schema of a paged API list that takes nothing but paging. */
export const ListPagingQuerystring = Type.Object(ListPagingQuery, { additionalProperties: false });

/** A list's `next`: the cursor of the following page, or null at the end. */
export const NextCursor = Type.Union([Type.String(), Type.Null()]);

/** The page sizes of the case lists in the API (admin lists, shorter rows, allow more). */
export const API_LIST_SIZES = { defaultLimit: 50, maxLimit: 100 } as const;

/** The OpenAPI description of a paged list's paging, from its sizes. */
export function pagingDescription(
  sizes: { defaultLimit: number; maxLimit: number } = API_LIST_SIZES,
): string {
  return `Page with \`limit\` (1 to ${sizes.maxLimit}, default ${sizes.defaultLimit}) and the \`next\` cursor.`;
}

/** The largest offset a cursor may carry: a million rows in, paging is the wrong tool. */
const MAX_OFFSET = 1_000_000;

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const match = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match ? Number(match[1]) : null;
  return offset !== null && offset <= MAX_OFFSET ? offset : null;
}

/** The limit and offset asked for, with a field error for a cursor this list did not give or a bad limit. */
export function parseListPaging(
  query: { cursor?: string | undefined; limit?: string | number | undefined },
  sizes: { defaultLimit: number; maxLimit: number },
): { paging: ListPaging; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let offset = 0;
  if (query.cursor) {
    const decoded = decodeCursor(query.cursor);
    if (decoded === null) errors.push({ field: 'cursor', message: 'The cursor is not one this list gave' });
    else offset = decoded;
  }
  let limit = sizes.defaultLimit;
  if (query.limit !== undefined && query.limit !== '') {
    const n = Number(query.limit);
    if (!Number.isInteger(n) || n < 1 || n > sizes.maxLimit)
      errors.push({
        field: 'limit',
        message: `The limit must be a whole number from 1 to ${sizes.maxLimit}`,
      });
    else limit = n;
  }
  return { paging: { limit, offset }, errors };
}

/** The paging an API list was asked for; a bad cursor or limit is a 400 (ValidationError). */
export function listPagingOrFail(
  query: { cursor?: string | undefined; limit?: string | number | undefined },
  sizes: { defaultLimit: number; maxLimit: number } = API_LIST_SIZES,
): ListPaging {
  const { paging, errors } = parseListPaging(query, sizes);
  if (errors.length) throw new ValidationError(errors);
  return paging;
}

/** What a store reads for a page: one row more than asked says whether another page follows (pageOf). */
export function oneMore(paging: ListPaging): ListPaging {
  return { limit: paging.limit + 1, offset: paging.offset };
}

/** The rows of a page from the `limit + 1` a store read, and the cursor of the next page if there is one. */
export function pageOf<T>(rows: readonly T[], paging: ListPaging): { rows: T[]; next: string | null } {
  const more = rows.length > paging.limit;
  return {
    rows: rows.slice(0, paging.limit),
    next: more ? encodeCursor(paging.offset + paging.limit) : null,
  };
}
