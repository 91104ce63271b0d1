/**
 * A task inside a Pursue operation, pure: the form read as typed (kept to show again when refused) and checked
 * field by field. The owner is one of the choices offered (the operation agency's active case workers), so a
 * tampered or stale pick is a field error like any other.
 */
import { formText } from '../platform/forms/body.ts';
import { checkDateField } from '../platform/forms/date-field.ts';
import { blankDate, type DateParts, datePartsFrom } from '../platform/forms/date-parts.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import type { Checked } from './rules.ts';

export const TASK_DESCRIPTION_MAX = 1000;

export interface TaskForm {
  description: string;
  owner: string;
  dueOn: DateParts;
}

export interface TaskOwnerChoice {
  id: string;
  name: string;
  username: string;
}

export interface TaskInput {
  description: string;
  owner: TaskOwnerChoice;
  dueOn: string;
}

export function blankTaskForm(): TaskForm {
  return { description: '', owner: '', dueOn: blankDate() };
}

export function taskFormFrom(body: unknown): TaskForm {
  return {
    description: formText(body, 'description', TASK_DESCRIPTION_MAX + 1).trim(),
    owner: formText(body, 'owner', 40).trim().toLowerCase(),
    dueOn: datePartsFrom(body, 'dueOn'),
  };
}

/** The form checked in page order: what to do, who does it, by when (today or later, on the UK clock). */
export function validateTask(
  form: TaskForm,
  owners: readonly TaskOwnerChoice[],
  now: Date,
): Checked<TaskInput> {
  const errors: FieldError[] = [];
  if (!form.description) errors.push({ field: 'description', message: 'Enter what is to be done' });
  else if (form.description.length > TASK_DESCRIPTION_MAX)
    errors.push({ field: 'description', message: 'The task must be 1,000 characters or fewer' });
  const owner = owners.find((o) => o.id === form.owner);
  if (!form.owner) errors.push({ field: 'owner', message: 'Select who will do the task' });
  else if (!owner)
    errors.push({ field: 'owner', message: 'Select someone of your agency who works on operations' });
  const today = formatLocalDate(toLocalDate(now));
  const dueOn = checkDateField(form.dueOn, { field: 'dueOn', label: 'The due date', required: true }, errors);
  if (dueOn && dueOn < today)
    errors.push({ field: 'dueOn', message: 'The due date must be today or in the future' });
  if (errors.length || !owner || !dueOn) return { input: null, errors };
  return { input: { description: form.description, owner, dueOn }, errors: [] };
}
