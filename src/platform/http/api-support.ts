/**
 * What every JSON API module shares: the error body, route declarations, idempotent writes (the body
 * schemas' building blocks are in api-schemas.ts).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../access/permissions.ts';
import type { Tx } from '../db/transaction.ts';
import { Uuid } from './api-schemas.ts';
import { idempotent } from './idempotency.ts';

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ErrorBody = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    details: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    correlationId: Type.Optional(Type.String()),
  },
  { description: 'What went wrong; each detail names a field and what to do' },
);

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  415: ErrorBody,
};

export function apiRoute(permission: Permission, audit: string) {
  return { access: { permission, audit, surface: 'api' as const } };
}

/** Sends a write's response, or the stored response of an earlier request with the same Idempotency-Key. */
export async function idempotentWrite(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (tx: Tx) => Promise<{ statusCode: number; body: unknown }>,
) {
  const result = await request.tx((tx) => idempotent(tx, request, () => work(tx)));
  if (result.replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.status(result.statusCode).send(result.body);
}

/** Dates as ISO strings, recursively: what JSON clients expect of a row or view read from the database. */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** An answer as JSON (dates as ISO strings), with a label beside each code (withCodeLabels). */
export function plainWithCodeLabels(value: unknown, labellers: CodeLabellers): unknown {
  return withCodeLabels(plain(value), labellers);
}

/** How a module reads its codes: the label of a code under a given property name, or null. */
export type CodeLabellers = Readonly<Record<string, (code: string) => string | null | undefined>>;

/**
 * A response with a label beside each code (issue 14: the API has both): wherever an object holds one of
 * `labellers`' properties as a string, `<property>Label` (`<property>_label` for snake_case rows) follows
 * it. The codes themselves stay as they were, for the systems that read them.
 */
export function withCodeLabels(value: unknown, labellers: CodeLabellers): unknown {
  if (Array.isArray(value)) return value.map((v) => withCodeLabels(v, labellers));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = withCodeLabels(v, labellers);
    const labeller = labellers[k];
    if (labeller && (typeof v === 'string' || v === null))
      out[k.includes('_') ? `${k}_label` : `${k}Label`] = v === null ? null : (labeller(v) ?? v);
  }
  return out;
}
