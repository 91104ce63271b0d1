/** Reading My work's query (kind, cursor, limit) for the page and the API, with field-level errors. */
import type { FieldError } from '../platform/http/errors.ts';
import { parseListPaging } from '../platform/http/list-paging.ts';
import { WORK_KIND_LABELS, type WorkKind } from '../platform/work/work-item.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './service.ts';

export { encodeCursor } from '../platform/http/list-paging.ts';

export interface WorkQuery {
  kind: WorkKind | null;
  offset: number;
  limit: number;
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
  const { paging, errors: pagingErrors } = parseListPaging(query, {
    defaultLimit: DEFAULT_PAGE_SIZE,
    maxLimit: MAX_PAGE_SIZE,
  });
  return { query: { kind, ...paging }, errors: [...errors, ...pagingErrors] };
}
