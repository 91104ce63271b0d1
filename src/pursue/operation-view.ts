/** Pursue operations as their pages show them: labels, UK dates, names, links. Pure. */
import type { Item } from '../platform/forms/items.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import type { MemberRow, OperationRow } from './operation-service.ts';
import type { TaskForm, TaskOwnerChoice } from './operation-task-rules.ts';
import type { TaskRow } from './operation-task-service.ts';
import { disruptionPath, operationPath, operationTaskDonePath, operationTasksPath } from './paths.ts';

export function operationListRow(o: OperationRow) {
  return {
    href: operationPath(o.id),
    name: o.name,
    started: ukDate(o.created_at),
    members: o.members,
    state: o.closed_at ? `Closed ${ukDate(o.closed_at)}` : 'Open',
  };
}

/** What the operation page's forms hold: as typed when one was refused, blank otherwise. */
export interface OperationPageState {
  outcome: string;
  task: TaskForm;
}

export function ownerItems(owners: readonly TaskOwnerChoice[], selected: string): Item[] {
  return [
    { value: '', text: 'Select who will do it' },
    ...owners.map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
  ];
}

function taskRow(operationId: string, t: TaskRow, open: boolean) {
  return {
    description: t.description,
    owner: t.owner,
    due: ukDate(t.due_on),
    state: t.done_at ? `Done ${ukDateTime(t.done_at)} by ${t.done_by}` : 'Not done',
    done: t.done_at !== null,
    doneAction: open && !t.done_at ? operationTaskDonePath(operationId, t.id) : null,
  };
}

export function operationPageView(
  operation: OperationRow,
  members: readonly MemberRow[],
  tasks: readonly TaskRow[],
  owners: readonly TaskOwnerChoice[],
  state: OperationPageState,
  mayRun: boolean,
) {
  const open = !operation.closed_at && mayRun;
  return {
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
    tasks: tasks.map((t) => taskRow(operation.id, t, open)),
    taskForm: open
      ? {
          action: operationTasksPath(operation.id),
          description: state.task.description,
          ownerItems: ownerItems(owners, state.task.owner),
          dueOn: state.task.dueOn,
        }
      : null,
    close: open ? { action: `${operationPath(operation.id)}/close`, outcome: state.outcome } : null,
  };
}
