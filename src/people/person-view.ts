/**
 * View models of the person and search pages: each agency's records as labelled rows with provenance,
 * the timeline with links to the records the viewer may open, and search results with what they matched.
 * Pure: the CSE flags and probabilities come in already read.
 */
import type { PersonPageAbilities } from '../platform/access/policy-people.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import { ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import { ageOf, genderOf, nameOf } from './identity-view.ts';
import type { MergeHistoryView } from './merge-view.ts';
import { mergePath, personPath, restrictionPath, timelineRecordPath } from './paths.ts';
import { isAdultOn } from './rules.ts';
import type { SearchInput, SearchResult } from './search-service.ts';
import type { PersonRow, SourceRecordRow, TimelineRow } from './store.ts';

function yesNo(value: boolean | null): string {
  return value === null ? 'Not known' : value ? 'Yes' : 'No';
}

/** A source record as rows of a summary list. */
export function recordRows(r: SourceRecordRow): Array<{ key: string; value: string }> {
  const rows: Array<{ key: string; value: string }> = [
    { key: 'Recorded as', value: r.subject_role.charAt(0) + r.subject_role.slice(1).toLowerCase() },
    { key: 'Name', value: nameOf(r) },
  ];
  if (r.aliases.length) rows.push({ key: 'Other names', value: r.aliases.join(', ') });
  rows.push({ key: 'Date of birth', value: ageOf(r) });
  rows.push({ key: 'Gender', value: labelOf(GENDERS, r.gender) ?? r.gender });
  if (r.ethnicity) rows.push({ key: 'Ethnicity', value: labelOf(ETHNICITIES, r.ethnicity) ?? r.ethnicity });
  if (r.nhs_number) rows.push({ key: 'NHS number', value: r.nhs_number });
  if (r.school_upn) rows.push({ key: 'Unique pupil number', value: r.school_upn });
  if (r.police_ref) rows.push({ key: 'Police reference', value: r.police_ref });
  if (r.la_id) rows.push({ key: 'Local authority id', value: r.la_id });
  for (const a of r.addresses) {
    rows.push({ key: 'Address', value: [a.line1, a.town, a.postcode].filter(Boolean).join(', ') });
  }
  if (r.living_situation)
    rows.push({
      key: 'Living situation',
      value: labelOf(LIVING_SITUATIONS, r.living_situation) ?? r.living_situation,
    });
  if (r.subject_role === 'CHILD') {
    rows.push({ key: 'Looked after', value: yesNo(r.looked_after) });
    rows.push({ key: 'SEN or learning disability', value: yesNo(r.learning_disability_or_sen) });
    rows.push({ key: 'In contact with CAMHS', value: yesNo(r.camhs_contact) });
  }
  return rows;
}

/** Where a timeline entry leads: the referral it came from, or nowhere for the person's own records. */
export function timelineHref(row: Pick<TimelineRow, 'kind' | 'record_id'>): string | null {
  switch (row.kind) {
    case 'VICTIM_REFERRAL':
    case 'NAMED_ON_REFERRAL':
      return timelineRecordPath('REFERRAL', row.record_id);
    case 'SUSPECT_REFERRAL':
    case 'LINKED_BY_SUSPECT_REFERRAL':
      return timelineRecordPath('SUSPECT_REFERRAL', row.record_id);
    default:
      return null;
  }
}

/** The terms a result matched: every term given must match, so these are the terms searched for. */
export function matchedOn(fromQuery: string[] | null, terms: SearchInput): string {
  if (fromQuery?.length) return fromQuery.join(', ');
  return [
    terms.name ? 'name' : null,
    terms.dob ? 'date of birth' : null,
    terms.identifier ? 'identifier' : null,
    terms.postcode ? 'postcode' : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Search results as table rows; a result without a scored probability says so in the template. */
export function searchResultsView<Flag>(
  results: readonly SearchResult[],
  terms: SearchInput,
  probabilities: ReadonlyMap<string, { percent: string }> | null,
  flags: ReadonlyMap<string, Flag>,
  /** Where a result opens instead of the person page (a child reached only through a sharing grant). */
  hrefs: ReadonlyMap<string, string> = new Map(),
) {
  return results.map((r) => ({
    id: r.id,
    href: hrefs.get(r.id) ?? personPath(r.id),
    name: nameOf(r),
    age: ageOf(r),
    gender: r.gender ? (labelOf(GENDERS, r.gender) ?? r.gender) : 'Not known',
    matched: matchedOn(r.matched_on, terms),
    referrals: r.referrals,
    probability: probabilities?.get(r.id)?.percent ?? null,
    cseFlag: flags.get(r.id) ?? null,
  }));
}

/**
 * Search results come 50 a page. The terms are personal data and travel only in POST bodies, so the pages are
 * not links (as the GOV.UK pagination component makes them) but "Previous" and "Next" buttons of small forms
 * that post the same terms with a page number; past one page the page also asks for more terms, since the best
 * matches come first and a person is found faster by refining than by paging.
 */
export const SEARCH_PAGE_SIZE = 50;

export function searchPager(page: number, total: number, shown: number) {
  const first = (page - 1) * SEARCH_PAGE_SIZE + 1;
  return {
    total,
    showing: shown ? `Showing ${first} to ${first + shown - 1} of ${total}` : '',
    previous: page > 1 ? page - 1 : null,
    next: page * SEARCH_PAGE_SIZE < total ? page + 1 : null,
    refine: total > SEARCH_PAGE_SIZE,
  };
}

/** The person page: the person, each agency's records grouped, the timeline and the merge history. */
export function personPageView<Flag>(input: {
  person: PersonRow;
  sourceRecords: readonly SourceRecordRow[];
  timeline: readonly TimelineRow[];
  history: MergeHistoryView | null;
  cseFlag: Flag | null;
  abilities: PersonPageAbilities;
  notice: string | null;
  now?: Date;
}) {
  const byAgency = new Map<string, { agency: string; records: Array<Record<string, unknown>> }>();
  for (const r of input.sourceRecords) {
    const group = byAgency.get(r.agency_id) ?? { agency: r.agency_name, records: [] };
    group.records.push({
      id: r.id,
      provenance: r.provenance,
      submittedAt: r.submitted_at,
      submittedBy: r.submitted_by_label,
      rows: recordRows(r),
    });
    byAgency.set(r.agency_id, group);
  }
  const p = input.person;
  return {
    title: nameOf(p),
    cseFlag: input.cseFlag,
    // CSE risk is assessed for children only (issue 14, item 5b): an adult's page offers no assessment,
    // though a flag from when they were a child still shows.
    showCse:
      input.abilities.seesCasework && (input.cseFlag !== null || !isAdultOn(p, input.now ?? new Date())),
    caseWork: input.abilities.caseWork,
    person: { id: p.id, name: nameOf(p), age: ageOf(p), gender: genderOf(p), restricted: p.restricted },
    restrictionHref: restrictionPath(p.id),
    mergeHref: mergePath(p.id),
    agencies: [...byAgency.values()],
    timeline: input.timeline.map((t) => ({
      at: t.at,
      agency: t.agency_name,
      summary: t.summary,
      reference: t.reference,
      href: timelineHref(t),
    })),
    history: input.history,
    canMerge: input.abilities.canMerge,
    canRestrict: input.abilities.canRestrict,
    notice: input.notice,
  };
}
