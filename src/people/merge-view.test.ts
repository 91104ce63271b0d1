import { describe, expect, it } from 'vitest';
import type { MergeRow } from './merge-store.ts';
import { mergeFormView, mergeHistoryViewOf, otherPeopleOf, undoMergeView } from './merge-view.ts';

const at = new Date('2026-02-01T09:00:00Z');
const merge = (over: Partial<MergeRow>): MergeRow => ({
  id: 'm1',
  survivor_id: 'p',
  merged_id: 'q',
  merged_by_label: 'Sam Practitioner',
  merged_at: at,
  reason: 'Same child, same school',
  moved: {} as MergeRow['moved'],
  unmerged_at: null,
  unmerged_by_label: null,
  unmerge_reason: null,
  ...over,
});

describe('merge view models', () => {
  it('lists the other people of each merge, and the survivor of a merged person', () => {
    const rows = [merge({}), merge({ id: 'm2', survivor_id: 'r', merged_id: 'p' })];
    expect(otherPeopleOf('p', 'r', rows)).toEqual(['q', 'r']);
    expect(otherPeopleOf('p', null, [merge({})])).toEqual(['q']);
  });

  it('offers to undo a merge the person survived, still in place, to those who may merge', () => {
    const names = new Map<string, string | null>([['q', 'Ty Grayham']]);
    const view = mergeHistoryViewOf({ id: 'p', merged_into: null }, [merge({})], names, true);
    expect(view.mergedInto).toBeNull();
    expect(view.merges[0]).toEqual({
      id: 'm1',
      at,
      by: 'Sam Practitioner',
      reason: 'Same child, same school',
      direction: 'IN',
      other: { id: 'q', name: 'Ty Grayham', href: '/people/q' },
      undone: null,
      canUndo: true,
      undoHref: '/people/p/merges/m1/undo',
    });
    expect(
      mergeHistoryViewOf({ id: 'p', merged_into: null }, [merge({})], names, false).merges[0]!.canUndo,
    ).toBe(false);
  });

  it('shows a merged person where they went, and never offers to undo from their side', () => {
    const undone = merge({
      unmerged_at: at,
      unmerged_by_label: 'Alex',
      unmerge_reason: 'Different children',
    });
    const view = mergeHistoryViewOf({ id: 'q', merged_into: 'p' }, [merge({}), undone], new Map(), true);
    expect(view.mergedInto).toEqual({ id: 'p', name: null, href: '/people/p' });
    expect(view.merges.map((m) => [m.direction, m.canUndo, m.other.name])).toEqual([
      ['OUT', false, null],
      ['OUT', false, null],
    ]);
    expect(view.merges[1]!.undone).toEqual({ at, by: 'Alex', reason: 'Different children' });
  });

  it('shows the people found as radio items with their details and probability', () => {
    const person = { id: 'p', forename: 'Tyler', surname: 'Graham', dob: '2012-01-05', gender: 'MALE' };
    const view = mergeFormView(person, {
      terms: { name: 'Ty Grayham' },
      otherId: 'q',
      results: [
        {
          id: 'q',
          forename: 'Ty',
          surname: 'Grayham',
          dob: null,
          estimated_age: 12,
          gender: null,
          score: 1,
          matched_on: ['name'],
          referrals: 1,
          probability: '97.0%',
        },
      ],
    });
    expect(view.title).toBe('Merge another record into Tyler Graham');
    expect(view).toMatchObject({
      backHref: '/people/p',
      searchAction: '/people/p/merge/search',
      mergeAction: '/people/p/merge',
      reason: '',
    });
    expect(view.results).toEqual([
      {
        value: 'q',
        text: 'Ty Grayham',
        checked: true,
        hint: {
          text: 'Date of birth: Not known (about 12) · Gender: Not known · 1 referral · Match probability with this record: 97.0%',
        },
      },
    ]);
    expect(mergeFormView(person).results).toBeNull();
  });

  it('asks again why a merge is undone', () => {
    const person = { id: 'p', forename: 'Tyler', surname: null, dob: null, gender: null };
    const entry = mergeHistoryViewOf({ id: 'p', merged_into: null }, [merge({})], new Map(), true).merges[0]!;
    expect(undoMergeView(person, entry, 'short')).toMatchObject({
      title: 'Undo the merge',
      person: { id: 'p', name: 'Tyler' },
      backHref: '/people/p',
      reason: 'short',
    });
  });
});
