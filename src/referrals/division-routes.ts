/**
 * The police's correction of a referral's police division (decision 0014): a page with the divisions and a
 * reason, and its post. The routes declare `case:read`; whether the caller is the police is the access
 * policy's decision (mayOverrideDivision), asked by the routing service. Bad input shows the page again
 * with what was typed (400), nothing saved.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Principal } from '../platform/access/principal.ts';
import { divisionLabel } from '../platform/codes/areas.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { errorsForPage } from '../platform/forms/items.ts';
import { type FieldError, ForbiddenError, ValidationError } from '../platform/http/errors.ts';
import { ROUTE, referralPath } from './paths.ts';
import { AUDIT, page } from './route-support.ts';
import * as routing from './routing-service.ts';
import * as service from './service.ts';
import { divisionView } from './view-models.ts';

interface DivisionForm {
  division: string;
  reason: string;
}

async function render(
  tx: Tx,
  principal: Principal,
  reply: FastifyReply,
  id: string,
  values: DivisionForm | null,
  errors: FieldError[] = [],
) {
  const referral = await service.openVictimReferral(tx, id);
  if (!(await routing.mayCorrectDivision(tx, principal)))
    throw new ForbiddenError('Only the police may correct a referral’s division');
  const divisions = await routing.knownDivisions(tx);
  const chosen = values?.division ?? referral.division ?? '';
  return reply.page(
    'referrals/views/division.njk',
    {
      title: `Police division of referral ${referral.reference}`,
      reference: referral.reference,
      back: referralPath(referral.id),
      current: divisionView(referral),
      divisionItems: [
        { value: '', text: 'Select a division' },
        ...divisions.map((d) => ({ value: d, text: divisionLabel(d), selected: d === chosen })),
      ],
      reason: values?.reason ?? '',
      ...errorsForPage(errors),
    },
    errors.length ? 400 : 200,
  );
}

export async function divisionRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    ROUTE.referralDivision,
    page('case:read', AUDIT.REFERRAL_VIEW),
    async (request, reply) =>
      request.tx(async (tx) => {
        const result = await render(tx, request.principal, reply, request.params.id, null);
        await request.audit(tx, { subjectType: 'victim_referral', subjectId: request.params.id });
        return result;
      }),
  );

  app.post<{ Params: { id: string } }>(
    ROUTE.referralDivision,
    page('case:read', AUDIT.DIVISION_CHANGE),
    async (request, reply) => {
      const values = {
        division: formText(request.body, 'division', 100).trim(),
        reason: formText(request.body, 'reason', 2100).trim(),
      };
      try {
        // correctDivision decides (the police only), validates and writes REFERRAL_DIVISION_CHANGE.
        await request.tx(async (tx) => {
          const referral = await service.openVictimReferral(tx, request.params.id);
          await routing.correctDivision(tx, request.principal, referral, values);
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          await request.audit(tx, {
            subjectType: 'victim_referral',
            subjectId: request.params.id,
            outcome: 'FAILURE',
            details: { errors: error.details.map((e) => e.field) },
          });
          return render(tx, request.principal, reply, request.params.id, values, error.details);
        });
      }
      return reply.redirect(referralPath(request.params.id), 303);
    },
  );
}
