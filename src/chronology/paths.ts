/** Typed addresses of the chronology's pages. Filters are codes and agency ids only: no personal data. */

export interface ChronologyFilterQuery {
  kinds?: readonly string[];
  agencies?: readonly string[];
}

function withFilters(path: string, filter: ChronologyFilterQuery = {}): string {
  const params = new URLSearchParams();
  for (const k of filter.kinds ?? []) params.append('kind', k);
  for (const a of filter.agencies ?? []) params.append('agency', a);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function chronologyPath(personId: string, filter?: ChronologyFilterQuery): string {
  return withFilters(`/people/${personId}/chronology`, filter);
}

export function chronologyPrintPath(personId: string, filter?: ChronologyFilterQuery): string {
  return withFilters(`/people/${personId}/chronology/print`, filter);
}

export function newCaseNotePath(personId: string, correctsId?: string): string {
  return correctsId
    ? `/people/${personId}/notes/new?corrects=${correctsId}`
    : `/people/${personId}/notes/new`;
}

export function caseNotesPath(personId: string): string {
  return `/people/${personId}/notes`;
}

export function caseNotePath(personId: string, noteId: string): string {
  return `/people/${personId}/notes/${noteId}`;
}
