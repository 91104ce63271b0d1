/**
 * View models of merging: the history of merges on the person page, the merge form with the people found,
 * and the page that asks why a merge is undone. Pure: the names of other people come in already decided
 * (null for one the viewer may not see).
 */
import type { FieldError } from '../platform/http/errors.ts';
import { ageOf, genderOf, nameOf } from './identity-view.ts';
import type { MergeRow } from './merge-store.ts';
import { mergePath, mergeSearchPath, personPath, undoMergePath } from './paths.ts';
import type { SearchInput, SearchResult } from './search-service.ts';

export interface MergeHistoryEntry {
  id: string;
  at: Date;
  by: string;
  reason: string;
  direction: 'IN' | 'OUT';
  other: { id: string; name: string | null; href: string };
  undone: { at: Date; by: string | null; reason: string | null } | null;
  canUndo: boolean;
  undoHref: string;
}

export interface MergeHistoryView {
  mergedInto: { id: string; name: string | null; href: string } | null;
  merges: MergeHistoryEntry[];
}

/** The people on each side of the person's merges, whose names the caller decides to show. */
export function otherPeopleOf(
  personId: string,
  mergedInto: string | null,
  rows: readonly MergeRow[],
): string[] {
  const ids = rows.map((m) => (m.survivor_id === personId ? m.merged_id : m.survivor_id));
  return [...new Set(mergedInto ? [...ids, mergedInto] : ids)];
}

/** The merges a person took part in, newest first as stored, with the other person's name where shown. */
export function mergeHistoryViewOf(
  person: { id: string; merged_into: string | null },
  rows: readonly MergeRow[],
  names: ReadonlyMap<string, string | null>,
  canMerge: boolean,
): MergeHistoryView {
  const merges = rows.map((m): MergeHistoryEntry => {
    const direction = m.survivor_id === person.id ? 'IN' : 'OUT';
    const otherId = direction === 'IN' ? m.merged_id : m.survivor_id;
    return {
      id: m.id,
      at: m.merged_at,
      by: m.merged_by_name ?? m.merged_by_label,
      reason: m.reason,
      direction,
      other: { id: otherId, name: names.get(otherId) ?? null, href: personPath(otherId) },
      undone: m.unmerged_at
        ? { at: m.unmerged_at, by: m.unmerged_by_name ?? m.unmerged_by_label, reason: m.unmerge_reason }
        : null,
      // Undone from the survivor's side while the survivor has not itself been merged on.
      canUndo: canMerge && !m.unmerged_at && direction === 'IN' && !person.merged_into,
      undoHref: undoMergePath(person.id, m.id),
    };
  });
  return {
    mergedInto: person.merged_into
      ? {
          id: person.merged_into,
          name: names.get(person.merged_into) ?? null,
          href: personPath(person.merged_into),
        }
      : null,
    merges,
  };
}

type ShownPerson = {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  estimated_age?: number | null;
  gender: string | null;
};

export interface MergeFormState {
  terms?: SearchInput;
  results?: Array<SearchResult & { probability: string | null }> | null;
  otherId?: string;
  reason?: string;
  errors?: FieldError[];
}

/** The merge form: the page person, the search terms, and the people found as radio items with hints. */
export function mergeFormView(person: ShownPerson, state: MergeFormState = {}) {
  return {
    title: `Merge another record into ${nameOf(person)}`,
    person: { id: person.id, name: nameOf(person), dob: ageOf(person), gender: genderOf(person) },
    backHref: personPath(person.id),
    searchAction: mergeSearchPath(person.id),
    mergeAction: mergePath(person.id),
    terms: state.terms ?? {},
    reason: state.reason ?? '',
    results: state.results
      ? state.results.map((r) => ({
          value: r.id,
          text: nameOf(r),
          checked: r.id === state.otherId,
          hint: {
            text: [
              `Date of birth: ${ageOf(r)}`,
              `Gender: ${genderOf(r)}`,
              `${r.referrals} referral${r.referrals === 1 ? '' : 's'}`,
              r.probability ? `Match probability with this record: ${r.probability}` : null,
            ]
              .filter(Boolean)
              .join(' · '),
          },
        }))
      : null,
  };
}

/** The page asking again why a merge is undone, after a reason that was not enough. */
export function undoMergeView(person: ShownPerson, merge: MergeHistoryEntry, reason: string) {
  return {
    title: 'Undo the merge',
    person: { id: person.id, name: nameOf(person) },
    backHref: personPath(person.id),
    merge,
    reason,
  };
}
