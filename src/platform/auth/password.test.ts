import { describe, expect, it } from 'vitest';
import {
  DUMMY_PASSWORD_HASH,
  HASH_PARAMETERS,
  hashPassword,
  passwordVerifications,
  verifyPassword,
} from './password.ts';

describe('password hashing', () => {
  it('the dummy hash costs what a real one does: same algorithm and parameters', async () => {
    expect(DUMMY_PASSWORD_HASH.startsWith(HASH_PARAMETERS)).toBe(true);
    expect((await hashPassword('a password of some length')).startsWith(HASH_PARAMETERS)).toBe(true);
  });

  it('counts every verification, right, wrong or against an unreadable hash', async () => {
    const stored = await hashPassword('the right password here');
    const before = passwordVerifications();
    expect(await verifyPassword(stored, 'the right password here')).toBe(true);
    expect(await verifyPassword(DUMMY_PASSWORD_HASH, 'anything at all')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
    expect(passwordVerifications() - before).toBe(3);
  });
});
