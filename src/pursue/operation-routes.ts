/**
 * Pursue operations: the agency's list, starting one, one operation with its members and tasks, giving a task
 * to a colleague and marking it done (on the page or from My work), and closing the operation.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayRecordDisruption } from '../platform/access/policy-pursue.ts';
import { formText } from '../platform/forms/body.ts';
import { errorsForPage } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import {
  fieldErrorsOf,
  recordIdOf as idOf,
  noticeFrom,
  pageRoute as page,
} from '../platform/http/page-route.ts';
import {
  closeOperation,
  type OperationForm,
  operationFormFrom,
  operations,
  operationWithMembers,
  startOperation,
} from './operation-service.ts';
import { blankTaskForm, taskFormFrom } from './operation-task-rules.ts';
import { addOperationTask, markOperationTaskDone, operationTasks } from './operation-task-service.ts';
import { type OperationPageState, operationListRow, operationPageView } from './operation-view.ts';
import { FROM_MY_WORK } from './operation-work-service.ts';
import { OPERATIONS_PATH, operationPath } from './paths.ts';

const NOTICES = {
  'task-added': 'The task has been added',
  'task-done': 'The task has been marked as done',
} as const;

type IdParams = { Params: { id: string } };

export async function operationRoutes(app: FastifyInstance): Promise<void> {
  app.get(OPERATIONS_PATH, page('case:read', 'OPERATION_LIST_VIEW'), async (request, reply) => {
    const rows = await request.tx(async (tx) => {
      const found = await operations(tx);
      await request.audit(tx, { subjectType: 'pursue_operation' });
      return found;
    });
    return reply.page('pursue/views/operations.njk', {
      title: 'Operations',
      operations: rows.map(operationListRow),
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
    state: OperationPageState = { outcome: '', task: blankTaskForm() },
    errors: FieldError[] = [],
  ) => {
    const found = await request.tx(async (tx) => {
      const one = await operationWithMembers(tx, id);
      const tasks = await operationTasks(tx, id);
      await request.audit(tx, { action: 'OPERATION_VIEW', subjectType: 'pursue_operation', subjectId: id });
      return { ...one, ...tasks };
    });
    return reply.page(
      'pursue/views/operation.njk',
      {
        ...operationPageView(
          found.operation,
          found.members,
          found.tasks,
          found.owners,
          state,
          mayRecordDisruption(request.principal),
        ),
        notice: errors.length ? null : noticeFrom(request.query, NOTICES),
        ...errorsForPage(errors, { dueOn: 'dueOn-day' }),
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
        return renderOne(request, reply, id, { outcome, task: blankTaskForm() }, fieldErrorsOf(error));
      }
    },
  );

  app.post<IdParams>(
    `${OPERATIONS_PATH}/:id/tasks`,
    page('case:work', 'OPERATION_TASK_ADD'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const task = taskFormFrom(request.body);
      try {
        await request.tx((tx) => addOperationTask(tx, request.principal, id, task));
        return reply.redirect(`${operationPath(id)}?notice=task-added#tasks`, 303);
      } catch (error) {
        return renderOne(request, reply, id, { outcome: '', task }, fieldErrorsOf(error));
      }
    },
  );

  // Posted from the operation page or from My work (`?from=my-work`), to which it then returns.
  app.post<IdParams & { Params: { taskId: string }; Querystring: { from?: string } }>(
    `${OPERATIONS_PATH}/:id/tasks/:taskId/done`,
    page('case:work', 'OPERATION_TASK_DONE'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const taskId = idOf(request.params.taskId);
      await request.tx((tx) => markOperationTaskDone(tx, request.principal, id, taskId));
      if (request.query.from === FROM_MY_WORK) return reply.redirect('/my-work?notice=task-done', 303);
      return reply.redirect(`${operationPath(id)}?notice=task-done#tasks`, 303);
    },
  );
}
