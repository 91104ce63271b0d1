/**
 * `Idempotency-Key` on API writes: the first response is stored in the same transaction as the write, so a
 * retry (after a timeout, say) returns it again instead of writing twice. The same key with a different
 * body is a client error.
 */
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/chain.ts';
import { appendAuditEvent } from '../audit/store.ts';
import { sha256 } from '../auth/secrets.ts';
import type { Tx } from '../db/transaction.ts';
import { ConflictError, ValidationError } from './errors.ts';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
  replayed: boolean;
}

const SECRET_FIELDS = new Set(['password', 'confirmPassword']);

/** Secrets never reach the stored fingerprint: an unsalted hash of a password would be a weakness. */
function withoutSecrets(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([k]) => !SECRET_FIELDS.has(k)),
  );
}

export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new ValidationError([
      { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 printable characters' },
    ]);
  }
  return key;
}

/**
 * Runs `write` at most once per (principal, key). The key row is inserted first, so a concurrent retry
 * waits on it and then sees the stored response.
 */
export async function idempotent(
  tx: Tx,
  request: FastifyRequest,
  write: () => Promise<{ statusCode: number; body: unknown }>,
): Promise<StoredResponse> {
  const key = idempotencyKeyOf(request);
  if (!key) return { ...(await write()), replayed: false };
  const route = `${request.method} ${request.routeOptions.url}`;
  const requestHash = sha256(canonicalJson(withoutSecrets(request.body ?? null)));
  const claimed = await tx.query(
    `INSERT INTO idempotency_key (principal, key, route, request_hash, status_code, response)
     VALUES ($1, $2, $3, $4, 0, 'null') ON CONFLICT DO NOTHING RETURNING 1`,
    [tx.context.principalKey, key, route, requestHash],
  );
  if (claimed.length === 0) {
    const prior = await tx.one<{
      route: string;
      request_hash: string;
      status_code: number;
      response: unknown;
    }>(
      'SELECT route, request_hash, status_code, response FROM idempotency_key WHERE principal = $1 AND key = $2',
      [tx.context.principalKey, key],
    );
    if (prior.route !== route || prior.request_hash !== requestHash) {
      throw new ConflictError('This Idempotency-Key was already used with a different request');
    }
    // A replay hands the caller the stored response again: that is a disclosure, so it is audited too.
    await appendAuditEvent(tx, {
      action: 'REQUEST_REPLAYED',
      details: { route, statusCode: prior.status_code },
    });
    return { statusCode: prior.status_code, body: prior.response, replayed: true };
  }
  const result = await write();
  await tx.query(
    'UPDATE idempotency_key SET status_code = $3, response = $4 WHERE principal = $1 AND key = $2',
    [tx.context.principalKey, key, result.statusCode, JSON.stringify(result.body)],
  );
  return { ...result, replayed: false };
}
