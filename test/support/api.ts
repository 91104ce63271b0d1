/**
 * Calling the JSON API as a system with a bearer token, the way partner systems do: a token issued to an
 * agency with a set of permissions, and requests that carry it.
 */
import type { LightMyRequestResponse } from 'fastify';
import { issueToken } from '../../src/admin/service.ts';
import type { Permission } from '../../src/platform/access/permissions.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import type { TestApp } from './app.ts';

/** A token's secret, for a system of the agency holding exactly these permissions. */
export async function issueTestToken(
  t: Pick<TestApp, 'db'>,
  agencyId: string,
  permissions: Permission[],
  name = `system ${Math.random()}`,
): Promise<string> {
  const { secret } = await withTransaction(t.db, systemContext('test'), (tx) =>
    issueToken(tx, { name, agencyId, permissions, expiresInDays: 30 }, null),
  );
  return secret;
}

export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A request with the bearer token, a JSON body when one is given, and any extra headers. */
export function callApi(
  t: Pick<TestApp, 'app'>,
  secret: string,
  method: ApiMethod,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** The referral's child, by the referral id: a referrer is told only its reference, so ask the database. */
export async function personOfReferral(
  t: Pick<TestApp, 'superuserQuery'>,
  referralId: string,
): Promise<string> {
  const { rows } = await t.superuserQuery('SELECT person_id FROM victim_referral WHERE id = $1', [
    referralId,
  ]);
  return rows[0].person_id as string;
}
