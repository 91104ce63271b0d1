/**
 * MASH pages: the hub's queue against the clock, each episode from triage to decision (RAG with its history,
 * research and contributions as their owners marked them, sharing decisions, strategy discussions and the
 * decision with feedback), CSE risk assessments and the child's flag, reassessments due, and the managers'
 * dashboard. Each form posts to its own route; the service validates, writes and audits, and a page never
 * writes a second event for the same action. A failed form shows the page again with its errors (400).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUuid, openPerson } from '../people/service.ts';
import type { Permission } from '../platform/access/permissions.ts';
import type { Principal } from '../platform/access/principal.ts';
import { CIN_ASSESSMENT_FACTORS, SOCIAL_CARE_OUTCOMES, URGENCIES } from '../platform/codes/referral.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../platform/http/errors.ts';
import { workingMinutesBetween } from '../platform/time/working-time.ts';
import { todayIso } from '../risk/cse-flag-view.ts';
import { answersAllowedFor, type RiskTemplate } from '../risk/template.ts';
import { RISK_TEMPLATES, riskTemplate } from '../risk/templates/index.ts';
import {
  CONTACT_OUTCOMES,
  HANDLING_CODES,
  LEGAL_BASES,
  REFERRAL_OUTCOMES,
  SHARING_CHANNELS,
  STATUTORY_MEASURES,
} from './codes.ts';
import {
  ANSWER_LABELS,
  type AssessmentValues,
  assessmentErrors,
  assessmentFrom,
  blankAssessment,
  blankSharing,
  blankStrategy,
  childName,
  contributionFrom,
  DOMAIN_RATING_ITEMS,
  decisionFrom,
  durationText,
  type EpisodeForm,
  episodeErrors,
  formText,
  items,
  labelIn,
  levelTag,
  RAG_LABELS,
  RISK_LEVEL_ITEMS,
  RISK_LEVEL_LABELS,
  ragFrom,
  ragTag,
  researchFrom,
  type StrategyValues,
  sharingFrom,
  strategyFrom,
  timeLeftText,
  ukDate,
  ukDateTime,
} from './form.ts';
import { decisionDeadline, RAG_RATINGS } from './rag.ts';
import * as service from './service.ts';

type PageAccess = { config: { access: { permission: Permission; audit: string; surface: 'page' } } };

function page(permission: Permission, audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

/** The audit actions: the services write the ones marked so; the pages write the rest. */
const AUDIT = {
  QUEUE_VIEW: 'MASH_QUEUE_VIEW', // service.queueView
  EPISODE_VIEW: 'MASH_EPISODE_VIEW', // service.viewEpisode
  RAG_CHANGE: 'MASH_RAG_CHANGE', // service.setRag
  RESEARCH_REQUEST: 'MASH_RESEARCH_REQUEST', // service.requestResearch
  CONTRIBUTION: 'MASH_CONTRIBUTION', // service.contribute
  SHARING_DECISION: 'SHARING_DECISION', // service.recordSharingDecision
  STRATEGY_DISCUSSION: 'MASH_STRATEGY_DISCUSSION', // service.recordStrategyDiscussion
  ACTION_COMPLETE: 'MASH_ACTION_COMPLETE', // service.completeAction
  DECISION: 'MASH_DECISION', // service.decide
  RISK_ASSESSMENT: 'RISK_ASSESSMENT', // service.assessRisk
  RISK_ASSESSMENT_VIEW: 'RISK_ASSESSMENT_VIEW', // pages
  REASSESSMENTS_VIEW: 'MASH_REASSESSMENTS_VIEW', // page
  DASHBOARD_VIEW: 'MASH_DASHBOARD_VIEW', // page
} as const;

const NOTICES: Record<string, string> = {
  'rag-set': 'RAG rating saved',
  'research-requested': 'Research requested',
  contributed: 'Your agency’s research has been recorded',
  'sharing-recorded': 'Information sharing decision recorded',
  'strategy-recorded': 'Strategy discussion recorded',
  'action-completed': 'Action marked as done',
  decided: 'Decision recorded. The referrer can now see the feedback.',
};

function noticeOf(query: unknown): string | null {
  const key = (query as Record<string, unknown> | undefined)?.['notice'];
  return typeof key === 'string' && Object.hasOwn(NOTICES, key) ? NOTICES[key]! : null;
}

function idOf(raw: string | undefined): string {
  if (!raw || !isUuid(raw)) throw new NotFoundError();
  return raw.toLowerCase();
}

function inMash(principal: Principal, area: string): boolean {
  return principal.permissions.has('mash:triage') && principal.areas.includes(area);
}

function mayAssess(principal: Principal): boolean {
  return principal.permissions.has('case:work') || principal.permissions.has('mash:triage');
}

interface Attendee {
  agencyId?: string | null;
  name?: string;
  role?: string | null;
}

interface ActionJson {
  id: string;
  description: string;
  ownerName: string;
  dueDate: string;
  completedAt: string | null;
}

/** A form's state when it comes back with errors: which form, what was typed, what is wrong. */
interface FormState {
  form: EpisodeForm;
  values: unknown;
  errors: FieldError[];
  status: number;
}

export async function mashPageRoutes(app: FastifyInstance): Promise<void> {
  // ---------------------------------------------------------------- the queue

  app.get('/mash', page('mash:triage', AUDIT.QUEUE_VIEW), async (request, reply) => {
    const now = new Date();
    const { rows, overdue } = await request.tx(async (tx) => ({
      // queueView writes the MASH_QUEUE_VIEW event.
      rows: await service.queueView(tx, now),
      overdue: await service.overdueActions(tx, now),
    }));
    const episodes = rows.map(({ episode, sla, decisionDue, decisionOverdue }) => ({
      id: episode.id,
      reference: episode.reference,
      child: childName(episode),
      agency: episode.referring_agency_name,
      urgency: labelIn(URGENCIES, episode.urgency),
      tag: ragTag(episode.rag),
      timeLeft: timeLeftText(sla, now),
      breached: sla?.breached ?? false,
      redOutOfHours: episode.rag === 'RED',
      deadline: sla?.deadline ? ukDateTime(sla.deadline) : '',
      decisionDue: ukDateTime(decisionDue),
      decisionOverdue,
      received: ukDateTime(episode.received_at),
    }));
    return reply.page('mash/views/queue.njk', {
      title: 'MASH queue',
      episodes,
      breaches: episodes.filter((e) => e.breached).length,
      overdue: overdue.map((a) => ({ ...a, due: ukDate(a['due_date'] as string) })),
    });
  });

  // ---------------------------------------------------------------- an episode

  const renderEpisode = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tx: Tx,
    id: string,
    state: FormState | null = null,
  ) => {
    const now = new Date();
    const principal = request.principal;
    // viewEpisode decides scope (404 and ACCESS_DENIED outside it) and writes MASH_EPISODE_VIEW.
    const view = await service.viewEpisode(tx, id, now);
    const agencyRows = await service.agencies(tx);
    const agencyName = new Map(agencyRows.map((a) => [a.id, a.name]));
    const own = agencyRows.find((a) => a.id === principal.agencyId) ?? null;
    const e = view.episode;
    const open = !e.closed_at;
    const hub = inMash(principal, e.area);
    const can = {
      rag: hub && open && principal.permissions.has('mash:decide'),
      research: hub && open && principal.permissions.has('mash:triage'),
      contribute: hub && open && principal.permissions.has('mash:contribute') && own !== null,
      share: hub && principal.permissions.has('mash:share'),
      strategy: hub && open && principal.permissions.has('mash:triage'),
      complete: hub && principal.permissions.has('mash:triage'),
      decide: hub && open && principal.permissions.has('mash:decide'),
      assess: mayAssess(principal),
    };
    const errors = state
      ? episodeErrors(
          state.form,
          state.errors,
          state.form === 'strategy' ? (state.values as StrategyValues) : undefined,
        )
      : null;
    const v = <T>(form: EpisodeForm, blank: T): T => (state?.form === form ? (state.values as T) : blank);
    // The rating the person sees now is the one their change is from, even after a refused change.
    const rag = { ...v('rag', { rag: '', rationale: '' }), expectedCurrent: e.rag ?? '' };
    const research = v('research', { agencyIds: [] as string[] });
    const contribution = v('contribution', {
      summary: '',
      relevantHistory: '',
      riskInformation: '',
      releasable: '',
      handlingCode: '',
    });
    const sharing = v('sharing', blankSharing(now));
    const strategy = v('strategy', blankStrategy(now));
    const decision = v('decision', {
      contactOutcome: '',
      referralOutcome: '',
      statutoryMeasures: [] as string[],
      cinFactors: [] as string[],
      nfaReason: '',
      rationale: '',
      feedbackToReferrer: '',
    });
    const requested = new Set(view.research.map((r) => r.agency_id));
    const agencyItems = (chosen: string) => [
      { value: '', text: 'Select an agency' },
      ...agencyRows.map((a) => ({ value: a.id, text: a.name, selected: a.id === chosen })),
    ];
    const today = todayIso(now);
    const d = view.decision as Record<string, unknown> | null;
    const decidedAt = (d?.['decided_at'] as Date | undefined) ?? null;
    return reply.page(
      'mash/views/episode.njk',
      {
        title: `MASH referral ${e.reference}`,
        notice: state ? null : noticeOf(request.query),
        ...(errors ?? { errorList: [], formErrors: {} }),
        openForm: state?.form ?? null,
        hub,
        open,
        can,
        episode: {
          ...e,
          child: childName(e),
          urgency: labelIn(URGENCIES, e.urgency),
          received: ukDateTime(e.received_at),
          decisionDue: ukDateTime(e.decision_deadline),
          decisionOverdue: open && e.decision_deadline.getTime() < now.getTime(),
          tag: ragTag(e.rag),
          flag: e.cse_risk_level ? levelTag(e.cse_risk_level) : null,
          stage: e.stage.charAt(0) + e.stage.slice(1).toLowerCase(),
        },
        sla: view.sla
          ? {
              deadline: view.sla.deadline ? ukDateTime(view.sla.deadline) : 'No target',
              timeLeft: timeLeftText(view.sla, now),
              breached: view.sla.breached,
              outOfHours: view.sla.workedOutOfHours,
            }
          : null,
        ragChanges: view.ragChanges.map((c) => ({
          from: c.from_rag ? RAG_LABELS[c.from_rag] : 'Not triaged',
          to: RAG_LABELS[c.to_rag] ?? c.to_rag,
          by: c.changed_by_label,
          at: ukDateTime(c.changed_at),
          rationale: c.rationale,
        })),
        research: view.research.map((r) => ({
          agency: r.agency_name,
          requested: ukDateTime(r.requested_at),
          contributed: r.status === 'CONTRIBUTED',
        })),
        ownAsked: own ? requested.has(own.id) : false,
        ownAgency: own,
        contributions: view.contributions.map((c) => ({
          id: c.id,
          agency: c.agency_name,
          by: c.contributed_by_label,
          at: ukDateTime(c.contributed_at),
          summary: c.summary,
          history: c.relevant_history,
          risk: c.risk_information,
          releasable: c.releasable,
          handlingCode: c.handling_code,
          handlingLabel: c.handling_code ? labelIn(HANDLING_CODES, c.handling_code) : null,
        })),
        sharing: view.sharing.map((s) => ({
          share: s['decision'] === 'SHARE',
          by: s['decided_by_label'],
          agency: s['agency_name'],
          at: ukDateTime(s['decided_at'] as Date),
          purpose: s['purpose'],
          information: s['information'],
          recipients: ((s['recipients'] as Array<{ agency: string | null; name: string | null }>) ?? [])
            .map((r) => [r.name, r.agency].filter(Boolean).join(', '))
            .join('; '),
          channel: labelIn(SHARING_CHANNELS, s['channel'] as string | null),
          legalBasis:
            s['legal_basis'] === 'OTHER'
              ? `Other: ${s['legal_basis_other'] ?? ''}`
              : labelIn(LEGAL_BASES, s['legal_basis'] as string),
          consent: s['consent_sought']
            ? 'Sought'
            : `Not sought: ${(s['consent_not_sought_reason'] as string | null) ?? ''}`,
          necessity: s['necessity_proportionality'],
        })),
        discussions: view.discussions.map((x) => ({
          at: ukDateTime(x['held_at'] as Date),
          by: x['recorded_by_label'],
          decisions: x['decisions'],
          attendees: ((x['attendees'] as Attendee[]) ?? []).map((a) => ({
            name: a.name ?? '',
            role: a.role ?? '',
            agency: a.agencyId ? (agencyName.get(a.agencyId) ?? '') : '',
          })),
          actions: ((x['actions'] as ActionJson[]) ?? []).map((a) => ({
            id: a.id,
            description: a.description,
            owner: a.ownerName,
            due: ukDate(a.dueDate),
            done: Boolean(a.completedAt),
            doneAt: a.completedAt ? ukDateTime(a.completedAt) : '',
            overdue: !a.completedAt && a.dueDate < today,
          })),
        })),
        decision: d
          ? {
              by: d['decided_by_label'],
              at: ukDateTime(decidedAt),
              contact: labelIn(CONTACT_OUTCOMES, d['contact_outcome'] as string),
              referral: labelIn(REFERRAL_OUTCOMES, d['referral_outcome'] as string | null),
              outcome: labelIn(SOCIAL_CARE_OUTCOMES, d['social_care_outcome'] as string),
              measures: ((d['statutory_measures'] as string[]) ?? []).map((m) =>
                labelIn(STATUTORY_MEASURES, m),
              ),
              factors: ((d['cin_factors'] as string[]) ?? []).map(
                (f) => `${f} ${labelIn(CIN_ASSESSMENT_FACTORS, f)}`,
              ),
              nfaReason: d['nfa_reason'],
              rationale: d['rationale'],
              feedback: d['feedback_to_referrer'],
              withinStandard: d['within_standard'],
              took: decidedAt
                ? `${durationText(workingMinutesBetween(e.received_at, decidedAt))} of working time`
                : '',
            }
          : null,
        standardDeadline: ukDateTime(decisionDeadline(e.received_at)),
        forms: {
          rag: {
            ...rag,
            items: RAG_RATINGS.map((r) => ({ value: r, text: RAG_LABELS[r], checked: r === rag.rag })),
          },
          research: {
            items: agencyRows.map((a) => ({
              value: a.id,
              text: a.name,
              hint: requested.has(a.id) ? { text: 'Already asked' } : undefined,
              checked: research.agencyIds.includes(a.id),
            })),
          },
          contribution: {
            ...contribution,
            police: own?.type === 'POLICE',
            releasableItems: [
              {
                value: 'yes',
                text: 'Yes, it may be released outside the MASH',
                checked: contribution.releasable === 'yes',
              },
              { value: 'no', text: 'No, only within the MASH', checked: contribution.releasable === 'no' },
            ],
            handlingItems: [
              { value: '', text: 'Select a handling code' },
              ...HANDLING_CODES.map((h) => ({
                value: h.code,
                text: h.label,
                selected: h.code === contribution.handlingCode,
              })),
            ],
          },
          sharing: {
            ...sharing,
            decisionItems: [
              { value: 'SHARE', text: 'Share', checked: sharing.decision === 'SHARE' },
              { value: 'NOT_SHARE', text: 'Not share', checked: sharing.decision === 'NOT_SHARE' },
            ],
            channelItems: [
              { value: '', text: 'Select a channel' },
              ...items(SHARING_CHANNELS, sharing.channel, 'selected'),
            ],
            legalItems: items(LEGAL_BASES, sharing.legalBasis, 'checked'),
            consentSought: sharing.consentSought,
          },
          strategy: {
            ...strategy,
            attendees: strategy.attendees.map((a) => ({ ...a, agencyItems: agencyItems(a.agencyId) })),
            actions: strategy.actions.map((a) => ({ ...a, agencyItems: agencyItems(a.ownerAgencyId) })),
          },
          decision: {
            ...decision,
            contactItems: items(CONTACT_OUTCOMES, decision.contactOutcome, 'checked'),
            referralItems: items(REFERRAL_OUTCOMES, decision.referralOutcome, 'checked'),
            measureItems: items(STATUTORY_MEASURES, decision.statutoryMeasures, 'checked'),
            factorItems: CIN_ASSESSMENT_FACTORS.map((f) => ({
              value: f.code,
              text: `${f.code}: ${f.label}`,
              checked: decision.cinFactors.includes(f.code),
            })),
          },
        },
      },
      state?.status,
    );
  };

  app.get<{ Params: { id: string } }>(
    '/mash/episodes/:id',
    page('case:read', AUDIT.EPISODE_VIEW),
    async (request, reply) => {
      const id = idOf(request.params.id);
      return request.tx((tx) => renderEpisode(request, reply, tx, id));
    },
  );

  /**
   * A form of the episode page: parse, let the service validate, write and audit, then redirect with a
   * notice. A validation (or conflict) error shows the episode again with the form open and its values
   * kept; the failure is audited once, under the route's action, as FAILURE.
   */
  const episodeForm = <V>(
    path: string,
    permission: Permission,
    audit: string,
    form: EpisodeForm,
    notice: string,
    parse: (body: unknown) => { values: V; input: unknown },
    run: (tx: Tx, principal: Principal, id: string, input: never) => Promise<unknown>,
  ) =>
    app.post<{ Params: { id: string } }>(path, page(permission, audit), async (request, reply) => {
      const id = idOf(request.params.id);
      const { values, input } = parse(request.body);
      try {
        await request.tx((tx) => run(tx, request.principal, id, input as never));
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
        const details = error.details.length ? error.details : [{ field: 'form', message: error.message }];
        return request.tx(async (tx) => {
          await request.audit(tx, {
            subjectType: 'mash_episode',
            subjectId: id,
            outcome: 'FAILURE',
            details: { errors: details.map((e) => e.field) },
          });
          return renderEpisode(request, reply, tx, id, {
            form,
            values,
            errors: details,
            status: error.statusCode,
          });
        });
      }
      return reply.redirect(`/mash/episodes/${id}?notice=${notice}`, 303);
    });

  episodeForm(
    '/mash/episodes/:id/rag',
    'mash:decide',
    AUDIT.RAG_CHANGE,
    'rag',
    'rag-set',
    (body) => {
      const values = ragFrom(body);
      return { values, input: { ...values, expectedCurrent: values.expectedCurrent || null } };
    },
    (tx, principal, id, input: { rag: string; rationale: string; expectedCurrent: string | null }) => {
      // The API's schema caps the rationale; a form cannot, so it is checked here before the database does.
      if (input.rationale.length > 5000)
        throw new ValidationError([
          { field: 'rationale', message: 'The reason must be 5000 characters or fewer' },
        ]);
      return service.setRag(tx, principal, id, input);
    },
  );

  episodeForm(
    '/mash/episodes/:id/research-requests',
    'mash:triage',
    AUDIT.RESEARCH_REQUEST,
    'research',
    'research-requested',
    (body) => {
      const values = researchFrom(body);
      return { values, input: values };
    },
    (tx, principal, id, input: { agencyIds: string[] }) =>
      service.requestResearch(tx, principal, id, input.agencyIds),
  );

  episodeForm(
    '/mash/episodes/:id/contributions',
    'mash:contribute',
    AUDIT.CONTRIBUTION,
    'contribution',
    'contributed',
    contributionFrom,
    (tx, principal, id, input) => service.contribute(tx, principal, id, input),
  );

  episodeForm(
    '/mash/episodes/:id/sharing-decisions',
    'mash:share',
    AUDIT.SHARING_DECISION,
    'sharing',
    'sharing-recorded',
    sharingFrom,
    (tx, principal, id, input) => service.recordSharingDecision(tx, principal, id, input),
  );

  episodeForm(
    '/mash/episodes/:id/strategy-discussions',
    'mash:triage',
    AUDIT.STRATEGY_DISCUSSION,
    'strategy',
    'strategy-recorded',
    strategyFrom,
    (tx, principal, id, input) => service.recordStrategyDiscussion(tx, principal, id, input),
  );

  episodeForm(
    '/mash/episodes/:id/decision',
    'mash:decide',
    AUDIT.DECISION,
    'decision',
    'decided',
    decisionFrom,
    (tx, principal, id, input) => service.decide(tx, principal, id, input),
  );

  app.post<{ Params: { id: string } }>(
    '/mash/actions/:id/complete',
    page('mash:triage', AUDIT.ACTION_COMPLETE),
    async (request, reply) => {
      const actionId = idOf(request.params.id);
      const episodeId = formText(request.body, 'episodeId', 60);
      // completeAction writes MASH_ACTION_COMPLETE; an action done already or out of scope is 404.
      await request.tx((tx) => service.completeAction(tx, request.principal, actionId));
      return reply.redirect(
        isUuid(episodeId) ? `/mash/episodes/${episodeId.toLowerCase()}?notice=action-completed` : '/mash',
        303,
      );
    },
  );

  // ---------------------------------------------------------------- reassessments and the dashboard

  app.get('/mash/reassessments', page('case:read', AUDIT.REASSESSMENTS_VIEW), async (request, reply) => {
    const now = new Date();
    const today = todayIso(now);
    const horizon = new Date(now.getTime() + 14 * 86_400_000);
    const rows = await request.tx(async (tx) => {
      const due = await service.reassessmentsDue(tx, horizon);
      await request.audit(tx, { subjectType: 'person', details: { shown: due.length, withinDays: 14 } });
      return due;
    });
    return reply.page('mash/views/reassessments.njk', {
      title: 'CSE risk reassessments due',
      children: rows.map((r) => ({
        id: r['id'],
        name: [r['forename'], r['surname']].filter(Boolean).join(' ') || 'Name not known',
        dob: r['dob'] ? ukDate(r['dob'] as string) : 'Not known',
        tag: levelTag(r['cse_risk_level'] as string | null),
        due: ukDate(r['review_due'] as string),
        overdue: (r['review_due'] as string) < today,
      })),
      canAssess: mayAssess(request.principal),
    });
  });

  app.get('/mash/dashboard', page('mash:decide', AUDIT.DASHBOARD_VIEW), async (request, reply) => {
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const { figures, breached } = await request.tx(async (tx) => {
      const figures = await service.dashboard(tx, { from, to: now });
      const breached = await service.breachedNow(tx, now);
      await request.audit(tx, { details: { from: from.toISOString() } });
      return { figures, breached };
    });
    const rags = [...RAG_RATINGS, 'UNTRIAGED'] as const;
    const percent =
      figures.decided > 0 ? `${((figures.decidedWithinStandard / figures.decided) * 100).toFixed(1)}%` : '–';
    return reply.page('mash/views/dashboard.njk', {
      title: 'MASH dashboard',
      period: now.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
      queue: rags.map((r) => ({
        tag: ragTag(r === 'UNTRIAGED' ? null : r),
        count: figures.openByRag[r] ?? 0,
      })),
      openTotal: Object.values(figures.openByRag).reduce((a, b) => a + b, 0),
      breached,
      decided: figures.decided,
      within: figures.decidedWithinStandard,
      percent,
      outcomes: SOCIAL_CARE_OUTCOMES.map((o) => ({ label: o.label, count: figures.outcomes[o.code] ?? 0 })),
    });
  });

  // ---------------------------------------------------------------- CSE risk assessments

  const personFor = async (tx: Tx, request: FastifyRequest, rawId: string) => {
    // openPerson decides scope: out of scope is 404 with ACCESS_DENIED.
    const person = await openPerson(tx, request.principal, idOf(rawId));
    return {
      ...person,
      name: [person.forename, person.surname].filter(Boolean).join(' ') || 'Name not known',
    };
  };

  const templateView = (
    template: RiskTemplate,
    values: AssessmentValues,
    fieldErrors: Record<string, { text: string }>,
  ) => ({
    id: template.id,
    name: template.name,
    banded: template.kind === 'BANDED',
    reviewMonths: template.reviewIntervalMonths,
    sections: template.sections.map((s) => ({
      id: s.id,
      title: s.title,
      rating:
        template.kind === 'BANDED'
          ? {
              name: `dom-${s.id}`,
              required: 'ratingRequired' in s ? s.ratingRequired : true,
              error: fieldErrors[`dom-${s.id}`],
              items: DOMAIN_RATING_ITEMS.map((r) => ({
                value: r.code,
                text: r.label,
                checked: values.domainRatings[s.id] === r.code,
              })),
            }
          : null,
      indicators: s.indicators.map((i) => ({
        name: `ind-${i.id}`,
        text: i.text,
        required: i.required,
        error: fieldErrors[`ind-${i.id}`],
        items: answersAllowedFor(i.kind).map((a) => ({
          value: a,
          text: ANSWER_LABELS[a],
          checked: values.indicators[i.id] === a,
        })),
      })),
    })),
  });

  const renderAssessmentForm = (
    reply: FastifyReply,
    person: { id: string; name: string },
    template: RiskTemplate,
    values: AssessmentValues,
    errors: FieldError[] = [],
  ) => {
    const view = assessmentErrors(errors);
    return reply.page(
      'mash/views/assessment-form.njk',
      {
        title: `${template.name}: ${person.name}`,
        person,
        template: templateView(template, values, view.fieldErrors),
        values,
        disclosureItems: [
          { value: 'yes', text: 'Yes', checked: values.disclosure === 'yes' },
          { value: 'no', text: 'No', checked: values.disclosure === 'no' },
        ],
        levelItems: [
          { value: '', text: 'Keep the computed level' },
          ...RISK_LEVEL_ITEMS.map((l) => ({
            value: l.code,
            text: l.label,
            selected: values.assessorLevel === l.code,
          })),
        ],
        ...view,
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { template?: string } }>(
    '/people/:id/risk-assessments/new',
    page('case:read', AUDIT.RISK_ASSESSMENT_VIEW),
    async (request, reply) => {
      if (!mayAssess(request.principal)) throw new ForbiddenError();
      const template = riskTemplate(formText(request.query, 'template', 40));
      const person = await request.tx(async (tx) => {
        const p = await personFor(tx, request, request.params.id);
        await request.audit(tx, {
          subjectType: 'person',
          subjectId: p.id,
          details: { page: 'new', template: template?.id ?? null },
        });
        return p;
      });
      if (!template) {
        return reply.page('mash/views/assessment-choose.njk', {
          title: `Assess CSE risk: ${person.name}`,
          person,
          templates: RISK_TEMPLATES.map((t, i) => ({ value: t.id, text: t.name, checked: i === 0 })),
        });
      }
      return renderAssessmentForm(reply, person, template, blankAssessment());
    },
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/risk-assessments',
    page('case:read', AUDIT.RISK_ASSESSMENT),
    async (request, reply) => {
      if (!mayAssess(request.principal)) throw new ForbiddenError();
      const template = riskTemplate(formText(request.body, 'templateId', 40));
      if (!template) throw new NotFoundError();
      const { values, input, errors } = assessmentFrom(request.body, template);
      try {
        const result = await request.tx(async (tx) => {
          const person = await personFor(tx, request, request.params.id);
          // assessRisk validates (after feeding what other modules know, e.g. repeat missing), saves and writes
          // the RISK_ASSESSMENT event. The form's own problems are reported with the tool's, all at once, and
          // roll back anything the service wrote.
          let saved: Awaited<ReturnType<typeof service.assessRisk>>;
          try {
            saved = await service.assessRisk(tx, request.principal, person.id, input);
          } catch (error) {
            if (error instanceof ValidationError && errors.length)
              throw new ValidationError([...errors, ...error.details]);
            throw error;
          }
          if (errors.length) throw new ValidationError(errors);
          return { person, saved };
        });
        return reply.redirect(`/people/${result.person.id}/risk-assessments/${result.saved.id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          const person = await personFor(tx, request, request.params.id);
          await request.audit(tx, {
            subjectType: 'person',
            subjectId: person.id,
            outcome: 'FAILURE',
            details: { errors: error.details.map((e) => e.field) },
          });
          return renderAssessmentForm(reply, person, template, values, error.details);
        });
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/people/:id/risk-assessments',
    page('case:read', AUDIT.RISK_ASSESSMENT_VIEW),
    async (request, reply) => {
      const { person, rows, flag } = await request.tx(async (tx) => {
        const person = await personFor(tx, request, request.params.id);
        const rows = await service.assessmentsOf(tx, person.id);
        const flag = await service.cseFlag(tx, person.id);
        await request.audit(tx, {
          subjectType: 'person',
          subjectId: person.id,
          details: { page: 'history', shown: rows.length },
        });
        return { person, rows, flag };
      });
      return reply.page('mash/views/assessments.njk', {
        title: `CSE risk assessments: ${person.name}`,
        person,
        cseFlag: flag ? { ...flag, tag: levelTag(flag.level), due: ukDate(flag.reviewDue) } : null,
        canAssess: mayAssess(request.principal),
        assessments: rows.map((r) => assessmentRow(r)),
      });
    },
  );

  app.get<{ Params: { id: string; assessmentId: string } }>(
    '/people/:id/risk-assessments/:assessmentId',
    page('case:read', AUDIT.RISK_ASSESSMENT_VIEW),
    async (request, reply) => {
      const assessmentId = idOf(request.params.assessmentId);
      const { person, row } = await request.tx(async (tx) => {
        const person = await personFor(tx, request, request.params.id);
        const row = await service.assessmentOf(tx, person.id, assessmentId);
        if (!row) throw new NotFoundError();
        await request.audit(tx, { subjectType: 'person', subjectId: person.id, details: { assessmentId } });
        return { person, row };
      });
      return reply.page('mash/views/assessment.njk', {
        title: `CSE risk assessment: ${person.name}`,
        person,
        assessment: assessmentRow(row),
      });
    },
  );
}

const OVERRIDE_TEXT: Record<string, string> = {
  UNDER_13_WITH_CSE_CONCERNS: 'The child is under 13: never rated low or not at risk',
  LEARNING_DISABILITY_WITH_CSE_CONCERNS:
    'The child has a learning disability: never rated low or not at risk',
  DISCLOSURE_OF_EXPLOITATION: 'A disclosure of exploitation is high risk',
};

function assessmentRow(r: Record<string, unknown>) {
  const template = riskTemplate(r['template_id'] as string);
  const overrides = (r['overrides'] as Array<{ rule: string; from: string; to: string }>) ?? [];
  return {
    id: r['id'],
    template: template ? `${template.name} (version ${r['template_version']})` : (r['template_id'] as string),
    score: r['score'],
    computed: levelTag(r['computed_level'] as string),
    final: levelTag(r['final_level'] as string),
    differs: r['computed_level'] !== r['final_level'],
    rationale: r['rationale'],
    overrides: overrides.map(
      (o) =>
        `${OVERRIDE_TEXT[o.rule] ?? o.rule} (raised from ${RISK_LEVEL_LABELS[o.from] ?? o.from} to ${RISK_LEVEL_LABELS[o.to] ?? o.to})`,
    ),
    by: r['assessed_by_label'],
    at: ukDateTime(r['assessed_at'] as Date),
    nextReview: ukDate(r['next_review_date'] as string),
  };
}
