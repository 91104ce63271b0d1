/**
 * Errors a handler may throw. Each becomes a response a person can act on: a GOV.UK error page or error
 * summary on pages, `{ error, message, details }` in the API. Anything else is a generic 500 with a
 * correlation id and no internals.
 */
/** A problem tied to the input field a person must fix; `code` is a stable name for API clients. */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
  }
}

export class ValidationError extends HttpError {
  constructor(details: FieldError[], message = 'There is a problem with what was sent') {
    super(400, 'VALIDATION_FAILED', message, details);
  }
}

export class NotFoundError extends HttpError {
  constructor(message = 'Page not found') {
    super(404, 'NOT_FOUND', message);
  }
}

/**
 * A record exists but is outside the principal's scope. It answers exactly like a missing record (404)
 * and the denial is audited in a transaction of its own, since the request's own work rolls back.
 */
export class AccessDeniedError extends HttpError {
  constructor(
    readonly subjectType: string,
    readonly subjectId: string,
    readonly reason: string,
  ) {
    super(404, 'NOT_FOUND', 'Page not found');
  }
}

/**
 * A form named a record the caller may not see (a person picked for a field): answered as a field error,
 * so the form keeps what was typed, never as a 404 that loses it. The denial is still audited, on its own,
 * like any other (the error handler does it, and a page route that re-shows its form calls `auditDenial`).
 */
export class DeniedFieldError extends ValidationError {
  constructor(
    readonly denial: AccessDeniedError,
    details: FieldError[],
  ) {
    super(details);
  }
}

/**
 * The caller lacks a permission. Every denial is audited: the error handler writes an ACCESS_DENIED event
 * unless the thrower says it already has (`audited`), as the route permission check does.
 */
export class ForbiddenError extends HttpError {
  constructor(
    message = 'You do not have permission to do that',
    readonly audited = false,
  ) {
    super(403, 'FORBIDDEN', message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, details: FieldError[] = []) {
    super(409, 'CONFLICT', message, details);
  }
}
