/** Suspect referrals: the form (linking the suspect to children the referrer may see), and each one sent. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayReadDisruption } from '../platform/access/policy-pursue.ts';
import { formList, formText } from '../platform/forms/body.ts';
import { datePartsFrom, instantFrom, wallClockOf } from '../platform/forms/date-parts.ts';
import { type FieldError, ValidationError } from '../platform/http/errors.ts';
import { disruptionPath } from '../pursue/paths.ts';
import { personDetailsOf, personFormFrom, validatePersonForm } from './form.ts';
import { ROUTE, suspectReferralConfirmationPath } from './paths.ts';
import { AUDIT, page } from './route-support.ts';
import type { SuspectReferralInput } from './rules.ts';
import * as service from './service.ts';
import * as store from './store.ts';
import {
  blankSuspectForm,
  type SuspectFormValues,
  suspectFormView,
  suspectReferralView,
} from './suspect-view.ts';

/** The suspect form's fields as posted. */
function suspectFormFrom(body: unknown): SuspectFormValues {
  const linked = [...new Set(formList(body, 'linkedChildren', 50))];
  return {
    person: personFormFrom(body),
    name: formText(body, 'name', 250).trim(),
    received: datePartsFrom(body, 'received'),
    receivedTime: formText(body, 'receivedTime', 10).trim(),
    status: formText(body, 'status', 40),
    role: formText(body, 'suspectRole', 40),
    source: formText(body, 'source', 40),
    division: formText(body, 'division', 40),
    area: formText(body, 'area', 40),
    notes: formText(body, 'notes', 10_001).trim(),
    linked,
    linkTypes: Object.fromEntries(linked.map((id) => [id, formText(body, `linkType-${id}`, 40)])),
  };
}

function suspectInputOf(values: SuspectFormValues): SuspectReferralInput {
  return {
    referrer: { name: values.name },
    receivedAt: instantFrom(values.received, values.receivedTime),
    suspect: { details: personDetailsOf(values.person) },
    status: values.status,
    role: values.role,
    source: values.source,
    division: values.division || null,
    area: values.area || null,
    linkedChildren: values.linked.map((personId) => ({
      personId,
      linkType: values.linkTypes[personId] ?? '',
    })),
    notes: values.notes || null,
  };
}

async function renderSuspectForm(
  request: FastifyRequest,
  reply: FastifyReply,
  values: SuspectFormValues | null,
  errors: FieldError[] = [],
) {
  const { rows, areas } = await request.tx(async (tx) => ({
    // listReferrals writes the REFERRAL_LIST event: the children offered are personal data.
    rows: await service.listReferrals(tx, request.principal, 100),
    areas: await store.knownAreas(tx),
  }));
  const v = values ?? blankSuspectForm(wallClockOf(new Date()));
  return reply.page(
    'referrals/views/suspect-form.njk',
    suspectFormView(v, rows, areas, errors),
    errors.length ? 400 : undefined,
  );
}

export async function suspectReferralRoutes(app: FastifyInstance): Promise<void> {
  app.get(ROUTE.newSuspectReferral, page('referral:create', AUDIT.REFERRAL_LIST), (request, reply) =>
    renderSuspectForm(request, reply, null),
  );

  app.post(
    ROUTE.suspectReferrals,
    page('referral:create', AUDIT.SUSPECT_REFERRAL_CREATE),
    async (request, reply) => {
      const values = suspectFormFrom(request.body);
      const input = suspectInputOf(values);
      try {
        const created = await request.tx(async (tx) => {
          const errors = validatePersonForm(values.person, 'SUSPECT', new Date(), 'suspect');
          if (errors.length) throw new ValidationError(errors);
          // The service validates everything, checks each child is in scope and writes the audit event.
          return service.submitSuspectReferral(tx, request.principal, input);
        });
        return reply.redirect(suspectReferralConfirmationPath(created.id), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const details = error.details.length ? error.details : [{ field: 'form', message: error.message }];
        return renderSuspectForm(request, reply, values, details);
      }
    },
  );

  const suspectView = async (request: FastifyRequest<{ Params: { id: string } }>) =>
    // viewSuspectReferral writes the SUSPECT_REFERRAL_VIEW event.
    suspectReferralView(await request.tx((tx) => service.viewSuspectReferral(tx, request.params.id)));

  app.get<{ Params: { id: string } }>(
    ROUTE.suspectReferralConfirmation,
    page('referral:create', AUDIT.SUSPECT_REFERRAL_VIEW),
    async (request, reply) =>
      reply.page('referrals/views/suspect-confirmation.njk', {
        title: 'Suspect referral sent',
        ...(await suspectView(request)),
      }),
  );

  app.get<{ Params: { id: string } }>(
    ROUTE.suspectReferral,
    page('referral:read-own-agency', AUDIT.SUSPECT_REFERRAL_VIEW),
    async (request, reply) => {
      const view = await suspectView(request);
      return reply.page('referrals/views/suspect-referral.njk', {
        title: `Suspect referral ${view.referral.reference}`,
        ...view,
        disruptionHref: mayReadDisruption(request.principal) ? disruptionPath(view.referral.person_id) : null,
      });
    },
  );
}
