/** A chronology row for the providers' unit tests: only what a summary reads need be given. */
import type { ChronologyRow } from './row.ts';

export function testRow(over: Partial<ChronologyRow>): ChronologyRow {
  return {
    kind: 'REFERRAL',
    record_id: 'r1',
    link_id: 'r1',
    at: new Date('2026-12-04T14:05:00Z'),
    date_only: false,
    who_name: null,
    who_label: null,
    agency_id: null,
    agency_name: null,
    d1: null,
    d2: null,
    d3: null,
    ...over,
  };
}
