/** Passwords: argon2id with OWASP's recommended parameters, and a minimum policy checked before hashing. */
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2's Algorithm is a const enum, which isolated modules cannot inline: 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'Password must be 256 characters or fewer';
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'Password must not contain the username';
  if (new Set(password).size < 5) return 'Password must use more than a few different characters';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let verifications = 0;

/**
 * How many argon2 verifications this process has run. Sign-in must do exactly one on every path (unknown,
 * disabled, locked, wrong, right) so that timing reveals nothing; tests observe that through this count.
 */
export function passwordVerifications(): number {
  return verifications;
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  verifications += 1;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * Verified against when there is no real hash to check (an unknown account), so that the work and time are
 * those of a real check. A fixed value with the same parameters as OPTIONS (a unit test keeps them equal):
 * computing it lazily would make the first unknown-account sign-in slower than the rest.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$ZDzkLcr++sRxAk/JW1HaCQ$E0yYhgbIs6zM2ftX8suXeFx/TnNhtNDVL1czzBmtJiQ';

/** The argon2 parameters OPTIONS produce, as written at the start of a hash. */
export const HASH_PARAMETERS = `$argon2id$v=19$m=${OPTIONS.memoryCost},t=${OPTIONS.timeCost},p=${OPTIONS.parallelism}$`;
