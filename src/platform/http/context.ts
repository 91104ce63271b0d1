/** Fastify type augmentation shared by every module: who is calling and how to work on their behalf. */
import type { Principal } from '../access/principal.ts';
import type { AuditInput } from '../audit/store.ts';
import type { ResolvedSession } from '../auth/authenticate.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Tx } from '../db/transaction.ts';
import type { Views } from '../views/render.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    config: Config;
    views: Views;
    /** Routes that succeeded without committing the audit event they declare (should stay empty). */
    auditGaps: string[];
  }
  interface FastifyRequest {
    principal: Principal;
    session: ResolvedSession | null;
    /** What the CSRF token of this request's forms is bound to (session, or pre-session cookie). */
    csrfBinding: string | null;
    /** Runs work in one transaction as the calling principal, under row-level security. */
    tx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
    /** Writes the route's declared audit action (or `input.action`) in the given transaction. */
    audit(tx: Tx, input?: Partial<AuditInput>): Promise<void>;
    /** Audit events this request has committed (see the audit-gap check in access-hooks.ts). */
    auditTally: { committed: number };
    /** This request's transactions: a response is held until they have all committed. */
    transactions: import('./transaction-tracker.ts').TransactionTracker | null;
  }
  interface FastifyReply {
    /** Renders a page with the layout's context (marking, navigation, CSRF token, CSP nonce). */
    page(template: string, data?: Record<string, unknown>, statusCode?: number): FastifyReply;
  }
}
