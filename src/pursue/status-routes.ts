/** Changing a person's Pursue status (suspect, offender, eliminated) with its reason. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorsForPage, radioItems } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { justificationFrom, reasonField } from '../platform/http/justification.ts';
import { fieldErrorsOf, recordIdOf as idOf, pageRoute as page } from '../platform/http/page-route.ts';
import { PURSUE_STATUSES } from './codes.ts';
import { disruptionPath, statusPath } from './paths.ts';
import { openToRecord } from './service.ts';
import { recordStatus, type StatusForm, statusFormFrom } from './status-service.ts';
import { personName } from './view.ts';

type IdParams = { Params: { id: string } };

export async function statusRoutes(app: FastifyInstance): Promise<void> {
  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    form: StatusForm,
    justification: string | null = null,
    errors: FieldError[] = [],
  ) => {
    const { person } = await request.tx(async (tx) => {
      const found = await openToRecord(tx, request.principal, personId);
      await request.audit(tx, {
        action: 'PURSUE_STATUS_FORM_VIEW',
        subjectType: 'person',
        subjectId: personId,
      });
      return found;
    });
    const name = personName(person);
    return reply.page(
      'pursue/views/status-form.njk',
      {
        title: `Change the status: ${name}`,
        personName: name,
        backHref: disruptionPath(personId),
        action: statusPath(personId),
        form,
        reasonBox: reasonField(person.restricted, justification),
        statusItems: radioItems(PURSUE_STATUSES, form.status),
        ...errorsForPage(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<IdParams>(
    '/pursue/people/:id/status',
    page('case:work', 'PURSUE_STATUS_FORM_VIEW'),
    (request, reply) => renderForm(request, reply, idOf(request.params.id), { status: '', reason: '' }),
  );

  app.post<IdParams>(
    '/pursue/people/:id/status',
    page('case:work', 'PURSUE_STATUS_RECORD'),
    async (request, reply) => {
      const personId = idOf(request.params.id);
      const form = statusFormFrom(request.body);
      const justification = justificationFrom(request.body);
      try {
        await request.tx((tx) => recordStatus(tx, request.principal, personId, form, justification));
        return reply.redirect(`${disruptionPath(personId)}?notice=status`, 303);
      } catch (error) {
        return renderForm(request, reply, personId, form, justification, fieldErrorsOf(error));
      }
    },
  );
}
