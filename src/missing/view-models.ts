/**
 * What the missing pages show: plain view objects (labels, not codes; dates as text; people by name; links
 * built from paths.ts), made from the service's rows by pure functions, so templates never see a database row.
 */

import { areaLabel } from '../platform/codes/areas.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import { paginationView, previousNextView, withPage } from '../platform/views/pagination.ts';
import { RISK_LEVEL_LABELS } from '../risk/codes.ts';
import {
  codeList,
  EPISODE_TYPE_LABELS,
  FROM_KIND_LABELS,
  INTERVIEW_RESPONSE_LABELS,
  labelOf,
  PLACEMENT_KIND_LABELS,
  RISK_GRADE_LABELS,
} from './codes.ts';
import type { GradeForm, InterviewForm, ReturnForm } from './episode-forms.ts';
import {
  type FoundWithCandidate,
  type FoundWithForm,
  foundWithItems,
  NEW_PERSON,
  newPersonNames,
} from './found-with-form.ts';
import type { InterviewRow } from './interview-store.ts';
import {
  type EpisodeNotice,
  episodeInterviewPath,
  episodePath,
  episodeReturnPath,
  episodeRiskGradePath,
  PLACEMENTS_PATH,
  personPagePath,
  placementPath,
  RHI_DUE_PATH,
  recordEpisodePath,
} from './paths.ts';
import type { PlacementChildRow, PlacementRow, PlacementSummaryRow } from './placement-store.ts';
import type { DueInterview, InterviewState } from './service.ts';
import type { EpisodePersonRow, EpisodeRow, GradeChangeRow } from './store.ts';

/** A person's name as the pages show it. */
export function nameOf(p: { forename: string | null; surname: string | null }): string {
  return [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known';
}

/** An instant as the pages show it ("4 December 2026 at 2:05pm", UK time), or '' when there is none. */
export function dateTimeText(value: Date | null | undefined): string {
  return ukDateTime(value);
}

/** A calendar day in London, e.g. "1 May 2026". */
export function ukDateText(value: Date): string {
  return ukDate(value);
}

export const INTERVIEW_STATUS_LABELS: Record<string, string> = {
  DUE: 'Due',
  OVERDUE: 'Overdue',
  COMPLETED_IN_TIME: 'Completed within 72 hours',
  COMPLETED_LATE: 'Completed late',
  DECLINED: 'Declined by the child',
  NOT_OFFERED: 'Not offered',
};

const NOTICES: Record<EpisodeNotice, string> = {
  repeat:
    'Episode recorded. The child is now repeat missing: a strategy discussion task was sent to the MASH.',
  recorded: 'Episode recorded',
  saved: 'Saved',
  interview: 'Return home interview saved',
};

/** Radio and select items over a code list, the chosen one checked. */
export function codeItems(list: { code: string; label: string }[], selected: string) {
  return list.map((c) => ({
    value: c.code,
    text: c.label,
    checked: c.code === selected,
    selected: c.code === selected,
  }));
}

// ---------------------------------------------------------------- the new episode form

export function placementItems(placements: readonly PlacementRow[], selected: string) {
  return [
    { value: '', text: 'Choose a placement' },
    ...placements.map((p) => ({ value: p.id, text: `${p.name} (${p.code})`, selected: p.id === selected })),
  ];
}

export function episodeFormPage<
  V extends { type: string; fromKind: string; riskGrade: string; placementId: string },
>(
  person: { id: string; forename: string | null; surname: string | null },
  values: V,
  placements: readonly PlacementRow[],
) {
  const name = nameOf(person);
  return {
    title: `Record a missing episode for ${name}`,
    person: { id: person.id, name },
    action: recordEpisodePath(person.id),
    values,
    typeItems: codeItems(codeList(EPISODE_TYPE_LABELS), values.type),
    fromItems: codeItems(codeList(FROM_KIND_LABELS), values.fromKind),
    gradeItems: codeItems(codeList(RISK_GRADE_LABELS), values.riskGrade),
    placementItems: placementItems(placements, values.placementId),
  };
}

// ---------------------------------------------------------------- one episode

export function episodeSummary(e: EpisodeRow) {
  const childName = nameOf({ forename: e.child_forename, surname: e.child_surname });
  const fromLabel = labelOf(FROM_KIND_LABELS, e.from_kind);
  return {
    id: e.id,
    childName,
    childHref: personPagePath(e.person_id),
    typeLabel: labelOf(EPISODE_TYPE_LABELS, e.type),
    repeatMissing: Boolean(e.repeat_missing),
    fromText: fromLabel + (e.placement_name ? `: ${e.placement_name}` : ''),
    reportedAtText: dateTimeText(e.reported_at),
    reportedText:
      `${dateTimeText(e.reported_at)} by ${e.reported_by_label}` +
      (e.reporter_name ? ` (${e.reporter_name})` : '') +
      ` to ${e.reported_by_agency_name}`,
    lastSeenText: dateTimeText(e.last_seen_at) || 'Not recorded',
    externalRefText: e.external_ref || 'None',
    gradeLabel: labelOf(RISK_GRADE_LABELS, e.risk_grade),
    initialGradeLabel: labelOf(RISK_GRADE_LABELS, e.initial_risk_grade),
    recordedBy: e.recorded_by_label,
    exploitationText: e.exploitation_suspected ? 'Yes' : 'No',
    circumstancesText: e.circumstances || 'None recorded',
    returned: Boolean(e.returned_at),
    returnedText: e.returned_at
      ? `${dateTimeText(e.returned_at)}, ${e.found_where}${e.found_postcode ? ` ${e.found_postcode}` : ''}`
      : 'Not yet',
    area: areaLabel(e.area),
    actions: {
      riskGrade: episodeRiskGradePath(e.id),
      return: episodeReturnPath(e.id),
      interview: episodeInterviewPath(e.id),
    },
  };
}

export function gradeHistoryRows(grades: readonly GradeChangeRow[]) {
  return grades.map((g) => ({
    whenText: dateTimeText(g.changed_at),
    fromLabel: labelOf(RISK_GRADE_LABELS, g.from_grade),
    toLabel: labelOf(RISK_GRADE_LABELS, g.to_grade),
    rationale: g.rationale,
    by: g.changed_by_label,
  }));
}

export function interviewSummary(r: InterviewRow | null) {
  if (!r) return null;
  return {
    offeredText: r.offered ? `Yes, ${dateTimeText(r.offered_at)}` : `No: ${r.not_offered_reason}`,
    responseText: r.response ? labelOf(INTERVIEW_RESPONSE_LABELS, r.response) : 'None yet',
    completedText: dateTimeText(r.completed_at) || 'Not yet',
    byText: (r.by_name ?? '') + (r.by_agency_name ? `, ${r.by_agency_name}` : '') || 'Not recorded',
    disclosuresText: r.disclosures || 'Nothing recorded',
  };
}

export function interviewStateView(state: InterviewState | null) {
  if (!state) return null;
  return {
    status: state.status,
    label: INTERVIEW_STATUS_LABELS[state.status],
    deadlineText: dateTimeText(state.deadline),
    tagClass:
      state.status === 'OVERDUE'
        ? 'govuk-tag--red'
        : state.status === 'DUE'
          ? 'govuk-tag--yellow'
          : 'govuk-tag--green',
  };
}

export interface EpisodePageData {
  episode: EpisodeRow;
  grades: readonly GradeChangeRow[];
  people: readonly EpisodePersonRow[];
  interview: InterviewRow | null;
  interviewState: InterviewState | null;
  agencies: readonly { id: string; name: string }[];
}

export function episodePage(
  data: EpisodePageData,
  notice: string | undefined,
  forms: { return: ReturnForm; grade: GradeForm | undefined; interview: InterviewForm },
) {
  const e = data.episode;
  const interview = forms.interview;
  const summary = episodeSummary(e);
  return {
    title: `Missing episode: ${summary.childName}`,
    episode: summary,
    grades: gradeHistoryRows(data.grades),
    people: data.people.map((p) => ({
      href: personPagePath(p.person_id),
      name: nameOf(p),
      relation: p.relation,
    })),
    interview: interviewSummary(data.interview),
    interviewState: interviewStateView(data.interviewState),
    notice: notice && notice in NOTICES ? NOTICES[notice as EpisodeNotice] : null,
    returnValues: forms.return,
    gradeValues: forms.grade ?? { riskGrade: '', rationale: '' },
    gradeItems: codeItems(
      codeList(RISK_GRADE_LABELS).filter((g) => g.code !== e.risk_grade),
      forms.grade?.riskGrade ?? '',
    ),
    interviewValues: interview,
    offeredItems: [
      { value: 'yes', text: 'Yes, an interview was offered', checked: interview.offered === 'yes' },
      { value: 'no', text: 'No, a decision was made not to offer one', checked: interview.offered === 'no' },
    ],
    responseItems: [
      { value: '', text: 'No answer yet', checked: interview.response === '' },
      { value: 'ACCEPTED', text: 'Accepted', checked: interview.response === 'ACCEPTED' },
      { value: 'DECLINED', text: 'Declined', checked: interview.response === 'DECLINED' },
    ],
    agencyItems: [
      { value: '', text: 'Choose the independent agency' },
      ...data.agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === interview.byAgencyId })),
    ],
  };
}

/**
 * The "found with" question of a return form (`missing/views/found-with.njk`): the name searched for, the
 * people found as radios (none found says so), "someone not yet known" with its names, and where Search posts.
 */
export function foundWithView(
  values: FoundWithForm,
  results: readonly FoundWithCandidate[] | null,
  searchAction: string,
) {
  const names = newPersonNames(values);
  return {
    values,
    searchAction,
    searched: results !== null,
    items: foundWithItems(values, results) ?? [],
    newPersonValue: NEW_PERSON,
    newPersonChecked: values.withPersonId === NEW_PERSON,
    noneChecked: results !== null && !values.withPersonId,
    forename: names.forename,
    surname: names.surname,
  };
}

// ---------------------------------------------------------------- lists

export function rhiDuePage(due: readonly DueInterview[], page = 1, more = false) {
  return {
    title: 'Return home interviews due',
    // Previous and next only: the list is read a page at a time, without counting the rest.
    pagination: previousNextView(page, more, (n) => withPage(RHI_DUE_PATH, n)),
    page,
    due: due.map((d) => ({
      href: episodePath(d.episodeId),
      childName: d.childName,
      returnedText: dateTimeText(d.returnedAt),
      deadlineText: dateTimeText(d.deadline),
      status: d.status,
      statusLabel: INTERVIEW_STATUS_LABELS[d.status],
      offered: d.offered,
      placementName: d.placementName ?? '',
      area: areaLabel(d.area),
    })),
    overdue: due.filter((d) => d.status === 'OVERDUE').length,
  };
}

export function placementsPage(view: {
  since: Date;
  placements: readonly PlacementSummaryRow[];
  total?: number;
  page?: number;
}) {
  const total = view.total ?? view.placements.length;
  return {
    title: 'Placements',
    total,
    ...paginationView(view.page ?? 1, total, (n) => withPage(PLACEMENTS_PATH, n)),
    sinceText: ukDateText(view.since),
    placements: view.placements.map((p) => ({
      href: placementPath(p.id),
      name: p.name,
      code: p.code,
      area: areaLabel(p.area),
      episodesRecent: p.episodes_recent,
      episodes: p.episodes,
      children: p.children,
    })),
  };
}

export function placementPage(view: {
  placement: PlacementRow;
  children: readonly PlacementChildRow[];
  childrenTotal: number;
  page: number;
  episodes: readonly EpisodeRow[];
  recentEpisodes: number;
}) {
  const p = view.placement;
  return {
    title: p.name,
    childrenTotal: view.childrenTotal,
    ...paginationView(view.page, view.childrenTotal, (n) => withPage(placementPath(p.id), n)),
    placement: {
      code: p.code,
      name: p.name,
      kind: labelOf(PLACEMENT_KIND_LABELS, p.kind),
      area: areaLabel(p.area),
      postcode: p.postcode ?? '',
    },
    recentEpisodes: view.recentEpisodes,
    children: view.children.map((c) => ({
      href: personPagePath(c.person_id),
      name: nameOf(c),
      repeatMissing: c.repeat_missing,
      cseRiskText: c.cse_risk_level ? labelOf(RISK_LEVEL_LABELS, c.cse_risk_level) : 'Not assessed',
      episodesRecent: c.episodes_recent,
      episodes: c.episodes,
      lastReportedText: dateTimeText(c.last_reported_at),
    })),
    episodes: view.episodes.map((e) => ({
      href: episodePath(e.id),
      reportedText: dateTimeText(e.reported_at),
      childName: nameOf({ forename: e.child_forename, surname: e.child_surname }),
      typeLabel: labelOf(EPISODE_TYPE_LABELS, e.type),
      gradeLabel: labelOf(RISK_GRADE_LABELS, e.risk_grade),
      returnedText: dateTimeText(e.returned_at) || 'Not yet',
    })),
  };
}
