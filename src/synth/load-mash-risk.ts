/**
 * The CSE risk assessment the MASH records for about half the decided children: answers to the scored tool
 * drawn from what is known of the child and how serious the case was, scored and levelled by the risk
 * module's own rules (now and then raised one level by the assessor's judgement). Pure (no I/O).
 */

import type { CseRiskBulkRow } from '../people/bulk-store.ts';
import { finalLevel, reviewDue } from '../risk/final-level.ts';
import type { RiskLevel } from '../risk/levels.ts';
import { scoreAssessment } from '../risk/score-assessment.ts';
import type { IndicatorAnswer } from '../risk/template.ts';
import { SCORED_TEMPLATE_V1 } from '../risk/templates/scored-v1.ts';
import { ageOn, dayNumber, isWorkingDay, ukLocalToUtcMs, utcMsToUkLocal } from './calendar.ts';
import type { RiskAssessmentRow } from './load-mash-rows.ts';
import { createRng, type Rng } from './random.ts';
import type { Person, VictimReferral } from './types.ts';

/** Answers to the scored CSE tool drawn from what is known of the child and how serious the case was. */
function riskAnswers(
  rng: Rng,
  child: Person,
  referral: VictimReferral,
  repeatMissing: boolean,
): Record<string, IndicatorAnswer> {
  const serious = referral.outcome !== 'NO_OUTCOME_REQUIRED';
  const recent = (p: number): IndicatorAnswer =>
    rng.chance(p)
      ? rng.weighted<IndicatorAnswer>([
          ['WITHIN_6_MONTHS', 70],
          ['WITHIN_6_MONTHS_AND_6_TO_12_MONTHS_AGO', 20],
          ['ONLY_6_TO_12_MONTHS_AGO', 10],
        ])
      : 'NOT_PRESENT';
  const present = (yes: boolean): IndicatorAnswer => (yes ? 'PRESENT' : 'NOT_PRESENT');
  const has = (indicator: string) => (referral.indicators as readonly string[]).includes(indicator);
  const moderate = serious ? 0.45 : 0.2;
  const significant = serious ? 0.3 : 0.06;
  return {
    'v-care': present(child.lookedAfter || child.livingSituation !== 'FAMILY_HOME'),
    'v-unstable-home': present(child.addresses.length > 1 || rng.chance(0.1)),
    'v-home-harm': present(rng.chance(serious ? 0.35 : 0.15)),
    'v-earlier-abuse': present(rng.chance(serious ? 0.3 : 0.1)),
    'v-education': present(rng.chance(0.3)),
    'v-mental-health': present(child.camhsContact || has('SELF_HARM')),
    'v-isolation': present(rng.chance(0.25)),
    'v-exploited-peers': present(rng.chance(serious ? 0.3 : 0.1)),
    'm-repeat-missing': repeatMissing ? 'WITHIN_6_MONTHS' : 'NOT_PRESENT',
    'm-out-late': recent(moderate + 0.15),
    'm-unexplained-items': has('UNEXPLAINED_GIFTS') ? 'WITHIN_6_MONTHS' : recent(moderate),
    'm-older-associates': recent(moderate),
    'm-online-contact': recent(moderate),
    'm-substances': recent(moderate * 0.8),
    'm-sexual-health': recent(moderate * 0.4),
    'm-changed-behaviour': recent(moderate),
    's-collected': recent(significant),
    's-places': recent(significant),
    's-older-partner': recent(significant * 0.8),
    's-images': recent(significant * 0.6),
    's-coercion': recent(has('DISCLOSURE') ? 0.5 : significant * 0.5),
    's-recruiting': recent(significant * 0.3),
    's-moved': recent(significant * 0.5),
  };
}

/** The assessment at the referral's decision, on the scored template. */
export function assessRisk(
  rng: Rng,
  child: Person,
  v: VictimReferral,
  who: { id: string; personId: string; episodeId: string; assessedByLabel: string; repeatMissing: boolean },
): RiskAssessmentRow {
  const decidedMs = Date.parse(v.decidedAt);
  const assessedAt = new Date(decidedMs);
  const disclosure = (v.indicators as readonly string[]).includes('DISCLOSURE');
  const indicators = riskAnswers(rng, child, v, who.repeatMissing);
  const scored = scoreAssessment(
    SCORED_TEMPLATE_V1,
    { indicators },
    {
      ageYears: ageOn(child.dob, utcMsToUkLocal(decidedMs).day),
      learningDisability: child.learningDisability || child.specialEducationalNeeds,
      cseConcerns: true,
      disclosure,
    },
  );
  // Now and then the assessor judges the risk one level higher than the tool.
  const raise = scored.computedLevel !== 'HIGH' && rng.chance(0.1);
  const order: RiskLevel[] = ['NOT_AT_RISK', 'LOW', 'MEDIUM', 'HIGH'];
  const assessor = raise ? order[order.indexOf(scored.computedLevel) + 1]! : null;
  const final = finalLevel(
    scored.computedLevel,
    assessor,
    raise ? 'Professional judgement: the concerns from partner agencies point to a higher risk.' : null,
    scored.minimumLevel,
  );
  if (!final.ok) throw new Error(`risk assessment for ${v.reference} was refused`);
  return {
    id: who.id,
    personId: who.personId,
    episodeId: who.episodeId,
    answers: { indicators, disclosure },
    score: scored.score,
    computedLevel: scored.computedLevel,
    finalLevel: final.finalLevel,
    rationale: final.rationale,
    overrides: scored.appliedOverrides,
    assessedByLabel: who.assessedByLabel,
    assessedAt: v.decidedAt,
    nextReviewDate: reviewDue(assessedAt, SCORED_TEMPLATE_V1),
  };
}

/** Share of children whose review fell in the last three weeks and who have not yet been reassessed. */
export const REVIEW_LAPSE_SHARE = 0.2;
/** Days before the end within which a review may have lapsed: the overdue list holds only recent ones. */
const LAPSE_WINDOW_DAYS = 21;
/** Share of reassessments at which the assessor finds the risk has reduced by a level. */
const REDUCED_SHARE = 0.2;
const ORDER: RiskLevel[] = ['NOT_AT_RISK', 'LOW', 'MEDIUM', 'HIGH'];

/**
 * Each child's assessments over time: the assessment at each decision, then a reassessment at every review
 * date (the same answers; the same level, or now and then one lower as the risk reduces) until the next
 * review falls after the end or a later decision assesses the child afresh. A few reviews that fell in the
 * last three weeks have lapsed, so the reassessment list holds a plausible handful. The randomness is drawn
 * from a stream of its own keyed by the assessment, so nothing else the loader draws moves. Also gives the
 * child's CSE flag from their latest assessment.
 */
export function riskOverTime(
  initial: readonly RiskAssessmentRow[],
  options: { seed: number; asOfMs: number; idOf: (key: string) => string },
): { assessments: RiskAssessmentRow[]; personRisk: CseRiskBulkRow[] } {
  const byPerson = new Map<string, RiskAssessmentRow[]>();
  for (const a of initial) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  const assessments: RiskAssessmentRow[] = [...initial];
  const personRisk: CseRiskBulkRow[] = [];
  const lapseFromMs = options.asOfMs - LAPSE_WINDOW_DAYS * 86_400_000;
  for (const [personId, own] of byPerson) {
    own.sort((a, b) => a.assessedAt.localeCompare(b.assessedAt));
    let latest = own[own.length - 1]!;
    own.forEach((first, i) => {
      const limitMs = i + 1 < own.length ? Date.parse(own[i + 1]!.assessedAt) : options.asOfMs;
      const rng = createRng(options.seed, 'load-mash-review', first.id);
      let prev = first;
      for (let n = 1; ; n++) {
        // On the review date, or the working day before it when it falls on a weekend or bank holiday.
        let day = dayNumber(prev.nextReviewDate);
        while (!isWorkingDay(day)) day--;
        const reviewMs = ukLocalToUtcMs(day, 9 * 60 + rng.int(0, 7 * 60));
        if (reviewMs >= limitMs) break;
        if (limitMs === options.asOfMs && reviewMs >= lapseFromMs && rng.chance(REVIEW_LAPSE_SHARE)) break;
        const next = reassess(rng, prev, reviewMs, options.idOf(`${first.id}|review|${n}`));
        assessments.push(next);
        prev = next;
      }
      if (i === own.length - 1) latest = prev;
    });
    personRisk.push({ personId, level: latest.finalLevel, reviewDue: latest.nextReviewDate });
  }
  return { assessments, personRisk };
}

function reassess(rng: Rng, prev: RiskAssessmentRow, atMs: number, id: string): RiskAssessmentRow {
  const rank = ORDER.indexOf(prev.finalLevel);
  // Lower only where no override rule sets a minimum level, through the risk module's own rule.
  const lower = rank > 0 && prev.overrides.length === 0 && rng.chance(REDUCED_SHARE);
  const assessor = lower ? ORDER[rank - 1]! : prev.finalLevel;
  let final = finalLevel(
    prev.computedLevel,
    assessor,
    assessor === prev.computedLevel
      ? null
      : lower
        ? 'Reviewed: the child is engaging with the safety plan and the risk has reduced since the last assessment.'
        : prev.rationale,
  );
  if (!final.ok) final = finalLevel(prev.computedLevel, prev.finalLevel, prev.rationale);
  if (!final.ok) throw new Error(`reassessment ${id} was refused`);
  const at = new Date(atMs);
  return {
    ...prev,
    id,
    finalLevel: final.finalLevel,
    rationale: final.rationale,
    assessedAt: at.toISOString(),
    nextReviewDate: reviewDue(at, SCORED_TEMPLATE_V1),
  };
}
