/** Small helpers the administration services share. */
import { ConflictError } from '../platform/http/errors.ts';

export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' ? (e.constraint ?? 'unique') : null;
}

/** A unique value already taken, as a conflict on the field that holds it; any other error unchanged. */
export function takenOr(error: unknown, field: string, message: string): unknown {
  return uniqueViolation(error) ? new ConflictError(message, [{ field, message }]) : error;
}

export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed ? trimmed : null;
}
