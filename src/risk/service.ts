/**
 * CSE risk use-cases: a child's assessment (computed level, the assessor's final level, the next review) and
 * the flag it sets, their history, and the reassessments due. Row-level security follows the child.
 *
 * What other modules know of the child and the tools need (repeat missing) is passed in by the caller: the
 * risk module sits below missing and the MASH, and never imports them.
 */
import { ageOn, isAdultOn } from '../people/rules.ts';
import { findPersonOrDeny, isUuid } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ConflictError, type FieldError, ValidationError } from '../platform/http/errors.ts';
import { finalLevel, reviewDue } from './final-level.ts';
import { isRiskLevel } from './levels.ts';
import { applyRepeatMissingFeed } from './missing-feed.ts';
import { InvalidAssessmentError, scoreAssessment } from './score-assessment.ts';
import * as store from './store.ts';
import type { AssessmentAnswers, AssessmentAnswersInput } from './template.ts';
import { riskTemplate } from './templates/index.ts';

export type { AssessmentRow, ReassessmentRow } from './store.ts';

/** Whether the child has gone missing repeatedly (the missing module answers; the composition root wires it). */
export type RepeatMissingFeed = (tx: Tx, personId: string) => Promise<boolean>;

function fieldErrors(errors: readonly { field: string; message: string }[]): FieldError[] {
  return errors.map(({ field, message }) => ({ field, message }));
}

/** Form or API answers, typed for the feed; scoring validates every value afterwards. */
function answersOf(input: AssessmentAnswersInput): AssessmentAnswers {
  return {
    indicators: (input.indicators ?? {}) as AssessmentAnswers['indicators'],
    ...(input.domainRatings
      ? { domainRatings: input.domainRatings as AssessmentAnswers['domainRatings'] }
      : {}),
  };
}

export interface AssessmentInput {
  templateId: string;
  answers: AssessmentAnswersInput;
  disclosure: boolean;
  assessorLevel?: string | null;
  rationale?: string | null;
  episodeId?: string | null;
}

/** A CSE risk assessment: the computed level, the assessor's final level, the next review; the child's flag. */
/** CSE risk assessments are for children (issue 14, item 5b): an adult (a suspect, say) is refused. */
export const ADULT_REFUSAL = 'CSE risk assessments are for children: this person is 18 or over';

export function refuseAdult(person: { dob: string | null; estimated_age: number | null }, now: Date): void {
  if (isAdultOn(person, now)) throw new ConflictError(ADULT_REFUSAL);
}

export async function assessRisk(
  tx: Tx,
  principal: Principal,
  personId: string,
  input: AssessmentInput,
  repeatMissingFeed: RepeatMissingFeed,
  now = new Date(),
) {
  // Out of scope answers like a missing child, and the denial is audited.
  const person = await findPersonOrDeny(tx, personId);
  refuseAdult(person, now);
  const template = riskTemplate(input.templateId);
  if (!template) throw new ValidationError([{ field: 'templateId', message: 'Select an assessment tool' }]);
  const learningDisability = await store.hasLearningDisability(tx, personId);
  const ageYears = person.dob ? ageOn(person.dob, now) : (person.estimated_age ?? 15);
  // Repeat missing feeds the tool's missing indicator: the assessor cannot leave it unanswered or lower it.
  const fed = applyRepeatMissingFeed(
    template,
    answersOf(input.answers),
    await repeatMissingFeed(tx, personId),
  );
  let scored: ReturnType<typeof scoreAssessment>;
  try {
    scored = scoreAssessment(template, fed.answers, {
      ageYears,
      learningDisability,
      cseConcerns: true,
      disclosure: input.disclosure === true,
    });
  } catch (error) {
    if (error instanceof InvalidAssessmentError) throw new ValidationError(fieldErrors(error.errors));
    throw error;
  }
  const assessorLevel = input.assessorLevel && isRiskLevel(input.assessorLevel) ? input.assessorLevel : null;
  if (input.assessorLevel && !assessorLevel)
    throw new ValidationError([
      { field: 'assessorLevel', message: 'Choose not at risk, low, medium or high' },
    ]);
  const final = finalLevel(scored.computedLevel, assessorLevel, input.rationale, scored.minimumLevel);
  if (!final.ok) throw new ValidationError(fieldErrors(final.errors));
  const nextReview = reviewDue(now, template);
  const id = await store.insertAssessment(tx, {
    personId,
    episodeId: input.episodeId && isUuid(input.episodeId) ? input.episodeId : null,
    templateId: template.id,
    templateVersion: template.version,
    answers: { ...fed.answers, disclosure: input.disclosure === true },
    score: scored.score,
    computedLevel: scored.computedLevel,
    finalLevel: final.finalLevel,
    rationale: final.rationale,
    overrides: scored.appliedOverrides,
    by: principal.userId,
    label: principal.label,
    at: now,
    nextReview,
  });
  await store.setCseFlag(tx, personId, final.finalLevel, nextReview);
  await appendAuditEvent(tx, {
    action: 'RISK_ASSESSMENT',
    subjectType: 'person',
    subjectId: personId,
    justification: final.rationale,
    details: {
      assessmentId: id,
      computed: scored.computedLevel,
      final: final.finalLevel,
      template: template.id,
      fedByRepeatMissing: fed.changed,
    },
  });
  return {
    id,
    computedLevel: scored.computedLevel,
    finalLevel: final.finalLevel,
    score: scored.score,
    nextReview,
    overrides: scored.appliedOverrides,
    sections: scored.sections,
  };
}

/** A child's assessments, latest first. */
export function assessmentsOf(tx: Tx, personId: string) {
  return store.assessmentsOf(tx, personId);
}

/** One assessment of a child, within scope. */
export function assessmentOf(tx: Tx, personId: string, assessmentId: string) {
  if (!isUuid(personId) || !isUuid(assessmentId)) return Promise.resolve(null);
  return store.assessmentOf(tx, personId, assessmentId);
}

/** One page of the children whose reassessment is due by a date, and how many are due in all. */
export async function reassessmentsDuePage(tx: Tx, by: Date, page: { limit: number; offset: number }) {
  const day = by.toISOString().slice(0, 10);
  const rows = await store.reassessmentsDue(tx, day, page);
  const total = await store.countReassessmentsDue(tx, day);
  return { rows, total };
}

export interface CseFlag {
  level: string;
  reviewDue: string | null;
}

/** The children's CSE flags (their current level and review date), for those of them the caller may see. */
export async function cseFlags(tx: Tx, personIds: readonly string[]): Promise<Map<string, CseFlag>> {
  const ids = personIds.filter(isUuid);
  if (!ids.length) return new Map();
  const rows = await store.cseFlags(tx, ids);
  return new Map(rows.map((r) => [r.id, { level: r.cse_risk_level, reviewDue: r.review_due }]));
}

export async function cseFlag(tx: Tx, personId: string): Promise<CseFlag | null> {
  return (await cseFlags(tx, [personId])).get(personId) ?? null;
}
