/**
 * The missing pages' forms: what each form posts (text fields and date-and-time parts), its blank state, the
 * service input it becomes, and where on the page each service error is shown.
 */
import { formText } from '../platform/forms/body.ts';
import { type DateParts, datePartsFrom, instantFrom, wallClockOf } from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { blankFoundWith, type FoundWithForm, foundWithFrom, foundWithInput } from './found-with-form.ts';
import type { InterviewRow } from './interview-store.ts';
import type { EpisodeInput, InterviewInput } from './service.ts';

export interface When {
  date: DateParts;
  time: string;
}

export const emptyWhen = (): When => ({ date: { day: '', month: '', year: '' }, time: '' });

export function whenFrom(body: unknown, prefix: string): When {
  return { date: datePartsFrom(body, prefix), time: formText(body, `${prefix}Time`, 10).trim() };
}

export function instantOf(when: When): string {
  if (!when.date.day && !when.date.month && !when.date.year && !when.time) return '';
  return instantFrom(when.date, when.time) || 'invalid';
}

/** The form's anchors for the service's field names. */
const ANCHORS: Record<string, string> = {
  reportedAt: 'reported-day',
  lastSeenAt: 'lastSeen-day',
  returnedAt: 'returned-day',
  'returned.foundWhere': 'foundWhere',
  'returned.foundPostcode': 'foundPostcode',
  'from.kind': 'fromKind',
  'from.placement': 'placementId',
  'from.postcode': 'fromPostcode',
  offeredAt: 'offered-day',
  respondedAt: 'responded-day',
  completedAt: 'completed-day',
};

function anchorOf(field: string): string {
  if (ANCHORS[field]) return ANCHORS[field];
  if (/withPeople\.\d+\.personId$/.test(field)) return 'withPersonId';
  if (/withPeople\.\d+\.newPerson\.surname$/.test(field)) return 'withSurname';
  if (/withPeople\.\d+\.newPerson\.forename$/.test(field)) return 'withForename';
  if (/withPeople\.\d+\.newPerson(\..*)?$/.test(field)) return 'withPersonId';
  if (/withPeople\.\d+\.relation$/.test(field)) return 'withRelation';
  return field;
}

/**
 * The inputs of the episode page's forms (and the new episode form) in page order: the error summary lists
 * one entry per input in this order, whatever order the rules found them in.
 */
const PAGE_ORDER = [
  'type',
  'fromKind',
  'placementId',
  'fromPostcode',
  'reported-day',
  'lastSeen-day',
  'reportedBy',
  'reporterName',
  'riskGrade',
  'rationale',
  'circumstances',
  'exploitationSuspected',
  'externalRef',
  'returnedNow',
  'returned-day',
  'foundWhere',
  'foundPostcode',
  'withName',
  'withPersonId',
  'withForename',
  'withSurname',
  'withRelation',
  'offered',
  'notOfferedReason',
  'offered-day',
  'response',
  'responded-day',
  'completed-day',
  'byAgencyId',
  'byName',
  'disclosures',
];

function orderOf(anchor: string): number {
  const i = PAGE_ORDER.indexOf(anchor);
  return i < 0 ? PAGE_ORDER.length : i;
}

/** One summary entry per input (its first message), in page order; each input shows that message. */
export function errorsView(errors: readonly FieldError[]) {
  const fieldErrors: Record<string, { text: string }> = {};
  for (const e of errors) fieldErrors[anchorOf(e.field)] ??= { text: e.message };
  const anchors = Object.keys(fieldErrors).sort((a, b) => orderOf(a) - orderOf(b));
  return { errorList: anchors.map((a) => ({ text: fieldErrors[a]!.text, href: `#${a}` })), fieldErrors };
}

export interface EpisodeForm extends FoundWithForm {
  type: string;
  fromKind: string;
  placementId: string;
  fromPostcode: string;
  reported: When;
  lastSeen: When;
  reportedBy: string;
  reporterName: string;
  riskGrade: string;
  circumstances: string;
  exploitationSuspected: string;
  externalRef: string;
  returnedNow: string;
  returned: When;
  foundWhere: string;
  foundPostcode: string;
}

export function blankEpisodeForm(now: Date): EpisodeForm {
  const clock = wallClockOf(now);
  return {
    type: '',
    fromKind: '',
    placementId: '',
    fromPostcode: '',
    reported: { date: clock.date, time: clock.time },
    lastSeen: emptyWhen(),
    reportedBy: '',
    reporterName: '',
    riskGrade: '',
    circumstances: '',
    exploitationSuspected: '',
    externalRef: '',
    returnedNow: '',
    returned: emptyWhen(),
    foundWhere: '',
    foundPostcode: '',
    ...blankFoundWith(),
  };
}

export function episodeFormFrom(body: unknown): EpisodeForm {
  const text = (name: string, max = 500) => formText(body, name, max).trim();
  return {
    type: text('type', 60),
    fromKind: text('fromKind', 20),
    placementId: text('placementId', 40),
    fromPostcode: text('fromPostcode', 12),
    reported: whenFrom(body, 'reported'),
    lastSeen: whenFrom(body, 'lastSeen'),
    reportedBy: text('reportedBy', 201),
    reporterName: text('reporterName', 201),
    riskGrade: text('riskGrade', 30),
    circumstances: formText(body, 'circumstances', 10_001).trim(),
    exploitationSuspected: text('exploitationSuspected', 5),
    externalRef: text('externalRef', 61),
    returnedNow: text('returnedNow', 5),
    returned: whenFrom(body, 'returned'),
    foundWhere: text('foundWhere', 501),
    foundPostcode: text('foundPostcode', 12),
    ...foundWithFrom(body),
  };
}

export function returnInputOf(values: ReturnForm) {
  return {
    returnedAt: instantOf(values.returned),
    foundWhere: values.foundWhere,
    foundPostcode: values.foundPostcode || null,
    withPeople: foundWithInput(values),
  };
}

export function episodeInputOf(personId: string, v: EpisodeForm): EpisodeInput {
  return {
    personId,
    type: v.type,
    from: {
      kind: v.fromKind,
      placementId: v.fromKind === 'PLACEMENT' ? v.placementId || null : null,
      postcode: v.fromPostcode || null,
    },
    reportedAt: instantOf(v.reported),
    reportedBy: v.reportedBy,
    reporterName: v.reporterName || null,
    lastSeenAt: instantOf(v.lastSeen) || null,
    riskGrade: v.riskGrade,
    circumstances: v.circumstances || null,
    exploitationSuspected: v.exploitationSuspected === 'yes',
    externalRef: v.externalRef || null,
    returned: v.returnedNow === 'yes' ? returnInputOf(v) : null,
  };
}

export interface ReturnForm extends FoundWithForm {
  returned: When;
  foundWhere: string;
  foundPostcode: string;
}

export interface GradeForm {
  riskGrade: string;
  rationale: string;
}

export interface InterviewForm {
  offered: string;
  offered_: When;
  notOfferedReason: string;
  response: string;
  responded: When;
  completed: When;
  byAgencyId: string;
  byName: string;
  disclosures: string;
}

export function interviewFormFrom(body: unknown): InterviewForm {
  return {
    offered: formText(body, 'offered', 5),
    offered_: whenFrom(body, 'offered'),
    notOfferedReason: formText(body, 'notOfferedReason', 2001).trim(),
    response: formText(body, 'response', 10),
    responded: whenFrom(body, 'responded'),
    completed: whenFrom(body, 'completed'),
    byAgencyId: formText(body, 'byAgencyId', 40).trim(),
    byName: formText(body, 'byName', 201).trim(),
    disclosures: formText(body, 'disclosures', 10_001).trim(),
  };
}

export function interviewInputOf(v: InterviewForm): InterviewInput {
  return {
    offered: v.offered !== 'no',
    offeredAt: instantOf(v.offered_) || null,
    notOfferedReason: v.notOfferedReason || null,
    response: v.response || null,
    respondedAt: instantOf(v.responded) || null,
    completedAt: instantOf(v.completed) || null,
    byAgencyId: v.byAgencyId || null,
    byName: v.byName || null,
    disclosures: v.disclosures || null,
  };
}

export function returnFormFrom(body: unknown): ReturnForm {
  const text = (name: string, max: number) => formText(body, name, max).trim();
  return {
    returned: whenFrom(body, 'returned'),
    foundWhere: text('foundWhere', 501),
    foundPostcode: text('foundPostcode', 12),
    ...foundWithFrom(body),
  };
}

export function blankReturnForm(): ReturnForm {
  return { returned: emptyWhen(), foundWhere: '', foundPostcode: '', ...blankFoundWith() };
}

export function gradeFormFrom(body: unknown): GradeForm {
  return {
    riskGrade: formText(body, 'riskGrade', 30),
    rationale: formText(body, 'rationale', 5001).trim(),
  };
}

export function blankInterviewForm(): InterviewForm {
  return {
    offered: '',
    offered_: emptyWhen(),
    notOfferedReason: '',
    response: '',
    responded: emptyWhen(),
    completed: emptyWhen(),
    byAgencyId: '',
    byName: '',
    disclosures: '',
  };
}

const whenOf = (at: Date | null): When => (at ? wallClockOf(at) : emptyWhen());

/** The saved interview as the form's answers: what "Change the interview" starts from. */
export function interviewFormOf(row: InterviewRow): InterviewForm {
  return {
    offered: row.offered ? 'yes' : 'no',
    offered_: whenOf(row.offered_at),
    notOfferedReason: row.not_offered_reason ?? '',
    response: row.response ?? '',
    responded: whenOf(row.responded_at),
    completed: whenOf(row.completed_at),
    byAgencyId: row.by_agency_id ?? '',
    byName: row.by_name ?? '',
    disclosures: row.disclosures ?? '',
  };
}
