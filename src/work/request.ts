/** Reading My work's query (kind, cursor, limit) for the page and the API, with field-level errors. */
import type { FieldError } from '../platform/http/errors.ts';
import { WORK_KIND_LABELS, type WorkKind } from '../platform/work/work-item.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './service.ts';

export interface WorkQuery {
  kind: WorkKind | null;
  offset: number;
  limit: number;
}

/** The cursor is the position of the next item: opaque to clients, a plain offset here. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const match = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

export function isWorkKind(value: string): value is WorkKind {
  return Object.hasOwn(WORK_KIND_LABELS, value);
}

export function parseWorkQuery(query: { kind?: string; cursor?: string; limit?: string | number }): {
  query: WorkQuery;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  let kind: WorkKind | null = null;
  if (query.kind) {
    if (isWorkKind(query.kind)) kind = query.kind;
    else errors.push({ field: 'kind', message: 'Choose a kind of work from the list' });
  }
  let offset = 0;
  if (query.cursor) {
    const decoded = decodeCursor(query.cursor);
    if (decoded === null) errors.push({ field: 'cursor', message: 'The cursor is not one this list gave' });
    else offset = decoded;
  }
  let limit = DEFAULT_PAGE_SIZE;
  if (query.limit !== undefined && query.limit !== '') {
    const n = Number(query.limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
      errors.push({ field: 'limit', message: `The limit must be a whole number from 1 to ${MAX_PAGE_SIZE}` });
    else limit = n;
  }
  return { query: { kind, offset, limit }, errors };
}
