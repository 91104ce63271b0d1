import { AccessDeniedError, NotFoundError } from '../http/errors.ts';
import { isUuid } from '../ids.ts';

/**
 * One record read as the caller, under row-level security. A malformed or unknown id is "not found"; a
 * record that exists but is out of the caller's scope answers the same, and the denial is audited
 * (AccessDeniedError), so a caller cannot tell the two apart.
 */
export async function inScopeOrDeny<T>(
  subjectType: string,
  id: string,
  read: { find: () => Promise<T | null>; exists: () => Promise<boolean> },
): Promise<T> {
  if (!isUuid(id)) throw new NotFoundError();
  const found = await read.find();
  if (found) return found;
  if (await read.exists()) throw new AccessDeniedError(subjectType, id, 'OUT_OF_SCOPE');
  throw new NotFoundError();
}
