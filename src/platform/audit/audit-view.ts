/** The audit page's rows and filter as people read them: labels, names, GOV.UK dates and date inputs. */
import type { DateParts } from '../forms/date-parts.ts';
import { ukDateTime } from '../time/display.ts';
import { AUDIT_ACTIONS, auditActionLabel } from './action-labels.ts';
import type { ChainedEvent } from './chain.ts';

export const OUTCOME_LABELS: Record<string, string> = {
  SUCCESS: 'Success',
  DENIED: 'Denied',
  FAILURE: 'Failure',
};

/** The actor as a person reads them: "Name, Agency" for a user, else what the event recorded (a token, the system). */
export function eventRow(e: ChainedEvent, names: ReadonlyMap<string, string>) {
  return {
    seq: e.seq,
    when: ukDateTime(e.occurredAt),
    who: (e.actorUserId && names.get(e.actorUserId)) || e.actorLabel,
    action: auditActionLabel(e.action),
    subjectType: e.subjectType ? e.subjectType.replaceAll('_', ' ') : '',
    subjectId: e.subjectId,
    outcome: OUTCOME_LABELS[e.outcome] ?? e.outcome,
    justification: e.justification,
    recipients: e.recipients,
  };
}

/** The action select: every known action by label, the chosen one selected. */
export function actionItems(selected: string) {
  const sorted = [...AUDIT_ACTIONS].sort((a, b) => a.label.localeCompare(b.label));
  return [
    { value: '', text: 'Any action' },
    ...sorted.map((a) => ({ value: a.code, text: a.label, selected: a.code === selected })),
  ];
}

/** The day, month and year boxes of a GOV.UK date input, keeping what was typed. */
export function dateItems(parts: DateParts, invalid: boolean) {
  const error = invalid ? ' govuk-input--error' : '';
  return [
    { name: 'day', classes: `govuk-input--width-2${error}`, value: parts.day },
    { name: 'month', classes: `govuk-input--width-2${error}`, value: parts.month },
    { name: 'year', classes: `govuk-input--width-4${error}`, value: parts.year },
  ];
}
