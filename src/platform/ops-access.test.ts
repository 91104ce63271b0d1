import { describe, expect, it } from 'vitest';
import { isWeakSecret } from './config.ts';
import { opsAccessFrom, opsGate } from './ops-access.ts';

const TOKEN = 'ops-token-0123456789-abcdefghijklmnopqrstuv';

function parsed(env: Record<string, string>) {
  const problems: string[] = [];
  return { access: opsAccessFrom(env, problems, isWeakSecret), problems };
}

describe('operations access', () => {
  it('allows this machine only by default', () => {
    const gate = opsGate(parsed({}).access);
    expect(gate('127.0.0.1', undefined)).toBe(true);
    expect(gate('::1', undefined)).toBe(true);
    expect(gate('::ffff:127.0.0.1', undefined)).toBe(true);
    expect(gate('10.0.0.1', undefined)).toBe(false);
    expect(gate('203.0.113.9', undefined)).toBe(false);
  });

  it('takes addresses and ranges, or none at all', () => {
    const gate = opsGate(parsed({ LANTERN_OPS_ALLOW: '10.1.0.0/16, 192.0.2.7' }).access);
    expect(gate('10.1.200.3', undefined)).toBe(true);
    expect(gate('192.0.2.7', undefined)).toBe(true);
    expect(gate('10.2.0.1', undefined)).toBe(false);
    expect(gate('127.0.0.1', undefined)).toBe(false);
    expect(opsGate(parsed({ LANTERN_OPS_ALLOW: 'none' }).access)('127.0.0.1', undefined)).toBe(false);
  });

  it('lets the operations token in from anywhere, and nothing like it', () => {
    const gate = opsGate(parsed({ LANTERN_OPS_ALLOW: 'none', LANTERN_OPS_TOKEN: TOKEN }).access);
    expect(gate('203.0.113.9', `Bearer ${TOKEN}`)).toBe(true);
    expect(gate('203.0.113.9', `Bearer ${TOKEN.slice(0, -1)}x`)).toBe(false);
    expect(gate('203.0.113.9', TOKEN)).toBe(false);
  });

  it('names the variable for a bad range, a /0 range or a weak token', () => {
    expect(parsed({ LANTERN_OPS_ALLOW: 'everyone' }).problems[0]).toMatch(/LANTERN_OPS_ALLOW .* "everyone"/);
    expect(parsed({ LANTERN_OPS_ALLOW: '0.0.0.0/0' }).problems[0]).toMatch(/LANTERN_OPS_ALLOW/);
    expect(parsed({ LANTERN_OPS_TOKEN: 'short' }).problems[0]).toMatch(/LANTERN_OPS_TOKEN is weak/);
  });
});
