/** Small helpers shared by the people pages: route declarations, posted text, ids and reasons. */
import type { Permission } from '../platform/access/permissions.ts';
import { formText } from '../platform/forms/body.ts';
import { type FieldError, NotFoundError } from '../platform/http/errors.ts';
import { MIN_REASON_LENGTH } from './merge.ts';
import { isUuid } from './service.ts';

type PageAccess = { config: { access: { permission: Permission; audit: string; surface: 'page' } } };

/** The access declaration of a page route. */
export function page(permission: Permission, audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

/** A posted text field, cut to `max` characters and trimmed. */
export function text(body: unknown, name: string, max: number): string {
  return formText(body, name, max).trim();
}

/** A record id from the path: anything but a UUID answers like a missing record. */
export function idOf(raw: string): string {
  if (!isUuid(raw)) throw new NotFoundError();
  return raw.toLowerCase();
}

const REASON_MESSAGE = `Give the reason in ${MIN_REASON_LENGTH} to 2000 characters`;

/** Merging, unmerging and deciding a match each need a reason. */
export function reasonProblem(reason: string, field = 'reason'): FieldError[] {
  return reason.length < MIN_REASON_LENGTH || reason.length > 2000
    ? [{ field, message: REASON_MESSAGE }]
    : [];
}
