/**
 * What every module's page routes share: the route's access declaration, a record id from the path (a
 * malformed one is simply "not found"), and the field errors of a form to show again.
 */
import type { RoutePermission } from '../access/policy.ts';
import { isUuid } from '../ids.ts';
import { type FieldError, NotFoundError, ValidationError } from './errors.ts';

/** `{ config: { access } }` of a page route: its permission (or any of several) and its audit action. */
export function pageRoute(permission: RoutePermission, audit: string) {
  return { config: { access: { permission, audit, surface: 'page' as const } } };
}

/** A record id from the path, lower-cased; anything else is a 404 before a query sees it. */
export function recordIdOf(raw: string | undefined): string {
  if (!raw || !isUuid(raw)) throw new NotFoundError();
  return raw.toLowerCase();
}

/** The success notice a redirect named (`?notice=<key>`), from the page's own list; anything else, none. */
export function noticeFrom<K extends string>(
  query: unknown,
  notices: Readonly<Record<K, string>>,
): string | null {
  const key = (query as Record<string, unknown> | undefined)?.['notice'];
  return typeof key === 'string' && Object.hasOwn(notices, key) ? notices[key as K] : null;
}

/** The field errors of a refused form (to show it again, as typed); anything else is rethrown. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (error instanceof ValidationError) return error.details;
  throw error;
}
