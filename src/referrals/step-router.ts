/**
 * The victim referral draft, one generic router for every step (./steps): starting a draft, GET and POST
 * for each step, "Check your answers" with the submission, and the confirmation. Answers are kept in a
 * server-side draft owned by the user, never in URLs; every page writes exactly one audit event.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayLearnHubFacts, maySeeEarlierReferralsAtIntake } from '../platform/access/policy-referrals.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { intakeCandidates } from './child-candidates.ts';
import * as drafts from './draft-store.ts';
import { summarySections } from './draft-view.ts';
import { firstUnanswered, nextPage, previousPage, toInput, type VictimDraft, validateDraft } from './form.ts';
import {
  type DraftTarget,
  draftCheckPath,
  draftChildMatchesPath,
  draftStepPath,
  newReferralPath,
  ROUTE,
  referralConfirmationPath,
} from './paths.ts';
import {
  AUDIT,
  cameFromCheck,
  type DraftParams,
  type LoadedDraft,
  loadDraft,
  page,
} from './route-support.ts';
import * as service from './service.ts';
import { CHECK_TITLE, STEP_LIST, STEPS } from './steps/index.ts';
import { type DraftStep, type StepState, stepErrors } from './steps/step.ts';
import { checkErrors, confirmationView, earlierAtIntakeView } from './view-models.ts';

/** Shows a step: the variables every step has, then the step's own. */
export async function renderStep(
  request: FastifyRequest,
  reply: FastifyReply,
  tx: Tx,
  draft: LoadedDraft,
  step: DraftStep,
  state: StepState = {},
) {
  const fromCheck = cameFromCheck(request);
  const previous = previousPage(step.name);
  const common = {
    title: step.title,
    draftId: draft.id,
    action: draftStepPath(draft.id, step.name),
    fromCheck,
    backHref: fromCheck
      ? draftCheckPath(draft.id)
      : previous
        ? draftStepPath(draft.id, previous)
        : newReferralPath(),
    ...(state.errors ?? { errorList: [], fieldErrors: {} }),
  };
  const view = await step.view(
    draft.data,
    { draftId: draft.id, ...state },
    { tx, principal: request.principal },
  );
  return reply.page(`referrals/views/draft-${step.name}.njk`, { ...common, ...view }, state.status);
}

/** GET of a page of the draft (a step, or "Check your answers"): the view audited with the page's name. */
function showDraftPage(
  app: FastifyInstance,
  name: DraftTarget,
  render: (request: FastifyRequest, reply: FastifyReply, tx: Tx, draft: LoadedDraft) => Promise<unknown>,
): void {
  app.get<{ Params: DraftParams }>(
    ROUTE.draftStep(name),
    page('referral:create', AUDIT.DRAFT_VIEW),
    async (request, reply) =>
      request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: name },
        });
        return render(request, reply, tx, draft);
      }),
  );
}

function registerStep(app: FastifyInstance, step: DraftStep): void {
  showDraftPage(app, step.name, (request, reply, tx, draft) => renderStep(request, reply, tx, draft, step));

  /** Saves the step's answers if they are valid; otherwise shows the step again with its errors (400). */
  app.post<{ Params: DraftParams }>(
    ROUTE.draftStep(step.name),
    page('referral:create', AUDIT.DRAFT_UPDATE),
    async (request, reply) => {
      const body = request.body;
      const now = new Date();
      const fromCheck = formText(body, 'from') === 'check';
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const data: VictimDraft = structuredClone(draft.data);
        const { values, errors, stay } = await step.apply(body, data, {
          tx,
          principal: request.principal,
          now,
        });
        if (errors.length) {
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            outcome: 'FAILURE',
            details: { page: step.name, errors: errors.map((e) => e.field) },
          });
          return renderStep(request, reply, tx, draft, step, {
            errors: stepErrors(step, errors),
            values,
            status: 400,
          });
        }
        await drafts.saveDraft(tx, draft.id, data);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: step.name },
        });
        // New details of a child: a user who may search is first shown the known children they may be.
        if (step.name === 'child' && data.child?.details) {
          const candidates = await intakeCandidates(tx, request.principal, data.child.details);
          if (candidates.length) return reply.redirect(draftChildMatchesPath(draft.id, fromCheck), 303);
        }
        const next = stay
          ? draftStepPath(draft.id, step.name, fromCheck)
          : fromCheck
            ? draftCheckPath(draft.id)
            : draftStepPath(draft.id, nextPage(step.name));
        return reply.redirect(next, 303);
      });
    },
  );
}

async function renderCheck(
  request: FastifyRequest,
  reply: FastifyReply,
  tx: Tx,
  draft: LoadedDraft,
  errors: FieldError[] = [],
) {
  const childId = draft.data.child?.personId ?? null;
  const earlier =
    maySeeEarlierReferralsAtIntake(request.principal) && childId
      ? earlierAtIntakeView(await service.earlierReferralsOf(tx, request.principal, childId))
      : null;
  const gap = firstUnanswered(draft.data);
  return reply.page(
    'referrals/views/check.njk',
    {
      title: CHECK_TITLE,
      draftId: draft.id,
      action: draftCheckPath(draft.id),
      backHref: draftStepPath(draft.id, 'urgency'),
      sections: summarySections(draft.data).map((section) => ({
        ...section,
        changeHref: draftStepPath(draft.id, section.page, true),
      })),
      gap: gap ? { href: draftStepPath(draft.id, gap), title: STEPS[gap].title } : null,
      earlier,
      ...(errors.length ? checkErrors(draft.id, errors) : { errorList: [], fieldErrors: {} }),
    },
    errors.length ? 400 : undefined,
  );
}

export async function draftStepRoutes(app: FastifyInstance): Promise<void> {
  // GET of the start page, with the referrer's unfinished referrals: draft-list-routes.ts.
  app.post(ROUTE.newReferral, page('referral:create', AUDIT.DRAFT_CREATE), async (request, reply) => {
    const userId = request.principal.userId;
    if (!userId) throw new NotFoundError();
    const id = await request.tx(async (tx) => {
      const draftId = await drafts.startDraft(tx, userId, 'VICTIM');
      await request.audit(tx, { subjectType: 'referral_draft', subjectId: draftId });
      return draftId;
    });
    return reply.redirect(draftStepPath(id, 'child'), 303);
  });

  for (const step of STEP_LIST) registerStep(app, step);

  showDraftPage(app, 'check', (request, reply, tx, draft) => renderCheck(request, reply, tx, draft));

  app.post<{ Params: DraftParams }>(
    ROUTE.draftStep('check'),
    page('referral:create', AUDIT.REFERRAL_CREATE),
    async (request, reply) => {
      try {
        const created = await request.tx(async (tx) => {
          const draft = await loadDraft(tx, request.params.id);
          const errors = validateDraft(draft.data, new Date());
          if (errors.length) throw new ValidationError(errors);
          // The service validates everything again, records the people and writes REFERRAL_CREATE.
          const result = await service.submitVictimReferral(tx, request.principal, toInput(draft.data));
          await drafts.deleteDraft(tx, draft.id);
          return result;
        });
        return reply.redirect(referralConfirmationPath(created.id), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          const draft = await loadDraft(tx, request.params.id);
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            outcome: 'FAILURE',
            details: { errors: error.details.map((e) => e.field) },
          });
          const details = error.details.length ? error.details : [{ field: 'form', message: error.message }];
          return renderCheck(request, reply, tx, draft, details);
        });
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    ROUTE.referralConfirmation,
    page('referral:create', AUDIT.REFERRAL_VIEW),
    async (request, reply) => {
      const referral = await request.tx(async (tx) => {
        const row = await service.openVictimReferral(tx, request.params.id);
        await request.audit(tx, {
          subjectType: 'victim_referral',
          subjectId: row.id,
          details: { page: 'confirmation' },
        });
        return row;
      });
      return reply.page('referrals/views/confirmation.njk', {
        title: 'Referral sent',
        referral: confirmationView(referral),
        caseReader: mayLearnHubFacts(request.principal, referral.area),
      });
    },
  );
}
