/**
 * Recording a missing episode and reading it back: the child, placement, area and people found with are
 * resolved within the caller's scope, the episode is written and audited, and the child's facts worked out
 * again (repeat-missing-service.ts). Also the child's return, and the police risk grade with its rationale.
 */
import { isUuid, openPerson } from '../people/service.ts';
import { inScopeOrDeny } from '../platform/access/in-scope.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import { partnershipAreas } from '../platform/codes/area-store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { isMeaningfulRationale, MIN_RATIONALE_LENGTH } from '../platform/forms/rationale.ts';
import { ConflictError, NotFoundError } from '../platform/http/errors.ts';
import { fail } from './field-errors.ts';
import { openPeopleFoundWith } from './found-with-service.ts';
import {
  blank,
  type EpisodeInput,
  newEpisodeOf,
  type ReturnInput,
  toDate,
  validateEpisodeInput,
  validateReturnDetails,
} from './input.ts';
import { interviewState } from './interview-service.ts';
import * as interviewStore from './interview-store.ts';
import * as placementStore from './placement-store.ts';
import * as referenceStore from './reference-store.ts';
import { type MissingOptions, recomputeChild } from './repeat-missing-service.ts';
import * as factsStore from './repeat-missing-store.ts';
import {
  currentRiskGrade,
  MISSING_RISK_GRADES,
  type MissingRiskGrade,
  type RiskGradeChange,
  returnHomeInterviewDeadline,
  validateMissingEpisode,
} from './rules.ts';
import * as store from './store.ts';

// ---------------------------------------------------------------- recording an episode

async function resolvePlacement(
  tx: Tx,
  from: EpisodeInput['from'],
): Promise<placementStore.PlacementRow | null> {
  const id = blank(from.placementId);
  const code = blank(from.placementCode);
  if (!id && !code) return null;
  const placement = id
    ? isUuid(id)
      ? await placementStore.findPlacement(tx, id)
      : null
    : await placementStore.findPlacementByCode(tx, code!.toUpperCase());
  if (!placement) fail([{ field: 'from.placement', message: 'Choose a placement from the list' }]);
  return placement;
}

async function resolveArea(
  tx: Tx,
  principal: Principal,
  requested: string | null | undefined,
  placement: placementStore.PlacementRow | null,
  personAreas: readonly string[],
): Promise<string> {
  const known = await partnershipAreas(tx);
  const agency = principal.agencyId ? await referenceStore.agencyOf(tx, principal.agencyId) : null;
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
        { id: child.id, area },
        input.returned.withPeople ?? [],
        'returned.withPeople',
        now,
      )
    : [];
  await factsStore.lockChild(tx, child.id);
  const externalRef = blank(input.externalRef);
  if (externalRef && (await store.externalRefsTaken(tx, agencyId, [externalRef])).length) {
    throw new ConflictError('An episode with this report number was already recorded', [
      { field: 'externalRef', message: 'Your agency already recorded an episode with this report number' },
    ]);
  }
  const id = await store.insertEpisode(
    tx,
    newEpisodeOf(input, {
      personId: child.id,
      placement,
      area,
      reportedByAgencyId: agencyId,
      recordedByUser: principal.userId,
      recordedByLabel: principal.label,
      externalRef,
    }),
  );
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

export function openEpisode(tx: Tx, id: string): Promise<store.EpisodeRow> {
  return inScopeOrDeny('missing_episode', id, {
    find: () => store.findEpisode(tx, id),
    exists: () => store.episodeExists(tx, id),
  });
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

export async function viewEpisode(tx: Tx, id: string, now: Date = new Date()) {
  const episode = await openEpisode(tx, id);
  const grades = await store.gradeHistory(tx, id);
  const people = await store.episodePeople(tx, id);
  const interview = await interviewStore.findInterview(tx, id);
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
    { id: episode.person_id, area: episode.area },
    input.withPeople ?? [],
    'withPeople',
    now,
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
