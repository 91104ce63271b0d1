/**
 * /metrics and the API documentation are not public: they answer the configured internal addresses or the
 * operations token, and anyone else exactly like a page that does not exist. Health checks stay open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

const TOKEN = 'ops-token-0123456789-abcdefghijklmnopqrstuv';
const GATED = ['/metrics', '/api/docs/', '/api/v1/openapi.json'];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LANTERN_OPS_ALLOW: '10.20.0.0/16', LANTERN_OPS_TOKEN: TOKEN });
});
afterAll(async () => {
  await t?.close();
});

const from = (url: string, remoteAddress: string, authorization?: string) =>
  t.app.inject({ method: 'GET', url, remoteAddress, headers: authorization ? { authorization } : {} });

describe('operational endpoints', () => {
  it('answer 404 to an address outside the allowed ranges, this machine included when not listed', async () => {
    for (const url of GATED) {
      for (const address of ['203.0.113.9', '127.0.0.1']) {
        const response = await from(url, address);
        expect(response.statusCode, `${url} from ${address}`).toBe(404);
        expect(response.body).not.toContain('lantern_http_request_duration_seconds');
        expect(response.body).not.toContain('openapi');
      }
    }
  });

  it('answer an allowed internal address and the operations token', async () => {
    for (const url of GATED) {
      expect((await from(url, '10.20.3.4')).statusCode, url).toBe(200);
      expect((await from(url, '203.0.113.9', `Bearer ${TOKEN}`)).statusCode, url).toBe(200);
    }
    expect((await from('/metrics', '10.20.3.4')).body).toContain('lantern_http_request_duration_seconds');
  });

  it('keep the health checks open to the load balancer', async () => {
    expect((await from('/healthz', '203.0.113.9')).statusCode).toBe(200);
    expect((await from('/readyz', '203.0.113.9')).statusCode).toBe(200);
  });
});
