import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { createTestApp, createTestUser, PageClient, signIn, type TestApp } from '../support/app.ts';
import { rebuildWith } from '../support/app-with.ts';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  const config = loadConfig({ LANTERN_SIGN_IN_RATE_LIMIT: '1000', LOG_LEVEL: 'info' });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await rebuildWith(await createTestApp(), { config, logger: { stream } });
});
afterAll(async () => {
  await t?.close();
});

describe('rate limits (issue: sign-in and the API)', () => {
  it('limits sign-in attempts per address', async () => {
    const limited = await createTestApp({ LANTERN_SIGN_IN_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.app.inject('/sign-in')).statusCode);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses[3]).toBe(429);
      // Pages not about signing in are not limited.
      expect((await limited.app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits API calls per token', async () => {
    const limited = await createTestApp({ LANTERN_API_RATE_LIMIT: '2' });
    try {
      const call = () =>
        limited.app.inject({
          url: '/api/v1/agencies',
          headers: { authorization: 'Bearer lnt_aaaaaaaaaaaaaaaaaaaaaaaaaa' },
        });
      const statuses = [(await call()).statusCode, (await call()).statusCode, (await call()).statusCode];
      expect(statuses[2]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('logs carry no personal data, tokens or cookies (SECURITY 15)', () => {
  it('logs method, route pattern, status and correlation id only', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const client = await signIn(t, user);
    await client.post('/audit', { actor: 'Jessica Smyth', subjectId: '14/03/2011' });
    await new PageClient(t.app).get('/audit?name=Jessica+Smyth');
    const all = logLines.join('\n');
    expect(all).toContain('"route":"/audit"');
    for (const secret of [
      user.password,
      user.username,
      'Jessica',
      '14/03/2011',
      '__Host-lantern_session',
      'Smyth',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
    for (const value of client.cookies.values()) expect(all).not.toContain(value);
  });
});

describe('operations endpoints', () => {
  it('/healthz, /readyz and /metrics (from this machine) answer without signing in and carry no personal data', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('lantern_http_request_duration_seconds');
    expect(metrics.body).not.toMatch(/route="\/audit\?/);
  });

  it('publishes the OpenAPI document of the partner API only', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of Object.keys(doc.paths ?? {})) expect(path.startsWith('/api/v1/')).toBe(true);
    expect((await t.app.inject('/api/docs/')).statusCode).toBe(200);
  });
});
