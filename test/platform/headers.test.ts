import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, signIn, type TestApp } from '../support/app.ts';
import { rebuildWith } from '../support/app-with.ts';

let t: TestApp;
const boom = async (app: FastifyInstance) => {
  app.get(
    '/boom',
    { config: { access: { permission: 'authenticated', audit: 'none', surface: 'page' } } },
    async () => {
      throw new Error('secret internal detail: relation "app_user" at line 42');
    },
  );
};
beforeAll(async () => {
  // Rebuilt with a route that fails unexpectedly, to see what a 500 reveals.
  t = await rebuildWith(await createTestApp(), { plugins: [boom] });
});
afterAll(async () => {
  await t?.close();
});

function expectSecurityHeaders(headers: Record<string, unknown>, label: string) {
  const csp = String(headers['content-security-policy']);
  expect(csp, label).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).toContain("base-uri 'none'");
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(String(headers['strict-transport-security']), label).toMatch(/max-age=\d{7,}/);
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  expect(headers['referrer-policy'], label).toBe('no-referrer');
  expect(headers['cache-control'], label).toBe('no-store');
  expect(headers['x-correlation-id'], label).toMatch(/^[0-9a-f-]{36}$/);
}

describe('HTTP hygiene (SECURITY 13)', () => {
  it('sets every header on pages, JSON, errors, static files and redirects, with a fresh nonce per response', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const client = await signIn(t, user);
    const responses = {
      page: await client.get('/audit'),
      publicPage: await t.app.inject('/sign-in'),
      json: await t.app.inject('/healthz'),
      apiError: await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }),
      pageNotFound: await client.get('/no-such-page'),
      staticFile: await t.app.inject('/assets/build/lantern.css'),
      redirect: await t.app.inject('/audit'),
      unexpected: await client.get('/boom'),
    };
    for (const [label, response] of Object.entries(responses)) expectSecurityHeaders(response.headers, label);
    expect(responses.staticFile.statusCode).toBe(200);
    const nonceOf = (r: { headers: Record<string, unknown> }) =>
      /nonce-([^']+)/.exec(String(r.headers['content-security-policy']))?.[1];
    expect(nonceOf(responses.page)).not.toBe(nonceOf(responses.publicPage));
    // The inline script in the page carries the response's own nonce.
    expect(responses.page.body).toContain(`nonce="${nonceOf(responses.page)}"`);
  });

  it('answers an unexpected error with a generic 500 and a correlation id, revealing nothing', async () => {
    const user = await createTestUser(t, ['AUDITOR']);
    const client = await signIn(t, user);
    const response = await client.get('/boom');
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain(String(response.headers['x-correlation-id']));
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toContain('app_user');
    expect(response.body).toContain('OFFICIAL-SENSITIVE');
  });

  it('answers API errors as { error, message, details } JSON', async () => {
    const response = await t.app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'NOT_FOUND', message: expect.any(String), details: [] });
  });

  it('takes only JSON on the API (SECURITY 11)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'Bearer lnt_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      },
      payload: 'name=x',
    });
    expect([401, 415]).toContain(response.statusCode);
  });

  it('serves no GOV.UK crown or GDS Transport font, and marks every page OFFICIAL-SENSITIVE', async () => {
    const css = await t.app.inject('/assets/build/lantern.css');
    expect(css.body).not.toContain('GDS Transport');
    const page = await t.app.inject('/sign-in');
    expect(page.body).toContain('OFFICIAL-SENSITIVE');
    expect(page.body).not.toMatch(/govuk-crest|govuk-logo/);
  });
});
