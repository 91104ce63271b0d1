/**
 * The MASH's lines of a child's chronology (a ChronologyProvider, injected by src/app.ts): each episode
 * about the child and what the hub did in it, worded for a practitioner, each linking to the episode. Research
 * the viewer may not read, on an episode they may see, is one line naming only the agency and the time.
 */
import type { ChronologyEntry, ChronologyProvider } from '../platform/chronology/entry.ts';
import { type ChronologyRow, entryFrom } from '../platform/chronology/row.ts';
import { govukDateOf } from '../platform/chronology/when.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import { RAG_RATINGS, SOCIAL_CARE_OUTCOMES } from '../platform/codes/referral.ts';
import * as store from './chronology-store.ts';
import { CONTACT_OUTCOMES, LEGAL_BASES, REFERRAL_OUTCOMES } from './codes.ts';
import { episodePath } from './paths.ts';

/** The one-line summary of a MASH record, in labels. Pure. */
export function mashSummary(row: ChronologyRow): string {
  switch (row.kind) {
    case 'EPISODE_OPENED':
      return row.d1 ? `Received in the MASH: referral ${row.d1}` : 'Received in the MASH';
    case 'RAG': {
      const to = labelOf(RAG_RATINGS, row.d2 ?? '') ?? 'not known';
      const from = row.d1 ? labelOf(RAG_RATINGS, row.d1) : null;
      return from ? `RAG rating changed from ${from} to ${to}` : `RAG rating set to ${to}`;
    }
    case 'RESEARCH_REQUESTED':
      return `Research asked of ${row.d1 ?? 'an agency'}`;
    case 'RESEARCH_GIVEN':
      return row.d1 === 'false'
        ? `${row.agency_name ?? 'An agency'} gave research, to be held in the MASH`
        : `${row.agency_name ?? 'An agency'} gave research`;
    case 'SHARING': {
      const basis = labelOf(LEGAL_BASES, row.d3 ?? '') ?? 'a recorded basis';
      return row.d1 === 'SHARE'
        ? `Decided to share with ${row.d2 || 'the recipients named'} (${basis})`
        : `Decided not to share (${basis})`;
    }
    case 'STRATEGY': {
      const actions = Number(row.d2 ?? 0);
      const s47 =
        row.d1 === 'true'
          ? ', section 47 enquiry agreed'
          : row.d1 === 'false'
            ? ', no section 47 enquiry'
            : '';
      return `Strategy discussion held${s47}; ${actions} ${actions === 1 ? 'action' : 'actions'} agreed`;
    }
    case 'STRATEGY_ACTION':
      return `Action done: ${row.d1 ?? ''}${row.d2 ? ` (${row.d2})` : ''}${row.d3 ? `, due ${govukDateOf(row.d3)}` : ''}`;
    case 'DECISION': {
      const outcome = labelOf(SOCIAL_CARE_OUTCOMES, row.d1 ?? '') ?? 'an outcome';
      const response = labelOf(REFERRAL_OUTCOMES, row.d3 ?? '') ?? labelOf(CONTACT_OUTCOMES, row.d2 ?? '');
      return `Decision: ${outcome}${response ? `; ${response}` : ''}`;
    }
    case 'CONFERENCE':
      return 'Initial child protection conference held';
    default:
      return 'MASH record';
  }
}

export const mashChronology: ChronologyProvider = async (tx, personId, _viewer, query) => {
  const rows = await store.mashLinesOf(tx, personId, query.limit);
  const entries = rows.map((row) =>
    entryFrom(row, mashSummary(row), row.link_id ? episodePath(row.link_id) : null),
  );
  const withheld = await store.withheldResearchOf(tx, personId, query.limit);
  entries.push(...withheld.map((w, i) => withheldEntry(w, i)));
  return entries;
};

/** "Police research held in the MASH": who holds it and when, nothing of what it says, no link. */
export function withheldEntry(row: store.WithheldResearchRow, index: number): ChronologyEntry {
  return {
    key: `RESEARCH_HELD:${row.episode_id}:${row.agency_id}:${index}`,
    at: row.contributed_at,
    kind: 'RESEARCH_HELD',
    summary: `${row.agency_name} research held in the MASH`,
    who: null,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    href: null,
  };
}
