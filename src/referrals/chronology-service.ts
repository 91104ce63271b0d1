/**
 * The referrals module's lines of a child's chronology (a ChronologyProvider, injected by src/app.ts): each
 * referral about the child and each suspect referral linking the child, linking to the referral.
 */
import type { ChronologyProvider } from '../platform/chronology/entry.ts';
import { type ChronologyRow, entryFrom } from '../platform/chronology/row.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import { EXPLOITATION_TYPES, REFERRAL_CATEGORIES, SUSPECT_LINK_TYPES } from '../platform/codes/referral.ts';
import * as store from './chronology-store.ts';
import { referralPath, suspectReferralPath } from './paths.ts';

/** The one-line summary of a referral, in labels. Pure. */
export function referralSummary(row: ChronologyRow): string {
  if (row.kind === 'SUSPECT_LINK') {
    const link = labelOf(SUSPECT_LINK_TYPES, row.d2 ?? '');
    return `Named on suspect referral ${row.d1}${link ? ` (${link.toLowerCase()})` : ''}`;
  }
  const type = labelOf(EXPLOITATION_TYPES, row.d2 ?? '');
  const category = labelOf(REFERRAL_CATEGORIES, row.d3 ?? '');
  const about = [type, category?.toLowerCase()].filter(Boolean).join(', ');
  return `Referral ${row.d1} made${about ? `: ${about}` : ''}`;
}

export const referralChronology: ChronologyProvider = async (tx, personId, _viewer, query) => {
  const rows = await store.referralLinesOf(tx, personId, query.limit);
  return rows.map((row) =>
    entryFrom(
      row,
      referralSummary(row),
      row.kind === 'SUSPECT_LINK' ? suspectReferralPath(row.record_id) : referralPath(row.record_id),
    ),
  );
};
