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

  it('requires the client id and secret when an OpenID provider is configured', () => {
    expect(() => loadConfig({ LANTERN_OIDC_ISSUER: 'http://localhost:9999' })).toThrow(
      /LANTERN_OIDC_CLIENT_ID/,
    );
  });
});
