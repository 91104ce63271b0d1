import { describe, expect, it } from 'vitest';
import { ConfigError, isWeakSecret, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts in development with defaults and an embedded database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir).toBe('./data');
    expect(config.idleTimeoutMinutes).toBe(30);
    expect(config.absoluteTimeoutHours).toBe(10);
  });

  it('refuses to start in production without a session secret, saying which and how to fix it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x' })).toThrow(
      /LANTERN_SESSION_SECRET is missing.*openssl rand/,
    );
  });

  it('refuses a weak secret in production', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://x',
        LANTERN_SESSION_SECRET: 'changeme',
      }),
    ).toThrow(/LANTERN_SESSION_SECRET is weak/);
    expect(isWeakSecret('a'.repeat(64))).toBe(true);
    expect(isWeakSecret('q8J2vN5xW0pL7rT3zY6mK1cB4hF9sD2gA5e')).toBe(false);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', LANTERN_IDLE_TIMEOUT_MINUTES: '0' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
      expect(problems.some((p) => p.startsWith('LANTERN_IDLE_TIMEOUT_MINUTES'))).toBe(true);
    }
  });

  it('trusts no proxy by default, in production too', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    const production = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x',
      LANTERN_SESSION_SECRET: 'q8J2vN5xW0pL7rT3zY6mK1cB4hF9sD2gA5e',
    });
    expect(production.trustedProxies).toEqual([]);
  });

  it('reads trusted proxies as addresses and CIDR ranges, IPv4 and IPv6', () => {
    expect(
      loadConfig({ LANTERN_TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16 ,fd00::/8,::1,loopback,' })
        .trustedProxies,
    ).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', '::1', 'loopback']);
  });

  it('refuses a trusted proxy that is not an address or range, naming the variable and each bad entry', () => {
    for (const bad of [
      'proxy.example.org',
      '10.0.0.300',
      '10.0.0.0/33',
      '::/129',
      '10.0.0.0/8/1',
      '10.0.0.0/x',
    ]) {
      const load = () => loadConfig({ LANTERN_TRUSTED_PROXIES: `10.0.0.1, ${bad}` });
      expect(load, bad).toThrow(/LANTERN_TRUSTED_PROXIES must list IP addresses or CIDR ranges/);
      // Only the bad entry is named, so the operator sees which one to fix.
      expect(load, bad).toThrow(new RegExp(`not valid: "${bad.replace(/[.*/]/g, '\\$&')}"$`));
    }
  });

  it('refuses a range that would trust every address', () => {
    expect(() => loadConfig({ LANTERN_TRUSTED_PROXIES: '0.0.0.0/0' })).toThrow(/LANTERN_TRUSTED_PROXIES/);
    expect(() => loadConfig({ LANTERN_TRUSTED_PROXIES: '::/0' })).toThrow(/LANTERN_TRUSTED_PROXIES/);
  });

  it('requires the client id and secret when an OpenID provider is configured', () => {
    expect(() => loadConfig({ LANTERN_OIDC_ISSUER: 'http://localhost:9999' })).toThrow(
      /LANTERN_OIDC_CLIENT_ID/,
    );
  });
});
