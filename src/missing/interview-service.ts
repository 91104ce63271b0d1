/**
 * Return home interviews: recording one (offered, declined, completed or decided against, by someone
 * independent of the police) and the list of those due and overdue within 72 hours of the child's return.
 */
import { isUuid } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { type ListPaging, oneMore, pageOf } from '../platform/http/list-paging.ts';
import { openEpisode } from './episode-service.ts';
import { fail } from './field-errors.ts';
import { blank, toDate } from './input.ts';
import { interviewProviderRefusal } from './interview-rules.ts';
import * as interviewStore from './interview-store.ts';
import * as referenceStore from './reference-store.ts';
import {
  type ReturnHomeInterviewRecord,
  returnHomeInterviewDeadline,
  returnHomeInterviewStatus,
  validateReturnHomeInterview,
} from './rules.ts';

function interviewRecordOf(row: interviewStore.InterviewRow | null): ReturnHomeInterviewRecord {
  if (!row) return {};
  if (!row.offered) {
    return {
      notOffered: {
        reason: row.not_offered_reason ?? '',
        decidedBy: row.not_offered_by_label ?? '',
        decidedAt: row.not_offered_at ?? row.updated_at,
      },
    };
  }
  return {
    offeredAt: row.offered_at,
    offeredBy: row.by_name,
    declinedAt: row.response === 'DECLINED' ? (row.responded_at ?? row.offered_at) : null,
    completedAt: row.completed_at,
    completedBy: row.by_name,
  };
}

export interface InterviewState {
  deadline: Date;
  status: ReturnType<typeof returnHomeInterviewStatus>;
}

export function interviewState(
  episode: { returned_at: Date | null },
  row: interviewStore.InterviewRow | null,
  now: Date,
): InterviewState | null {
  if (!episode.returned_at) return null;
  return {
    deadline: returnHomeInterviewDeadline(episode.returned_at),
    status: returnHomeInterviewStatus(episode.returned_at, interviewRecordOf(row), now),
  };
}

// ---------------------------------------------------------------- return home interviews

export interface InterviewInput {
  offered: boolean;
  offeredAt?: Date | string | null;
  notOfferedReason?: string | null;
  response?: 'ACCEPTED' | 'DECLINED' | string | null;
  respondedAt?: Date | string | null;
  completedAt?: Date | string | null;
  byAgencyId?: string | null;
  byName?: string | null;
  disclosures?: string | null;
}

const INTERVIEW_FIELDS: Record<string, string> = {
  declinedAt: 'respondedAt',
  completedBy: 'byName',
  'notOffered.reason': 'notOfferedReason',
  'notOffered.decidedBy': 'offered',
  'notOffered.decidedAt': 'offered',
  notOffered: 'offered',
};

export async function recordReturnHomeInterview(
  tx: Tx,
  principal: Principal,
  id: string,
  input: InterviewInput,
  now: Date = new Date(),
) {
  const episode = await openEpisode(tx, id);
  if (!episode.returned_at) {
    fail([{ field: 'returnedAt', message: 'Record the child’s return before the return home interview' }]);
  }
  const offeredAt = toDate(input.offeredAt ?? null);
  const completedAt = toDate(input.completedAt ?? null);
  const response = blank(input.response ?? null);
  const respondedAt = toDate(input.respondedAt ?? null);
  const errors: FieldError[] = [];
  if (response && response !== 'ACCEPTED' && response !== 'DECLINED') {
    errors.push({ field: 'response', message: 'Choose accepted or declined' });
  }
  const declinedAt = response === 'DECLINED' ? (respondedAt ?? offeredAt) : null;
  const record: ReturnHomeInterviewRecord = input.offered
    ? { offeredAt, offeredBy: blank(input.byName), declinedAt, completedAt, completedBy: blank(input.byName) }
    : {
        offeredAt,
        completedAt,
        declinedAt,
        notOffered: {
          reason: blank(input.notOfferedReason) ?? '',
          decidedBy: principal.label,
          decidedAt: now,
        },
      };
  for (const e of validateReturnHomeInterview(episode.returned_at, record)) {
    errors.push({ field: INTERVIEW_FIELDS[e.field] ?? e.field, message: e.message });
  }
  if (input.offered && !offeredAt) {
    errors.push({ field: 'offeredAt', message: 'Record when the interview was offered' });
  }
  if (response === 'DECLINED' && completedAt) {
    errors.push({ field: 'completedAt', message: 'A declined interview cannot also be completed' });
  }
  for (const [field, value] of [
    ['offeredAt', offeredAt],
    ['respondedAt', respondedAt],
    ['completedAt', completedAt],
  ] as const) {
    if (value && !Number.isNaN(value.getTime()) && value.getTime() > now.getTime()) {
      errors.push({ field, message: 'This cannot be in the future' });
    }
  }
  if (respondedAt && Number.isNaN(respondedAt.getTime())) {
    errors.push({ field: 'respondedAt', message: 'Enter a real date and time' });
  }
  const byAgencyId = blank(input.byAgencyId);
  if (completedAt && !byAgencyId) {
    errors.push({ field: 'byAgencyId', message: 'Choose the independent agency that held the interview' });
  }
  if (byAgencyId) {
    const agency = isUuid(byAgencyId) ? await referenceStore.agencyOf(tx, byAgencyId) : null;
    const refusal = interviewProviderRefusal(agency);
    if (refusal) errors.push({ field: 'byAgencyId', message: refusal });
  }
  if ((input.disclosures ?? '').length > 10_000) {
    errors.push({ field: 'disclosures', message: 'Enter 10000 characters or fewer' });
  }
  if ((input.notOfferedReason ?? '').length > 2000) {
    errors.push({ field: 'notOfferedReason', message: 'Enter 2000 characters or fewer' });
  }
  if ((input.byName ?? '').length > 200)
    errors.push({ field: 'byName', message: 'Enter 200 characters or fewer' });
  if (errors.length) fail(errors);
  const row: interviewStore.InterviewWrite = input.offered
    ? {
        episodeId: id,
        offered: true,
        offeredAt,
        notOfferedReason: null,
        notOfferedByLabel: null,
        notOfferedAt: null,
        response: (response as 'ACCEPTED' | 'DECLINED' | null) ?? (completedAt ? 'ACCEPTED' : null),
        respondedAt: respondedAt ?? (response ? offeredAt : null),
        completedAt,
        byAgencyId,
        byName: blank(input.byName),
        disclosures: blank(input.disclosures),
        recordedByLabel: principal.label,
      }
    : {
        episodeId: id,
        offered: false,
        offeredAt: null,
        notOfferedReason: blank(input.notOfferedReason),
        notOfferedByLabel: principal.label,
        notOfferedAt: now,
        response: null,
        respondedAt: null,
        completedAt: null,
        byAgencyId: null,
        byName: null,
        disclosures: null,
        recordedByLabel: principal.label,
      };
  await interviewStore.saveInterview(tx, row);
  const saved = await interviewStore.findInterview(tx, id);
  const state = interviewState(episode, saved, now)!;
  await appendAuditEvent(tx, {
    action: 'RHI_RECORD',
    subjectType: 'missing_episode',
    subjectId: id,
    details: { status: state.status, byAgencyId },
  });
  return { episodeId: id, status: state.status, deadline: state.deadline };
}

export interface DueInterview {
  episodeId: string;
  personId: string;
  childName: string;
  placementName: string | null;
  area: string;
  returnedAt: Date;
  deadline: Date;
  status: 'DUE' | 'OVERDUE';
  offered: boolean;
}

/** Returned episodes in scope whose interview is due or overdue, overdue first, then by deadline; audited. */
export async function rhiDueList(
  tx: Tx,
  paging: ListPaging,
  now: Date = new Date(),
): Promise<{ due: DueInterview[]; next: string | null }> {
  const rows = await interviewStore.openInterviews(tx, oneMore(paging).limit, paging.offset);
  const page = pageOf(rows, paging);
  const due = dueOf(page.rows, now);
  await appendAuditEvent(tx, {
    action: 'RHI_DUE_LIST_VIEW',
    details: { shown: due.length, overdue: due.filter((d) => d.status === 'OVERDUE').length },
  });
  return { due, next: page.next };
}

/** The interviews due or overdue, without an audit event of their own (My work audits its whole page). */
export async function dueInterviews(tx: Tx, now: Date = new Date(), limit = 1000): Promise<DueInterview[]> {
  return dueOf(await interviewStore.openInterviews(tx, limit), now);
}

/** The open interviews that are due or overdue now, overdue first, then by deadline. */
function dueOf(rows: readonly interviewStore.OpenInterviewRow[], now: Date): DueInterview[] {
  const due: DueInterview[] = [];
  for (const r of rows) {
    const status = returnHomeInterviewStatus(
      r.returned_at,
      r.offered ? { offeredAt: r.offered_at } : {},
      now,
    );
    if (status !== 'DUE' && status !== 'OVERDUE') continue;
    due.push({
      episodeId: r.episode_id,
      personId: r.person_id,
      childName: [r.child_forename, r.child_surname].filter(Boolean).join(' ') || 'Name not known',
      placementName: r.placement_name,
      area: r.area,
      returnedAt: r.returned_at,
      deadline: returnHomeInterviewDeadline(r.returned_at),
      status,
      offered: Boolean(r.offered),
    });
  }
  due.sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'OVERDUE' ? -1 : 1) ||
      a.deadline.getTime() - b.deadline.getTime(),
  );
  return due;
}
