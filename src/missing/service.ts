/**
 * Missing children use-cases: record an episode (and its return), change the police risk grade with a
 * rationale, record the return home interview, list interviews due and overdue, placements and the briefing's
 * facts. Each validates with the pure rules, writes through the store and audits in the caller's transaction.
 *
 * After every episode write the child's facts are worked out again from all their episodes (a definer function
 * counts the episodes other agencies reported too): `repeat_missing` (the local rolling rule holds today, with
 * `repeat_missing_since` the start of the current run), and `missing_more_than_once` (ever). An episode that
 * starts a run of repeat missing (`repeatMissingTriggeredBy`) creates one MASH task for a strategy discussion,
 * when the run is still current: a historic run loaded by an import sets no task.
 */

import { isUuid, openPerson } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { isMeaningfulRationale, MIN_RATIONALE_LENGTH } from '../platform/forms/rationale.ts';
import {
  AccessDeniedError,
  ConflictError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from '../platform/http/errors.ts';
import { shiftLocalDays } from '../platform/time/zoned-time.ts';
import {
  blank,
  type EpisodeInput,
  type PersonFoundWith,
  type ReturnInput,
  toDate,
  validateEpisodeInput,
  validateReturnDetails,
} from './input.ts';
import {
  currentRiskGrade,
  DEFAULT_REPEAT_MISSING_RULE,
  isRepeatMissing,
  MISSING_RISK_GRADES,
  type MissingRiskGrade,
  missingMoreThanOnce,
  type RepeatMissingRule,
  type ReturnHomeInterviewRecord,
  type RiskGradeChange,
  repeatMissingTriggeredBy,
  returnHomeInterviewDeadline,
  returnHomeInterviewStatus,
  validateMissingEpisode,
  validateReturnHomeInterview,
} from './rules.ts';
import * as store from './store.ts';

export type { EpisodeInput, ReturnInput } from './input.ts';

export const MASH_TASK_REPEAT_MISSING = 'REPEAT_MISSING_STRATEGY_DISCUSSION';

export interface MissingOptions {
  rule?: RepeatMissingRule;
  now?: Date;
}

/** The rule from configuration when the lead has added it (`config.repeatMissing`), else the default. */
export function repeatMissingRuleOf(config: unknown): RepeatMissingRule {
  const rule = (config as { repeatMissing?: Partial<RepeatMissingRule> } | null | undefined)?.repeatMissing;
  if (rule && Number.isInteger(rule.episodes) && Number.isInteger(rule.windowDays)) {
    return { episodes: rule.episodes!, windowDays: rule.windowDays! };
  }
  return DEFAULT_REPEAT_MISSING_RULE;
}

function plainErrors(errors: readonly { field: string; message: string }[]): FieldError[] {
  return errors.map(({ field, message }) => ({ field, message }));
}

function fail(errors: readonly { field: string; message: string }[]): never {
  throw new ValidationError(plainErrors(errors));
}

// ---------------------------------------------------------------- the child's facts

export interface ChildFacts {
  repeatMissing: boolean;
  repeatMissingSince: Date | null;
  missingMoreThanOnce: boolean;
  /** The MASH task created for a run this write started, if any. */
  mashTaskId: string | null;
}

/** When the latest run of repeat missing began (the episode at which the count reached N). */
function latestOnset(starts: readonly Date[], rule: RepeatMissingRule): Date | null {
  const sorted = [...starts].sort((a, b) => a.getTime() - b.getTime());
  let onset: Date | null = null;
  const before: { startedAt: Date }[] = [];
  for (const startedAt of sorted) {
    if (repeatMissingTriggeredBy(before, { startedAt }, rule)) onset = startedAt;
    before.push({ startedAt });
  }
  return onset;
}

/**
 * The child's facts from all their episodes (`added`: the ones just written), and the new episode that
 * started a current run of repeat missing, if any: pure, shared by single writes and the import.
 */
export function childFactsOf(
  starts: readonly { id: string; startedAt: Date }[],
  added: ReadonlySet<string>,
  rule: RepeatMissingRule,
  now: Date,
): Omit<ChildFacts, 'mashTaskId'> & { triggeredBy: string | null } {
  const sorted = [...starts].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  let before = sorted.filter((s) => !added.has(s.id));
  let triggeredBy: string | null = null;
  for (const episode of sorted.filter((s) => added.has(s.id))) {
    if (repeatMissingTriggeredBy(before, episode, rule)) triggeredBy = episode.id;
    before = [...before, episode];
  }
  const times = sorted.map((s) => s.startedAt);
  const repeatMissing = isRepeatMissing(times, now, rule);
  return {
    repeatMissing,
    repeatMissingSince: repeatMissing ? latestOnset(times, rule) : null,
    missingMoreThanOnce: missingMoreThanOnce(sorted),
    triggeredBy: repeatMissing ? triggeredBy : null,
  };
}

/** One strategy discussion task for a run of repeat missing, audited. */
export async function createRepeatMissingTask(
  tx: Tx,
  personId: string,
  area: string,
  episodeId: string,
  rule: RepeatMissingRule,
): Promise<string> {
  const id = await store.insertMashTask(tx, {
    personId,
    area,
    kind: MASH_TASK_REPEAT_MISSING,
    description:
      `Repeat missing: ${rule.episodes} or more missing episodes within ${rule.windowDays} days. ` +
      'Hold a strategy discussion about the child’s safety and the risk of exploitation.',
    sourceEpisodeId: episodeId,
  });
  await appendAuditEvent(tx, {
    action: 'MASH_TASK_CREATE',
    subjectType: 'mash_task',
    subjectId: id,
    details: { kind: MASH_TASK_REPEAT_MISSING, personId, area, episodeId },
  });
  return id;
}

/**
 * Works out the child's missing facts again after episodes were written (`newEpisodeIds`: the ones just
 * added), and creates one MASH task when a new episode started a run that is current.
 */
export async function recomputeChild(
  tx: Tx,
  personId: string,
  newEpisodeIds: readonly string[],
  area: string,
  options: MissingOptions = {},
): Promise<ChildFacts> {
  const rule = options.rule ?? DEFAULT_REPEAT_MISSING_RULE;
  const now = options.now ?? new Date();
  const starts = await store.episodeStarts(tx, personId);
  const { triggeredBy, ...facts } = childFactsOf(starts, new Set(newEpisodeIds), rule, now);
  await store.setPersonFlags(tx, personId, {
    repeatMissing: facts.repeatMissing,
    since: facts.repeatMissingSince,
    moreThanOnce: facts.missingMoreThanOnce,
  });
  const mashTaskId = triggeredBy
    ? await createRepeatMissingTask(tx, personId, area, triggeredBy, rule)
    : null;
  return { ...facts, mashTaskId };
}

/**
 * Clears the repeat-missing flag of children whose run has lapsed (fewer than N episodes in the window ending
 * today): run daily, since the flag is otherwise recomputed only when an episode is written.
 */
export async function refreshRepeatMissingFlags(tx: Tx, options: MissingOptions = {}): Promise<number> {
  const rule = options.rule ?? DEFAULT_REPEAT_MISSING_RULE;
  const now = options.now ?? new Date();
  const flagged = await tx.query<{ id: string }>('SELECT id FROM person WHERE repeat_missing');
  let cleared = 0;
  for (const { id } of flagged) {
    const starts = (await store.episodeStarts(tx, id)).map((s) => s.startedAt);
    if (!isRepeatMissing(starts, now, rule)) {
      await store.setPersonFlags(tx, id, {
        repeatMissing: false,
        since: null,
        moreThanOnce: missingMoreThanOnce(starts),
      });
      cleared++;
    }
  }
  return cleared;
}

/** Whether the child is repeat missing now: the fact the CSE risk assessment's missing indicator is fed from. */
export async function repeatMissingFeed(tx: Tx, personId: string): Promise<boolean> {
  const row = await tx.maybeOne<{ repeat_missing: boolean }>(
    'SELECT repeat_missing FROM person WHERE id = $1',
    [personId],
  );
  return row?.repeat_missing ?? false;
}

// ---------------------------------------------------------------- recording an episode

async function resolvePlacement(tx: Tx, from: EpisodeInput['from']): Promise<store.PlacementRow | null> {
  const id = blank(from.placementId);
  const code = blank(from.placementCode);
  if (!id && !code) return null;
  const placement = id
    ? isUuid(id)
      ? await store.findPlacement(tx, id)
      : null
    : await store.findPlacementByCode(tx, code!.toUpperCase());
  if (!placement) fail([{ field: 'from.placement', message: 'Choose a placement from the list' }]);
  return placement;
}

async function resolveArea(
  tx: Tx,
  principal: Principal,
  requested: string | null | undefined,
  placement: store.PlacementRow | null,
  personAreas: readonly string[],
): Promise<string> {
  const known = await store.knownAreas(tx);
  const agency = principal.agencyId ? await store.agencyOf(tx, principal.agencyId) : null;
  const area =
    blank(requested) ??
    placement?.area ??
    [...personAreas].sort()[0] ??
    (principal.areas.length === 1 ? principal.areas[0]! : null) ??
    agency?.area ??
    null;
  if (!area) fail([{ field: 'area', message: 'Select the safeguarding area of the episode' }]);
  if (!known.includes(area)) fail([{ field: 'area', message: 'Select a safeguarding area from the list' }]);
  return area;
}

async function openPeopleFoundWith(
  tx: Tx,
  principal: Principal,
  childId: string,
  people: readonly PersonFoundWith[],
  prefix: string,
): Promise<PersonFoundWith[]> {
  const out: PersonFoundWith[] = [];
  for (const [i, p] of people.entries()) {
    if (p.personId === childId) {
      fail([{ field: `${prefix}.${i}.personId`, message: 'The child cannot be found with themselves' }]);
    }
    // Out of scope answers 404 with an audited denial, like any other person.
    await openPerson(tx, principal, p.personId);
    out.push({ personId: p.personId, relation: p.relation.trim() });
  }
  return out;
}

export interface RecordedEpisode {
  id: string;
  personId: string;
  area: string;
  repeatMissing: boolean;
  missingMoreThanOnce: boolean;
  mashTaskId: string | null;
}

export async function recordEpisode(
  tx: Tx,
  principal: Principal,
  input: EpisodeInput,
  options: MissingOptions & { source?: 'api' | 'form' } = {},
): Promise<RecordedEpisode> {
  const now = options.now ?? new Date();
  const agencyId = principal.agencyId;
  if (!agencyId) fail([{ field: 'reportedBy', message: 'Only a member of an agency can record an episode' }]);
  const child = await openPerson(tx, principal, input.personId);
  if (child.merged_into) throw new NotFoundError();
  const errors = validateEpisodeInput(input, now);
  if (errors.length) fail(errors);
  const placement = await resolvePlacement(tx, input.from);
  const area = await resolveArea(tx, principal, input.area, placement, child.areas);
  const people = input.returned
    ? await openPeopleFoundWith(
        tx,
        principal,
        child.id,
        input.returned.withPeople ?? [],
        'returned.withPeople',
      )
    : [];
  await store.lockChild(tx, child.id);
  const externalRef = blank(input.externalRef);
  if (externalRef && (await store.externalRefsTaken(tx, agencyId, [externalRef])).length) {
    throw new ConflictError('An episode with this report number was already recorded', [
      { field: 'externalRef', message: 'Your agency already recorded an episode with this report number' },
    ]);
  }
  const id = await store.insertEpisode(tx, {
    personId: child.id,
    type: input.type,
    fromKind: input.from.kind,
    placementId: placement?.id ?? null,
    fromPostcode: blank(input.from.postcode)?.toUpperCase() ?? placement?.postcode ?? null,
    reportedAt: toDate(input.reportedAt)!,
    reportedByAgencyId: agencyId,
    reportedByLabel: input.reportedBy.trim(),
    reporterName: blank(input.reporterName),
    recordedByUser: principal.userId,
    recordedByLabel: principal.label,
    lastSeenAt: toDate(input.lastSeenAt ?? null),
    returnedAt: input.returned ? toDate(input.returned.returnedAt) : null,
    foundWhere: blank(input.returned?.foundWhere),
    foundPostcode: blank(input.returned?.foundPostcode)?.toUpperCase() ?? null,
    circumstances: blank(input.circumstances),
    exploitationSuspected: input.exploitationSuspected,
    riskGrade: input.riskGrade,
    area,
    externalRef,
  });
  await store.insertEpisodePeople(tx, id, people);
  await appendAuditEvent(tx, {
    action: 'MISSING_EPISODE_CREATE',
    subjectType: 'missing_episode',
    subjectId: id,
    details: {
      personId: child.id,
      type: input.type,
      riskGrade: input.riskGrade,
      area,
      returned: Boolean(input.returned),
      foundWith: people.length,
      source: options.source ?? 'api',
    },
  });
  const facts = await recomputeChild(tx, child.id, [id], area, { ...options, now });
  return {
    id,
    personId: child.id,
    area,
    repeatMissing: facts.repeatMissing,
    missingMoreThanOnce: facts.missingMoreThanOnce,
    mashTaskId: facts.mashTaskId,
  };
}

// ---------------------------------------------------------------- one episode

export async function openEpisode(tx: Tx, id: string): Promise<store.EpisodeRow> {
  if (!isUuid(id)) throw new NotFoundError();
  const episode = await store.findEpisode(tx, id);
  if (episode) return episode;
  if (await store.episodeExists(tx, id)) throw new AccessDeniedError('missing_episode', id, 'OUT_OF_SCOPE');
  throw new NotFoundError();
}

function gradeChangesOf(history: readonly store.GradeChangeRow[]): RiskGradeChange[] {
  return history.map((h) => ({
    from: h.from_grade as MissingRiskGrade,
    to: h.to_grade as MissingRiskGrade,
    changedAt: h.changed_at,
    changedBy: h.changed_by_label,
    rationale: h.rationale,
  }));
}

function interviewRecordOf(row: store.InterviewRow | null): ReturnHomeInterviewRecord {
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

function interviewState(
  episode: { returned_at: Date | null },
  row: store.InterviewRow | null,
  now: Date,
): InterviewState | null {
  if (!episode.returned_at) return null;
  return {
    deadline: returnHomeInterviewDeadline(episode.returned_at),
    status: returnHomeInterviewStatus(episode.returned_at, interviewRecordOf(row), now),
  };
}

export async function viewEpisode(tx: Tx, id: string, now: Date = new Date()) {
  const episode = await openEpisode(tx, id);
  const grades = await store.gradeHistory(tx, id);
  const people = await store.episodePeople(tx, id);
  const interview = await store.findInterview(tx, id);
  await appendAuditEvent(tx, {
    action: 'MISSING_EPISODE_VIEW',
    subjectType: 'missing_episode',
    subjectId: id,
  });
  return {
    episode,
    grades,
    people,
    interview,
    interviewState: interviewState(episode, interview, now),
  };
}

// ---------------------------------------------------------------- the return

export async function recordReturn(
  tx: Tx,
  principal: Principal,
  id: string,
  input: ReturnInput,
  options: MissingOptions = {},
) {
  const now = options.now ?? new Date();
  const episode = await openEpisode(tx, id);
  if (episode.returned_at) throw new ConflictError('The child’s return is already recorded');
  const returnedAt = toDate(input.returnedAt) ?? new Date(Number.NaN);
  const errors = [
    ...validateMissingEpisode(
      {
        type: episode.type,
        reportedAt: episode.reported_at,
        lastSeenAt: episode.last_seen_at,
        returnedAt,
        riskGrade: episode.initial_risk_grade,
      },
      now,
    ).filter((e) => e.field === 'returnedAt'),
    ...validateReturnDetails(input),
  ];
  if (errors.length) fail(errors);
  const people = await openPeopleFoundWith(
    tx,
    principal,
    episode.person_id,
    input.withPeople ?? [],
    'withPeople',
  );
  await store.setReturn(tx, id, {
    returnedAt,
    foundWhere: blank(input.foundWhere),
    foundPostcode: blank(input.foundPostcode)?.toUpperCase() ?? null,
  });
  await store.insertEpisodePeople(tx, id, people);
  await appendAuditEvent(tx, {
    action: 'MISSING_RETURN',
    subjectType: 'missing_episode',
    subjectId: id,
    details: { foundWith: people.length },
  });
  await recomputeChild(tx, episode.person_id, [], episode.area, { ...options, now });
  return {
    id,
    returnedAt,
    interviewDeadline: returnHomeInterviewDeadline(returnedAt),
  };
}

// ---------------------------------------------------------------- the police risk grade

export async function changeRiskGrade(
  tx: Tx,
  principal: Principal,
  id: string,
  input: { riskGrade: string; rationale: string; expectedCurrent?: string | null },
  now: Date = new Date(),
) {
  const episode = await openEpisode(tx, id);
  const history = gradeChangesOf(await store.gradeHistory(tx, id));
  const current = currentRiskGrade({
    riskGrade: episode.initial_risk_grade as MissingRiskGrade,
    riskGradeChanges: history,
  });
  if (input.expectedCurrent != null && input.expectedCurrent !== current) {
    throw new ConflictError(`The grade has changed to ${current} since you looked; check it and try again`, [
      { field: 'expectedCurrent', message: `The grade is now ${current}` },
    ]);
  }
  const change: RiskGradeChange = {
    from: current,
    to: input.riskGrade as MissingRiskGrade,
    changedAt: now,
    changedBy: principal.label,
    rationale: input.rationale ?? '',
  };
  const index = history.length;
  const errors = validateMissingEpisode(
    {
      type: episode.type,
      reportedAt: episode.reported_at,
      riskGrade: episode.initial_risk_grade,
      riskGradeChanges: [...history, change],
    },
    now,
  )
    .filter((e) => e.field.startsWith(`riskGradeChanges.${index}.`))
    .map((e) => {
      const name = e.field.slice(`riskGradeChanges.${index}.`.length);
      return {
        field: name === 'to' ? 'riskGrade' : name === 'changedAt' ? 'riskGrade' : name,
        message: e.message,
      };
    });
  if (!(MISSING_RISK_GRADES as readonly string[]).includes(input.riskGrade) && !errors.length) {
    errors.push({ field: 'riskGrade', message: `Choose one of: ${MISSING_RISK_GRADES.join(', ')}` });
  }
  if (!isMeaningfulRationale(input.rationale) && !errors.some((e) => e.field === 'rationale')) {
    errors.push({
      field: 'rationale',
      message: `Give the reason for the new grade in at least ${MIN_RATIONALE_LENGTH} characters`,
    });
  }
  if (input.rationale && input.rationale.length > 5000) {
    errors.push({ field: 'rationale', message: 'Enter 5000 characters or fewer' });
  }
  if (errors.length) fail(errors);
  await store.insertGradeChange(tx, {
    episodeId: id,
    from: current,
    to: input.riskGrade,
    rationale: input.rationale.trim(),
    by: principal.userId,
    label: principal.label,
    at: now,
  });
  await appendAuditEvent(tx, {
    action: 'MISSING_GRADE_CHANGE',
    subjectType: 'missing_episode',
    subjectId: id,
    details: { from: current, to: input.riskGrade },
  });
  return { id, from: current, riskGrade: input.riskGrade, changedAt: now };
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
    const agency = isUuid(byAgencyId) ? await store.agencyOf(tx, byAgencyId) : null;
    if (!agency) errors.push({ field: 'byAgencyId', message: 'Choose an agency from the list' });
    else if (agency.type === 'POLICE') {
      errors.push({
        field: 'byAgencyId',
        message: 'The interview must be held by someone independent of the police',
      });
    }
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
  const row: store.InterviewWrite = input.offered
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
  await store.saveInterview(tx, row);
  const saved = await store.findInterview(tx, id);
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

/** Returned episodes in scope whose interview is due or overdue, overdue first, then by deadline. */
export async function rhiDueList(tx: Tx, now: Date = new Date(), limit = 1000): Promise<DueInterview[]> {
  const rows = await store.openInterviews(tx, limit);
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
  await appendAuditEvent(tx, {
    action: 'RHI_DUE_LIST_VIEW',
    details: { shown: due.length, overdue: due.filter((d) => d.status === 'OVERDUE').length },
  });
  return due;
}

// ---------------------------------------------------------------- the child's episodes

export async function episodesOfChild(tx: Tx, principal: Principal, personId: string) {
  const person = await openPerson(tx, principal, personId);
  const episodes = await store.episodesOfPerson(tx, person.id);
  await appendAuditEvent(tx, {
    action: 'MISSING_EPISODE_LIST',
    subjectType: 'person',
    subjectId: person.id,
    details: { shown: episodes.length },
  });
  return { person, episodes };
}

// ---------------------------------------------------------------- placements

export const PLACEMENT_RECENT_DAYS = 90;

export async function placementsView(tx: Tx, now: Date = new Date()) {
  const since = shiftLocalDays(now, -PLACEMENT_RECENT_DAYS);
  const placements = await store.placementSummaries(tx, since);
  await appendAuditEvent(tx, { action: 'PLACEMENT_LIST_VIEW', details: { shown: placements.length } });
  return { since, placements };
}

export async function placementView(tx: Tx, id: string, now: Date = new Date()) {
  if (!isUuid(id)) throw new NotFoundError();
  const placement = await store.findPlacement(tx, id);
  if (!placement) throw new NotFoundError();
  const since = shiftLocalDays(now, -PLACEMENT_RECENT_DAYS);
  const children = await store.placementChildren(tx, id, since);
  const episodes = await store.episodesOfPlacement(tx, id, 500);
  await appendAuditEvent(tx, {
    action: 'PLACEMENT_VIEW',
    subjectType: 'placement',
    subjectId: id,
    details: { children: children.length, episodes: episodes.length },
  });
  return {
    placement,
    since,
    children,
    episodes,
    recentEpisodes: episodes.filter((e) => e.reported_at.getTime() >= since.getTime()).length,
  };
}

/** The demo partnership's children's homes as placements (idempotent), for the loader or `demo`. */
export async function loadPlacements(
  tx: Tx,
  homes: readonly { code: string; name: string; area: string; postcode: string }[],
  kind = 'RESIDENTIAL_CHILDRENS_HOME',
): Promise<number> {
  for (const h of homes) {
    await store.upsertPlacement(tx, { code: h.code, name: h.name, kind, area: h.area, postcode: h.postcode });
  }
  return homes.length;
}

// ---------------------------------------------------------------- facts for the briefing

export interface MissingFacts {
  referrals: number;
  repeatMissingReferrals: number;
  missingMoreThanOnceReferrals: number;
  shares: { repeatMissing: number | null; missingMoreThanOnce: number | null };
}

/**
 * Victim referrals received in [from, to) and whether their child was, at the referral date, repeat missing
 * (the rolling rule over the episodes reported up to the referral) or missing more than once (ever before it).
 * Counts what the transaction may see: run it as the briefing's system or statistics transaction.
 * Shares are fractions (0 to 1), null when there are no referrals.
 */
export async function missingFacts(
  tx: Tx,
  period: { from: Date; to: Date },
  rule: RepeatMissingRule = DEFAULT_REPEAT_MISSING_RULE,
): Promise<MissingFacts> {
  const rows = await tx.query<{ received_at: Date; starts: (string | number)[] }>(
    `SELECT r.received_at,
            coalesce(array_agg(extract(epoch FROM e.reported_at)::float8 ORDER BY e.reported_at)
                     FILTER (WHERE e.id IS NOT NULL), '{}') AS starts
       FROM victim_referral r
       LEFT JOIN missing_episode e ON e.person_id = r.person_id AND e.reported_at <= r.received_at
      WHERE r.received_at >= $1 AND r.received_at < $2
      GROUP BY r.id, r.received_at`,
    [period.from, period.to],
  );
  let repeat = 0;
  let moreThanOnce = 0;
  for (const row of rows) {
    const starts = row.starts.map((s) => new Date(Number(s) * 1000));
    if (isRepeatMissing(starts, row.received_at, rule)) repeat++;
    if (missingMoreThanOnce(starts)) moreThanOnce++;
  }
  const share = (n: number) => (rows.length ? n / rows.length : null);
  return {
    referrals: rows.length,
    repeatMissingReferrals: repeat,
    missingMoreThanOnceReferrals: moreThanOnce,
    shares: { repeatMissing: share(repeat), missingMoreThanOnce: share(moreThanOnce) },
  };
}
