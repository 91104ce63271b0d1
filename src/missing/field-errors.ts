/** The services' one way to refuse bad input: a ValidationError with plain field errors. */
import { type FieldError, ValidationError } from '../platform/http/errors.ts';

function plainErrors(errors: readonly { field: string; message: string }[]): FieldError[] {
  return errors.map(({ field, message }) => ({ field, message }));
}

/** Throws the field errors (the pure rules' own error shapes may carry more than field and message). */
export function fail(errors: readonly { field: string; message: string }[]): never {
  throw new ValidationError(plainErrors(errors));
}
