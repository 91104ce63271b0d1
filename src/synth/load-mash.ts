/**
 * The MASH's work on each loaded victim referral, as the app would have recorded it: the episode with its
 * clocks, triage, research requests and agency contributions, information sharing decisions, strategy
 * discussions for children at risk of significant harm, the decision (whose social care outcome is the
 * generator's ground truth) and CSE risk assessments for about half the decided children. Pure (no I/O).
 *
 * Referrals received before the open window are decided at the generator's `decidedAt`; those received in
 * the window (the last working days of the period) stay open, spread over triage, research and discussion,
 * so that the demo queue has work at every stage. A load without an open window decides every referral, so
 * the outcome figures are the briefing's exactly.
 */
import { socialCareOutcomeOf } from '../mash/decision-rules.ts';
import { decidedWithinStandard, decisionDeadline, isRag, slaDeadline } from '../mash/rag.ts';
import { finalLevel, reviewDue } from '../risk/final-level.ts';
import type { RiskLevel } from '../risk/levels.ts';
import { scoreAssessment } from '../risk/score-assessment.ts';
import type { IndicatorAnswer } from '../risk/template.ts';
import { SCORED_TEMPLATE_V1 } from '../risk/templates/scored-v1.ts';
import {
  addWorkingDays,
  ageOn,
  isWorkingDay,
  periodBoundsMs,
  periodEnding,
  utcMsToUkLocal,
} from './calendar.ts';
import type { ChunkIdentity, ChunkRows } from './load-plan.ts';
import { stableUuid } from './load-plan.ts';
import { type AreaCode, agencyByCode, areaByCode } from './partnership.ts';
import { createRng, type Rng } from './random.ts';
import type { Person, PopulationChunk, VictimReferral } from './types.ts';

/** Working days at the end of the period whose referrals the demo loader leaves open. */
export const DEMO_OPEN_WORKING_DAYS = 4;

/** Share of decided children given a CSE risk assessment. */
export const RISK_ASSESSED_SHARE = 0.5;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface MashWindow {
  /** The moment the loaded data stands at: the first instant after the period (UK local). */
  asOfMs: number;
  /** Referrals received at or after this stay open; equal to asOfMs when none do. */
  openFromMs: number;
  /** Open referrals received at or after this (the last two working days) are mostly still at triage. */
  triageFromMs: number;
}

/** Start of the `n`th working day back from the period's last day (the whole period when it has fewer). */
function workingDaysBack(period: ReturnType<typeof periodEnding>, n: number): number {
  let day = period.endDay;
  let counted = 0;
  for (;;) {
    if (isWorkingDay(day)) counted++;
    if (counted >= n || day <= period.startDay) break;
    day--;
  }
  return periodBoundsMs({ ...period, startDay: day }).fromMs;
}

/** The period end as "now", and the start of the open window `openWorkingDays` working days back from it. */
export function mashWindow(periodEnd: string, months: number, openWorkingDays: number): MashWindow {
  const period = periodEnding(periodEnd, months);
  const { toMs } = periodBoundsMs(period);
  if (openWorkingDays <= 0) return { asOfMs: toMs, openFromMs: toMs, triageFromMs: toMs };
  return {
    asOfMs: toMs,
    openFromMs: workingDaysBack(period, openWorkingDays),
    triageFromMs: workingDaysBack(period, Math.min(2, openWorkingDays)),
  };
}

export type MashStage = 'TRIAGE' | 'RESEARCH' | 'DISCUSSION' | 'CLOSED';

export interface EpisodeRow {
  id: string;
  referralId: string;
  personId: string;
  area: string;
  receivedAt: string;
  stage: MashStage;
  rag: string | null;
  ragDeadline: string | null;
  decisionDeadline: string;
  breachedAt: string | null;
  allocatedLabel: string | null;
  decidedAt: string | null;
  closedAt: string | null;
}

export interface RagChangeRow {
  id: string;
  episodeId: string;
  area: string;
  fromRag: string | null;
  toRag: string;
  rationale: string;
  changedByLabel: string;
  changedAt: string;
}

export interface ResearchRequestRow {
  id: string;
  episodeId: string;
  area: string;
  agencyId: string;
  requestedByLabel: string;
  requestedAt: string;
  status: 'REQUESTED' | 'CONTRIBUTED';
}

export interface ContributionRow {
  id: string;
  episodeId: string;
  area: string;
  agencyId: string;
  contributedByLabel: string;
  contributedAt: string;
  summary: string;
  relevantHistory: string | null;
  riskInformation: string | null;
  releasable: boolean;
  handlingCode: string | null;
}

export interface SharingDecisionRow {
  id: string;
  episodeId: string;
  area: string;
  decision: 'SHARE' | 'NOT_SHARE';
  decidedByLabel: string;
  agencyId: string;
  decidedAt: string;
  purpose: string;
  information: string;
  recipients: Array<{ agency: string | null; name: string | null }>;
  channel: string | null;
  legalBasis: string;
  consentSought: boolean;
  consentNotSoughtReason: string | null;
  necessityProportionality: string;
}

export interface StrategyDiscussionRow {
  id: string;
  episodeId: string;
  area: string;
  heldAt: string;
  attendees: Array<{ agencyId: string | null; name: string; role: string | null }>;
  decisions: string;
  recordedByLabel: string;
}

export interface StrategyActionRow {
  id: string;
  discussionId: string;
  episodeId: string;
  area: string;
  description: string;
  ownerAgencyId: string | null;
  ownerName: string;
  dueDate: string;
  completedAt: string | null;
  completedByLabel: string | null;
}

export interface DecisionRow {
  id: string;
  episodeId: string;
  referralId: string;
  area: string;
  decidedByLabel: string;
  decidedAt: string;
  contactOutcome: string;
  referralOutcome: string | null;
  socialCareOutcome: string;
  statutoryMeasures: string[];
  cinFactors: string[];
  nfaReason: string | null;
  rationale: string;
  feedbackToReferrer: string;
  withinStandard: boolean;
}

export interface RiskAssessmentRow {
  id: string;
  personId: string;
  episodeId: string;
  answers: Record<string, unknown>;
  score: number | null;
  computedLevel: RiskLevel;
  finalLevel: RiskLevel;
  rationale: string | null;
  overrides: unknown[];
  assessedByLabel: string;
  assessedAt: string;
  nextReviewDate: string;
}

export interface MashRows {
  episodes: EpisodeRow[];
  ragChanges: RagChangeRow[];
  researchRequests: ResearchRequestRow[];
  contributions: ContributionRow[];
  sharingDecisions: SharingDecisionRow[];
  discussions: StrategyDiscussionRow[];
  actions: StrategyActionRow[];
  decisions: DecisionRow[];
  riskAssessments: RiskAssessmentRow[];
  /** The child's CSE flag from their latest assessment. */
  personRisk: Array<{ personId: string; level: string; reviewDue: string }>;
}

const COUNCIL_OF: Record<AreaCode, string> = {
  LANCASHIRE: 'LCC-CSC',
  BLACKBURN_WITH_DARWEN: 'BWD-CSC',
  BLACKPOOL: 'BPL-CSC',
};
const HOSPITAL_OF: Record<AreaCode, string> = {
  LANCASHIRE: 'NHS-LTH',
  BLACKBURN_WITH_DARWEN: 'NHS-ELH',
  BLACKPOOL: 'NHS-BTH',
};

const RAG_RATIONALE: Record<string, string> = {
  RED: 'Rated Red at triage: an immediate safeguarding concern, to be worked to completion today.',
  AMBER: 'Rated Amber at triage: significant concerns; partner agency checks needed within 24 working hours.',
  GREEN: 'Rated Green at triage: concerns to be checked with partner agencies within 72 working hours.',
  BLUE: 'Rated Blue at triage: information only; no further MASH checks expected.',
};

const POLICE_SUMMARIES = [
  'No police information held about the child beyond this referral.',
  'Child recorded as a missing person in the last year; returned safe on each occasion.',
  'Intelligence held on an adult associated with the child; shared under its handling code.',
  'Child named as a witness in an earlier investigation; no offences recorded against the child.',
  'Police attended the home address once in the last year; no crime recorded.',
];
const HEALTH_SUMMARIES = [
  'Registered with a GP; no safeguarding concerns recorded.',
  'Attended the emergency department once in the last year; discharged home.',
  'School nursing contact this year about emotional wellbeing.',
  'No recent health contact; immunisations up to date.',
];
const COUNCIL_SUMMARIES = [
  'Not previously known to children’s social care.',
  'Previously known to children’s social care; case closed after an assessment.',
  'The family received early help support last year.',
  'Sibling known to children’s social care; no current involvement with this child.',
];

const NFA_REASONS = [
  'Concerns addressed by the referrer with the family; no role for social care.',
  'Checks found no information to support the concern.',
  'Parents are acting protectively and the child is engaging with school support.',
];

const STRATEGY_ACTIONS: ReadonlyArray<{ description: string; owner: 'POLICE' | 'COUNCIL' | 'HEALTH' }> = [
  { description: 'Joint visit to the child and family by police and social care', owner: 'COUNCIL' },
  { description: 'Speak to the school’s designated safeguarding lead about attendance', owner: 'COUNCIL' },
  { description: 'Offer a health check and sexual health advice through school nursing', owner: 'HEALTH' },
  { description: 'Research the adults named in the referral and share the outcome', owner: 'POLICE' },
  { description: 'Agree a disruption plan for the places of concern', owner: 'POLICE' },
];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `f` of the way from a to b (0 ≤ f ≤ 1), on the minute. */
function between(a: number, b: number, f: number): number {
  return a + Math.floor(((b - a) * f) / MINUTE) * MINUTE;
}

const MEASURES_OF: Record<VictimReferral['outcome'], string[]> = {
  NO_OUTCOME_REQUIRED: [],
  S17: ['S17'],
  S47: ['S47'],
  S20: ['S20'],
  S31: ['S31'],
};

function contactOutcomeFor(rng: Rng, outcome: VictimReferral['outcome']) {
  switch (outcome) {
    case 'S47':
    case 'S31':
      return { contact: 'REFERRAL_TO_CSC', referral: 'STRATEGY_S47' };
    case 'S17':
    case 'S20':
      return { contact: 'REFERRAL_TO_CSC', referral: 'ASSESSMENT_S17' };
    default:
      return {
        contact: rng.weighted<string>([
          ['NO_FURTHER_ACTION', 40],
          ['INFORMATION_AND_ADVICE', 35],
          ['EARLY_HELP', 25],
        ]),
        referral: null,
      };
  }
}

const FEEDBACK: Record<VictimReferral['outcome'], string> = {
  NO_OUTCOME_REQUIRED: 'The MASH has considered your referral; no social care outcome is required.',
  S17: 'The MASH has decided that the child will be assessed as a child in need (section 17).',
  S47: 'The MASH held a strategy discussion; a section 47 enquiry will be made.',
  S20: 'The MASH has decided that the child will be accommodated (section 20).',
  S31: 'The MASH has decided to seek a care or supervision order (section 31).',
};

const RATIONALE: Record<VictimReferral['outcome'], string> = {
  NO_OUTCOME_REQUIRED:
    'Agency checks do not indicate that the child is in need or at risk of significant harm.',
  S17: 'Agency checks indicate the child is in need of support; the threshold for a section 47 enquiry is not met.',
  S47: 'There is reasonable cause to suspect the child is suffering, or likely to suffer, significant harm.',
  S20: 'The child cannot remain at home safely; the parents agree to the child being accommodated.',
  S31: 'The child is at risk of significant harm and the parents cannot protect them; legal advice sought.',
};

export interface PlanMashOptions {
  window: MashWindow;
}

/** The registry persons of each true identity, in the order intake created them. */
export function personsByTrueId(rows: ChunkRows): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of rows.sourceRecords) {
    const list = out.get(s.trueId) ?? [];
    if (!list.includes(s.personId)) list.push(s.personId);
    out.set(s.trueId, list);
  }
  return out;
}

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

export function planMash(
  chunk: PopulationChunk,
  identity: ChunkIdentity,
  rows: ChunkRows,
  agencyIds: ReadonlyMap<string, string>,
  options: PlanMashOptions & { repeatMissingTrueIds?: ReadonlySet<string> },
): MashRows {
  const { asOfMs, openFromMs } = options.window;
  const uuid = (kind: string, id: string) => stableUuid(rows.chunkKey, kind, id);
  const agencyId = (code: string) => {
    const id = agencyIds.get(code);
    if (!id) throw new Error(`agency ${code} is not in the database: load the demo partnership first`);
    return id;
  };
  const generated = new Map(chunk.victimReferrals.map((v) => [v.reference, v] as const));
  const people = new Map(chunk.people.map((p) => [p.trueId, p] as const));
  const out: MashRows = {
    episodes: [],
    ragChanges: [],
    researchRequests: [],
    contributions: [],
    sharingDecisions: [],
    discussions: [],
    actions: [],
    decisions: [],
    riskAssessments: [],
    personRisk: [],
  };
  // The latest assessment of each person, for their CSE flag.
  const latestRisk = new Map<string, { at: string; level: string; reviewDue: string }>();

  for (const row of rows.victimReferrals) {
    const v = generated.get(row.reference);
    if (!v) throw new Error(`no generated referral ${row.reference}`);
    const rng = createRng(identity.seed, 'load-mash', row.reference);
    const area = v.area;
    const areaName = areaByCode(area).name;
    const manager = `MASH manager, ${areaName} MASH`;
    const socialWorker = `MASH social worker, ${areaName} MASH`;
    const council = COUNCIL_OF[area];
    const episodeId = uuid('mash_episode', row.reference);
    const receivedMs = Date.parse(v.receivedAt);
    const decidedMs = Date.parse(v.decidedAt);
    const received = new Date(receivedMs);
    // Only referrals that will need no social care outcome stay open, so that the briefing's statutory
    // outcomes (s47, s17, s20, s31) stay exact on the demo data; the open window is kept short for the rest.
    const open = receivedMs >= openFromMs && v.outcome === 'NO_OUTCOME_REQUIRED';
    if (!isRag(v.ragRating)) throw new Error(`unexpected RAG ${v.ragRating}`);
    const ragDeadline = slaDeadline(received, v.ragRating);

    // Open work: how far along the MASH has got by the end of the period.
    let stage: MashStage = 'CLOSED';
    let endMs = decidedMs;
    if (open) {
      endMs = asOfMs;
      const lastTwoDays = receivedMs >= options.window.triageFromMs;
      stage = lastTwoDays && rng.chance(0.7) ? 'TRIAGE' : rng.chance(0.35) ? 'DISCUSSION' : 'RESEARCH';
    }
    const triagedMs =
      stage === 'TRIAGE' ? null : Math.min(between(receivedMs, endMs, 0.1), receivedMs + 2 * HOUR);
    const deadlineMs = ragDeadline?.getTime() ?? null;
    const breached =
      stage !== 'TRIAGE' && deadlineMs !== null && (open ? deadlineMs < asOfMs : decidedMs > deadlineMs);

    out.episodes.push({
      id: episodeId,
      referralId: row.id,
      personId: row.personId,
      area,
      receivedAt: v.receivedAt,
      stage,
      rag: stage === 'TRIAGE' ? null : v.ragRating,
      ragDeadline: stage === 'TRIAGE' || !ragDeadline ? null : ragDeadline.toISOString(),
      decisionDeadline: decisionDeadline(received).toISOString(),
      breachedAt: breached ? iso(deadlineMs!) : null,
      allocatedLabel: stage === 'TRIAGE' ? null : socialWorker,
      decidedAt: open ? null : v.decidedAt,
      closedAt: open ? null : v.decidedAt,
    });
    if (triagedMs === null) continue;

    out.ragChanges.push({
      id: uuid('rag_change', row.reference),
      episodeId,
      area,
      fromRag: null,
      toRag: v.ragRating,
      rationale: RAG_RATIONALE[v.ragRating]!,
      changedByLabel: manager,
      changedAt: iso(triagedMs),
    });

    // Research: police and the council always, health most of the time.
    const child = people.get(v.childTrueId);
    const agencies: Array<{ code: string; kind: 'POLICE' | 'HEALTH' | 'COUNCIL' }> = [
      { code: 'POL', kind: 'POLICE' },
      ...(rng.chance(0.75)
        ? [{ code: child?.camhsContact ? 'NHS-LSC' : HOSPITAL_OF[area], kind: 'HEALTH' as const }]
        : []),
      { code: council, kind: 'COUNCIL' },
    ];
    const requestedMs = Math.max(triagedMs, between(receivedMs, endMs, 0.15));
    // An open episode has some answers in; a decided one has them all.
    const answered = open
      ? rng.int(stage === 'DISCUSSION' ? agencies.length - 1 : 0, agencies.length - 1)
      : agencies.length;
    agencies.forEach((agency, i) => {
      const contributed = i < answered;
      out.researchRequests.push({
        id: uuid('research_request', `${row.reference}|${agency.code}`),
        episodeId,
        area,
        agencyId: agencyId(agency.code),
        requestedByLabel: manager,
        requestedAt: iso(requestedMs),
        status: contributed ? 'CONTRIBUTED' : 'REQUESTED',
      });
      if (!contributed) return;
      const name = agencyByCode(agency.code).name;
      const summary =
        agency.kind === 'POLICE'
          ? rng.pick(POLICE_SUMMARIES)
          : agency.kind === 'HEALTH'
            ? child?.camhsContact
              ? 'Known to CAMHS; currently open to the service.'
              : rng.pick(HEALTH_SUMMARIES)
            : child?.lookedAfter
              ? 'Looked after by the council; placement details held by the child’s social worker.'
              : rng.pick(COUNCIL_SUMMARIES);
      out.contributions.push({
        id: uuid('contribution', `${row.reference}|${agency.code}`),
        episodeId,
        area,
        agencyId: agencyId(agency.code),
        contributedByLabel:
          agency.kind === 'POLICE'
            ? `Police MASH Desk, ${areaName}`
            : agency.kind === 'HEALTH'
              ? `Safeguarding Children Team, ${name}`
              : `${areaName} MASH`,
        contributedAt: iso(between(requestedMs, endMs, 0.3 + 0.15 * i + rng.next() * 0.1)),
        summary,
        relevantHistory:
          row.priorReferralsEver > 0
            ? `Referred to the MASH ${row.priorReferralsEver} time${row.priorReferralsEver === 1 ? '' : 's'} before.`
            : null,
        riskInformation:
          v.outcome !== 'NO_OUTCOME_REQUIRED' && rng.chance(0.5)
            ? 'See the referral concerns; no further risks identified by this agency.'
            : null,
        releasable: rng.chance(agency.kind === 'POLICE' ? 0.5 : agency.kind === 'HEALTH' ? 0.7 : 0.85),
        handlingCode:
          agency.kind === 'POLICE'
            ? rng.weighted<string>([
                ['1', 15],
                ['2', 35],
                ['3', 25],
                ['4', 15],
                ['5', 10],
              ])
            : null,
      });
    });

    // Information sharing: some decided cases share with the school, a few decline a request.
    if (!open) {
      const sharingMs = between(receivedMs, decidedMs, 0.85);
      if (rng.chance(0.35)) {
        const s47 = v.outcome !== 'NO_OUTCOME_REQUIRED' && v.outcome !== 'S17';
        const consent = rng.chance(0.6);
        out.sharingDecisions.push({
          id: uuid('sharing_decision', `${row.reference}|share`),
          episodeId,
          area,
          decision: 'SHARE',
          decidedByLabel: manager,
          agencyId: agencyId(council),
          decidedAt: iso(sharingMs),
          purpose: 'To help the school support the child’s safety plan.',
          information: 'The MASH outcome and the actions agreed for the child.',
          recipients: [{ agency: 'School (designated safeguarding lead)', name: null }],
          channel: 'SECURE_EMAIL',
          legalBasis: s47 ? 'CA1989_S47' : 'CA2004_S11',
          consentSought: consent,
          consentNotSoughtReason: consent ? null : 'Seeking consent could increase the risk to the child.',
          necessityProportionality: 'Only what the school needs to support the plan is shared.',
        });
      } else if (rng.chance(0.08)) {
        out.sharingDecisions.push({
          id: uuid('sharing_decision', `${row.reference}|not-share`),
          episodeId,
          area,
          decision: 'NOT_SHARE',
          decidedByLabel: manager,
          agencyId: agencyId(council),
          decidedAt: iso(sharingMs),
          purpose: 'A request from the child’s sports club for background information.',
          information: 'Details of the referral and agency checks.',
          recipients: [],
          channel: null,
          legalBasis: 'UKGDPR_DPA2018_SCH1_P18',
          consentSought: true,
          consentNotSoughtReason: null,
          necessityProportionality: 'Not necessary: the club has no part in the child’s safety plan.',
        });
      }
    }

    // Strategy discussion for children at risk of significant harm.
    const statutory = v.outcome === 'S47' || v.outcome === 'S20' || v.outcome === 'S31';
    if ((statutory && stage === 'CLOSED') || stage === 'DISCUSSION') {
      const heldMs = between(receivedMs, endMs, open ? 0.7 : 0.9);
      const discussionId = uuid('strategy_discussion', row.reference);
      out.discussions.push({
        id: discussionId,
        episodeId,
        area,
        heldAt: iso(heldMs),
        attendees: [
          { agencyId: agencyId(council), name: manager, role: 'Chair' },
          {
            agencyId: agencyId('POL'),
            name: `Detective sergeant, Police MASH Desk, ${areaName}`,
            role: 'Police',
          },
          { agencyId: agencyId(HOSPITAL_OF[area]), name: 'Named nurse for safeguarding', role: 'Health' },
        ],
        decisions:
          'Threshold for a section 47 enquiry met. Joint visit to the child and family; safety plan to be agreed with the child and carers.',
        recordedByLabel: manager,
      });
      const actions = rng.shuffle([...STRATEGY_ACTIONS]).slice(0, rng.int(2, 3));
      actions.forEach((action, i) => {
        const owner =
          action.owner === 'POLICE' ? 'POL' : action.owner === 'HEALTH' ? HOSPITAL_OF[area] : council;
        const dueDay = addWorkingDays(utcMsToUkLocal(heldMs).day, rng.int(2, 10));
        const dueDate = new Date(dueDay * 86_400_000).toISOString().slice(0, 10);
        const doneMs = heldMs + rng.int(1, 8) * 24 * HOUR;
        const completed = doneMs < asOfMs && rng.chance(0.85);
        out.actions.push({
          id: uuid('strategy_action', `${row.reference}|${i}`),
          discussionId,
          episodeId,
          area,
          description: action.description,
          ownerAgencyId: agencyId(owner),
          ownerName:
            action.owner === 'POLICE'
              ? `Police MASH Desk, ${areaName}`
              : action.owner === 'HEALTH'
                ? 'Named nurse for safeguarding'
                : socialWorker,
          dueDate,
          completedAt: completed ? iso(doneMs) : null,
          completedByLabel: completed ? socialWorker : null,
        });
      });
    }

    if (open) continue;

    // The decision: the generator's outcome, through the statutory measures the app derives it from.
    const measures = MEASURES_OF[v.outcome];
    const socialCareOutcome = socialCareOutcomeOf(measures);
    if (socialCareOutcome !== v.outcome) throw new Error(`measures ${measures} do not give ${v.outcome}`);
    const contact = contactOutcomeFor(rng, v.outcome);
    out.decisions.push({
      id: uuid('mash_decision', row.reference),
      episodeId,
      referralId: row.id,
      area,
      decidedByLabel: manager,
      decidedAt: v.decidedAt,
      contactOutcome: contact.contact,
      referralOutcome: contact.referral,
      socialCareOutcome,
      statutoryMeasures: measures,
      cinFactors: [...v.assessmentFactors],
      nfaReason: contact.contact === 'NO_FURTHER_ACTION' ? rng.pick(NFA_REASONS) : null,
      rationale: RATIONALE[v.outcome],
      feedbackToReferrer: FEEDBACK[v.outcome],
      withinStandard: decidedWithinStandard(received, new Date(decidedMs)),
    });

    // A CSE risk assessment for about half the decided children, at the decision.
    if (child && rng.chance(RISK_ASSESSED_SHARE)) {
      const assessedAt = new Date(decidedMs);
      const disclosure = (v.indicators as readonly string[]).includes('DISCLOSURE');
      const indicators = riskAnswers(
        rng,
        child,
        v,
        options.repeatMissingTrueIds?.has(v.childTrueId) ?? false,
      );
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
      if (!final.ok) throw new Error(`risk assessment for ${row.reference} was refused`);
      const nextReview = reviewDue(assessedAt, SCORED_TEMPLATE_V1);
      out.riskAssessments.push({
        id: uuid('risk_assessment', row.reference),
        personId: row.personId,
        episodeId,
        answers: { indicators, disclosure },
        score: scored.score,
        computedLevel: scored.computedLevel,
        finalLevel: final.finalLevel,
        rationale: final.rationale,
        overrides: scored.appliedOverrides,
        assessedByLabel: socialWorker,
        assessedAt: v.decidedAt,
        nextReviewDate: nextReview,
      });
      const latest = latestRisk.get(row.personId);
      if (!latest || latest.at < v.decidedAt)
        latestRisk.set(row.personId, { at: v.decidedAt, level: final.finalLevel, reviewDue: nextReview });
    }
  }
  for (const [personId, r] of latestRisk)
    out.personRisk.push({ personId, level: r.level, reviewDue: r.reviewDue });
  return out;
}
