/**
 * The one row shape the modules' chronology stores select (a UNION ALL of their records by the child), and
 * its turning into an entry once the provider has worded the summary and chosen the link.
 */
import { type ChronologyEntry, type ChronologyKind, whoOf } from './entry.ts';

export interface ChronologyRow {
  kind: ChronologyKind;
  record_id: string;
  /** The record a line links to (an episode for its RAG changes, a referral...). */
  link_id: string | null;
  at: Date;
  date_only: boolean | null;
  /** The account's display name, when the record names an account that resolves. */
  who_name: string | null;
  /** The label the record kept of who did it. */
  who_label: string | null;
  agency_id: string | null;
  agency_name: string | null;
  /** Details each kind words into its summary (codes, names, counts), as text; see each store. */
  d1: string | null;
  d2: string | null;
  d3: string | null;
}

export function entryFrom(row: ChronologyRow, summary: string, href: string | null): ChronologyEntry {
  return {
    key: `${row.kind}:${row.record_id}`,
    at: row.at,
    ...(row.date_only ? { dateOnly: true } : {}),
    kind: row.kind,
    summary,
    who: whoOf(row.who_name, row.who_label),
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    href,
  };
}
