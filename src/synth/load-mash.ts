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
import { researchDueAt } from '../mash/research-rules.ts';
import { addWorkingDays, utcMsToUkLocal } from './calendar.ts';
import { assessRisk, riskOverTime } from './load-mash-risk.ts';
import type { MashRows, MashStage } from './load-mash-rows.ts';
import {
  COUNCIL_OF,
  COUNCIL_SUMMARIES,
  contactOutcomeFor,
  FEEDBACK,
  HEALTH_SUMMARIES,
  HOSPITAL_OF,
  MEASURES_OF,
  NFA_REASONS,
  POLICE_SUMMARIES,
  RAG_RATIONALE,
  RATIONALE,
  STRATEGY_ACTIONS,
} from './load-mash-text.ts';
import { ACTION_LAPSE_SHARE, actionLapseFromDay, type MashWindow } from './load-mash-window.ts';
import type { ChunkIdentity } from './load-plan.ts';
import { stableUuid } from './load-plan.ts';
import type { ChunkRows } from './load-plan-rows.ts';
import { agencyByCode, areaByCode } from './partnership.ts';
import { createRng } from './random.ts';
import type { PopulationChunk } from './types.ts';

export type {
  ContributionRow,
  DecisionRow,
  EpisodeRow,
  MashRows,
  MashStage,
  RagChangeRow,
  ResearchRequestRow,
  RiskAssessmentRow,
  SharingDecisionRow,
  StrategyActionRow,
  StrategyDiscussionRow,
} from './load-mash-rows.ts';
export { DEMO_OPEN_WORKING_DAYS, type MashWindow, mashWindow } from './load-mash-window.ts';

/** Share of decided children given a CSE risk assessment. */
export const RISK_ASSESSED_SHARE = 0.5;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `f` of the way from a to b (0 ≤ f ≤ 1), on the minute. */
function between(a: number, b: number, f: number): number {
  return a + Math.floor(((b - a) * f) / MINUTE) * MINUTE;
}

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
  const lapseFromDay = actionLapseFromDay(asOfMs);

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
        dueAt: researchDueAt(new Date(requestedMs), stage === 'TRIAGE' ? null : v.ragRating).toISOString(),
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
        section47: true,
      });
      const actions = rng.shuffle([...STRATEGY_ACTIONS]).slice(0, rng.int(2, 3));
      actions.forEach((action, i) => {
        const owner =
          action.owner === 'POLICE' ? 'POL' : action.owner === 'HEALTH' ? HOSPITAL_OF[area] : council;
        const dueDay = addWorkingDays(utcMsToUkLocal(heldMs).day, rng.int(2, 10));
        const dueDate = new Date(dueDay * 86_400_000).toISOString().slice(0, 10);
        const doneMs = heldMs + rng.int(1, 8) * 24 * HOUR;
        // The draw is kept so that everything drawn after it stays put; whether a recent action lapsed is
        // drawn from a stream of its own. Partnerships complete their actions: only a few of those due in
        // the last two working weeks are still outstanding.
        if (doneMs < asOfMs) rng.chance(0.85);
        const lapsed =
          dueDay >= lapseFromDay &&
          createRng(identity.seed, 'load-mash-action', `${row.reference}|${i}`).chance(ACTION_LAPSE_SHARE);
        const completed = doneMs < asOfMs && !lapsed;
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
      const assessment = assessRisk(rng, child, v, {
        id: uuid('risk_assessment', row.reference),
        personId: row.personId,
        episodeId,
        assessedByLabel: socialWorker,
        repeatMissing: options.repeatMissingTrueIds?.has(v.childTrueId) ?? false,
      });
      out.riskAssessments.push(assessment);
    }
  }
  // Reassessed at each review since, with the CSE flag from the latest.
  const risk = riskOverTime(out.riskAssessments, {
    seed: identity.seed,
    asOfMs,
    idOf: (key) => uuid('risk_assessment', key),
  });
  out.riskAssessments = risk.assessments;
  out.personRisk = risk.personRisk;
  return out;
}
