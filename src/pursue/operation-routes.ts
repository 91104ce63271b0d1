/** Pursue operations: the agency's list, starting one, one operation with its members, and closing it. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayRecordDisruption } from '../platform/access/policy-pursue.ts';
import { formText } from '../platform/forms/body.ts';
import { errorsForPage } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { fieldErrorsOf, recordIdOf as idOf, pageRoute as page } from '../platform/http/page-route.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import {
  closeOperation,
  type OperationForm,
  type OperationRow,
  operationFormFrom,
  operations,
  operationWithMembers,
  startOperation,
} from './operation-service.ts';
import { disruptionPath, OPERATIONS_PATH, operationPath } from './paths.ts';

type IdParams = { Params: { id: string } };

const listRow = (o: OperationRow) => ({
  href: operationPath(o.id),
  name: o.name,
  started: ukDate(o.created_at),
  members: o.members,
  state: o.closed_at ? `Closed ${ukDate(o.closed_at)}` : 'Open',
});

export async function operationRoutes(app: FastifyInstance): Promise<void> {
  app.get(OPERATIONS_PATH, page('case:read', 'OPERATION_LIST_VIEW'), async (request, reply) => {
    const rows = await request.tx(async (tx) => {
      const found = await operations(tx);
      await request.audit(tx, { subjectType: 'pursue_operation' });
      return found;
    });
    return reply.page('pursue/views/operations.njk', {
      title: 'Operations',
      operations: rows.map(listRow),
      newHref: mayRecordDisruption(request.principal) ? `${OPERATIONS_PATH}/new` : null,
    });
  });

  const renderNew = (reply: FastifyReply, form: OperationForm, errors: FieldError[] = []) =>
    reply.page(
      'pursue/views/operation-form.njk',
      { title: 'Start an operation', action: OPERATIONS_PATH, form, ...errorsForPage(errors) },
      errors.length ? 400 : undefined,
    );

  app.get(`${OPERATIONS_PATH}/new`, page('case:work', 'none'), (_request, reply) =>
    renderNew(reply, { name: '', objectives: '' }),
  );

  app.post(OPERATIONS_PATH, page('case:work', 'OPERATION_CREATE'), async (request, reply) => {
    const form = operationFormFrom(request.body);
    try {
      const id = await request.tx((tx) => startOperation(tx, request.principal, form));
      return reply.redirect(operationPath(id), 303);
    } catch (error) {
      return renderNew(reply, form, fieldErrorsOf(error));
    }
  });

  const renderOne = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    outcome = '',
    errors: FieldError[] = [],
  ) => {
    const { operation, members } = await request.tx(async (tx) => {
      const found = await operationWithMembers(tx, id);
      await request.audit(tx, { action: 'OPERATION_VIEW', subjectType: 'pursue_operation', subjectId: id });
      return found;
    });
    return reply.page(
      'pursue/views/operation.njk',
      {
        title: `Operation ${operation.name}`,
        operation: {
          name: operation.name,
          objectives: operation.objectives,
          started: `${ukDateTime(operation.created_at)} by ${operation.created_by}`,
          closed: operation.closed_at ? ukDateTime(operation.closed_at) : null,
          outcome: operation.outcome,
        },
        members: members.map((m) => ({
          href: disruptionPath(m.person_id),
          name: m.name ?? 'Name not recorded',
          added: `${ukDate(m.added_at)} by ${m.added_by}`,
          children: m.children.length ? m.children.join(', ') : 'None recorded',
        })),
        close:
          !operation.closed_at && mayRecordDisruption(request.principal)
            ? { action: `${operationPath(id)}/close`, outcome }
            : null,
        ...errorsForPage(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<IdParams>(`${OPERATIONS_PATH}/:id`, page('case:read', 'OPERATION_VIEW'), (request, reply) =>
    renderOne(request, reply, idOf(request.params.id)),
  );

  app.post<IdParams>(
    `${OPERATIONS_PATH}/:id/close`,
    page('case:work', 'OPERATION_CLOSE'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const outcome = formText(request.body, 'outcome', 4001).trim();
      try {
        await request.tx((tx) => closeOperation(tx, id, outcome));
        return reply.redirect(operationPath(id), 303);
      } catch (error) {
        return renderOne(request, reply, id, outcome, fieldErrorsOf(error));
      }
    },
  );
}
