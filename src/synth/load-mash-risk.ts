/**
 * The CSE risk assessment the MASH records for about half the decided children: answers to the scored tool
 * drawn from what is known of the child and how serious the case was, scored and levelled by the risk
 * module's own rules (now and then raised one level by the assessor's judgement). Pure (no I/O).
 */
import { finalLevel, reviewDue } from '../risk/final-level.ts';
import type { RiskLevel } from '../risk/levels.ts';
import { scoreAssessment } from '../risk/score-assessment.ts';
import type { IndicatorAnswer } from '../risk/template.ts';
import { SCORED_TEMPLATE_V1 } from '../risk/templates/scored-v1.ts';
import { ageOn, utcMsToUkLocal } from './calendar.ts';
import type { RiskAssessmentRow } from './load-mash-rows.ts';
import type { Rng } from './random.ts';
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
