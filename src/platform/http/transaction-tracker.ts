/**
 * A request's open transactions, and the page or redirect it made inside one: that response is sent only
 * once everything has committed, so the user is never told "saved" about work that then rolled back.
 */
import type { FastifyReply } from 'fastify';

export class TransactionTracker {
  open = 0;
  /** A page or redirect made inside a transaction, sent once everything has committed. */
  pending: (() => void) | null = null;

  opened(): void {
    this.open += 1;
  }

  closed(): void {
    this.open -= 1;
  }
}

/**
 * What reply.page and reply.redirect return when called inside a transaction: not the reply itself, which
 * is a thenable that settles only when the response is sent, and so would wait on its own transaction.
 */
export const DEFERRED_REPLY = Object.freeze({ deferredReply: true }) as unknown as FastifyReply;

export function isDeferred(value: unknown): boolean {
  return value === DEFERRED_REPLY;
}
