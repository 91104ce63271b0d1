import { describe, expect, it } from 'vitest';
import { cellsDigest, describeRevision, publishedCells, revisionOf } from './revision.ts';

const figures = (repeat: number | 'c', total: number) => ({
  'children.repeat_missing_share': {
    label: 'Share of victim referrals for repeat missing children',
    unit: 'count' as const,
    rows: [{ category: 'REPEAT_MISSING', label: 'Repeat missing', value: repeat }],
    total,
  },
  'disposals.sentence_years_total': {
    label: 'Custodial sentences',
    unit: 'years' as const,
    rows: [],
    total: 12,
  },
});

describe('a revised briefing', () => {
  const first = { publishedAt: new Date('2026-11-03T10:00:00Z'), cells: publishedCells(figures(6, 120)) };

  it('keeps every row and total as shown', () => {
    expect(first.cells.map((c) => [c.figure, c.category, c.label, c.value])).toEqual([
      ['children.repeat_missing_share', 'TOTAL', 'Total', 120],
      ['children.repeat_missing_share', 'REPEAT_MISSING', 'Repeat missing', 6],
      ['disposals.sentence_years_total', 'TOTAL', 'Total (years)', 12],
    ]);
  });

  it('is not revised when every value is the same (labels aside)', () => {
    const same = publishedCells(figures(6, 120)).map((c) => ({ ...c, label: `${c.label} (reworded)` }));
    expect(cellsDigest(same)).toBe(cellsDigest(first.cells));
    expect(revisionOf(first, same)).toBeNull();
  });

  it('lists what changed, from what to what, with the date first published', () => {
    const now = publishedCells(figures('c', 121));
    expect(cellsDigest(now)).not.toBe(cellsDigest(first.cells));
    const revision = revisionOf(first, now)!;
    expect(revision.firstPublishedAt).toBe('2026-11-03T10:00:00.000Z');
    expect(revision.changes.map((c) => [c.category, c.was, c.now])).toEqual([
      ['TOTAL', 120, 121],
      ['REPEAT_MISSING', 6, 'c'],
    ]);
    expect(describeRevision(revision)).toBe(
      'Revised since first published on 3 November 2026: Share of victim referrals for repeat missing ' +
        'children: Total 120 → 121; Share of victim referrals for repeat missing children: Repeat missing 6 → c.',
    );
  });
});
