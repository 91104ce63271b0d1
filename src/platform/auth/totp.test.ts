import { describe, expect, it } from 'vitest';
import { checkTotp, currentTotpCode, newTotpSecret } from './totp.ts';

describe('TOTP', () => {
  it('accepts the current code and one step of drift, refuses older codes and replays', async () => {
    const secret = newTotpSecret();
    const now = new Date('2026-03-02T10:00:15Z');
    const code = await currentTotpCode(secret, now);
    const step = await checkTotp(secret, code, null, now);
    expect(step).toBe(Math.floor(now.getTime() / 30000));
    expect(await checkTotp(secret, code, step, now)).toBeNull();
    const previous = await currentTotpCode(secret, new Date(now.getTime() - 30000));
    expect(await checkTotp(secret, previous, null, now)).toBe(step! - 1);
    const stale = await currentTotpCode(secret, new Date(now.getTime() - 120000));
    expect(await checkTotp(secret, stale, null, now)).toBeNull();
  });

  it('refuses malformed codes without throwing', async () => {
    const secret = newTotpSecret();
    expect(await checkTotp(secret, 'abcdef', null)).toBeNull();
    expect(await checkTotp(secret, '12345', null)).toBeNull();
  });
});
