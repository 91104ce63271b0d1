/**
 * SECURITY 29: X-Forwarded-For is believed only from the proxies in LANTERN_TRUSTED_PROXIES. Otherwise a
 * client could name a new address on each attempt and never meet the sign-in rate limit, in production
 * as anywhere else.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

const LIMIT = 10;
const ATTEMPTS = 15;
const PRODUCTION = {
  NODE_ENV: 'production',
  LANTERN_SESSION_SECRET: 'q8J2vN5xW0pL7rT3zY6mK1cB4hF9sD2gA5eU7iO3',
  // Required in production; the test harness gives the app its own database whatever this says.
  DATABASE_URL: 'postgres://unused.invalid/lantern',
};

/** Password attempts from one connection (inject's 127.0.0.1), each claiming the forwarded address given. */
async function attemptStatuses(t: TestApp, forwardedFor: (i: number) => string): Promise<number[]> {
  const form = await t.app.inject({ url: '/sign-in', headers: { 'x-forwarded-for': '198.51.100.1' } });
  const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const statuses: number[] = [];
  for (let i = 0; i < ATTEMPTS; i++) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': forwardedFor(i),
      },
      payload: new URLSearchParams({
        _csrf: csrf,
        username: 'nobody.here',
        password: 'guess number one',
      }).toString(),
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

async function withApp(env: Record<string, string>, work: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await createTestApp({ LANTERN_SIGN_IN_RATE_LIMIT: String(LIMIT), ...env });
  try {
    await work(t);
  } finally {
    await t.close();
  }
}

describe('forwarded addresses and the sign-in rate limit (SECURITY 29)', () => {
  it('ignores X-Forwarded-For in production when no proxy is trusted: a new address per attempt is still limited', async () => {
    await withApp(PRODUCTION, async (t) => {
      expect(t.config.production).toBe(true);
      const statuses = await attemptStatuses(t, (i) => `203.0.113.${i + 1}`);
      // The form itself was the first request from this client within the minute.
      expect(statuses.slice(0, LIMIT - 1).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(LIMIT - 1).every((s) => s === 429)).toBe(true);
    });
  });

  it('ignores X-Forwarded-For from a client that is not a listed proxy', async () => {
    await withApp({ ...PRODUCTION, LANTERN_TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16' }, async (t) => {
      const statuses = await attemptStatuses(t, (i) => `203.0.113.${i + 1}`);
      expect(statuses.slice(LIMIT - 1).every((s) => s === 429)).toBe(true);
    });
  });

  it('honours X-Forwarded-For from a listed proxy: each forwarded client has its own limit', async () => {
    await withApp({ ...PRODUCTION, LANTERN_TRUSTED_PROXIES: '127.0.0.1' }, async (t) => {
      const distinct = await attemptStatuses(t, (i) => `203.0.113.${i + 1}`);
      expect(distinct).toEqual(Array(ATTEMPTS).fill(401));
      // One forwarded client repeating itself meets its limit.
      const same = await attemptStatuses(t, () => '203.0.113.200');
      expect(same.slice(0, LIMIT).every((s) => s === 401)).toBe(true);
      expect(same.slice(LIMIT).every((s) => s === 429)).toBe(true);
    });
  });

  it('accepts a CIDR range holding the proxy', async () => {
    await withApp({ LANTERN_TRUSTED_PROXIES: '127.0.0.0/8' }, async (t) => {
      expect(await attemptStatuses(t, (i) => `203.0.113.${i + 1}`)).toEqual(Array(ATTEMPTS).fill(401));
    });
  });
});
