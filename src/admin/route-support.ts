/** What the administration pages share: route declarations, ids from the path, form problems, redirects. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../platform/access/permissions.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { isUuid } from './rules.ts';

type PageAccess = {
  config: { access: { permission: Permission | 'authenticated'; audit: string; surface: 'page' } };
};

export function page(permission: Permission | 'authenticated', audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

export interface IdParams {
  id: string;
}

/** A malformed id names no record: it answers like a missing one. */
export function idOf(request: FastifyRequest<{ Params: IdParams }>): string {
  const id = request.params.id;
  if (!isUuid(id)) throw new NotFoundError();
  return id.toLowerCase();
}

export interface FormProblem {
  errors: FieldError[];
  status: number;
}

/** Validation and duplicate errors go back to the form; anything else is the error handler's. */
export function formProblem(error: unknown, rename: Record<string, string> = {}): FormProblem | null {
  if (!(error instanceof ValidationError || error instanceof ConflictError)) return null;
  const details = error.details.length ? error.details : [{ field: 'form', message: error.message }];
  return {
    errors: details.map((d) => ({ ...d, field: rename[d.field] ?? d.field })),
    status: error.statusCode,
  };
}

/**
 * A form's POST: the change and the page it goes to; on a validation or duplicate error, the form shown again
 * with the problem (`rename` maps a service's field names to the form's). Anything else is the error handler's.
 */
export async function submitOrShowAgain<T>(
  submit: () => Promise<T>,
  showAgain: (problem: FormProblem) => Promise<T>,
  rename: Record<string, string> = {},
): Promise<T> {
  try {
    return await submit();
  } catch (error) {
    const problem = formProblem(error, rename);
    if (!problem) throw error;
    return showAgain(problem);
  }
}

export function redirect(reply: FastifyReply, path: string, notice: string): FastifyReply {
  return reply.redirect(`${path}?notice=${notice}`, 303);
}
