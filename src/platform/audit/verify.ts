/** `lantern audit verify`: walks the whole chain in batches and names the first bad event. */
import type { Database } from '../db/database.ts';
import { systemContext, withTransaction } from '../db/transaction.ts';
import { type ChainProblem, ChainVerifier, describeProblem } from './chain.ts';
import { readChainHead, readEventsAfter, readSealedFromSeq } from './store.ts';

export interface VerifyReport {
  ok: boolean;
  checked: number;
  problem: ChainProblem | null;
  message: string;
}

export async function verifyAuditChain(db: Database, batchSize = 5000): Promise<VerifyReport> {
  // One transaction: a consistent snapshot even while the app keeps appending.
  return withTransaction(
    db,
    systemContext('audit-verify'),
    async (tx) => {
      const verifier = new ChainVerifier(db.auditKey, await readSealedFromSeq(tx));
      let after = 0;
      for (;;) {
        const events = await readEventsAfter(tx, after, batchSize);
        for (const event of events) {
          const problem = verifier.next(event);
          if (problem)
            return { ok: false, checked: verifier.checked, problem, message: describeProblem(problem) };
        }
        if (events.length < batchSize) break;
        after = events.at(-1)!.seq;
      }
      const problem = verifier.finish(await readChainHead(tx));
      if (problem)
        return { ok: false, checked: verifier.checked, problem, message: describeProblem(problem) };
      return {
        ok: true,
        checked: verifier.checked,
        problem: null,
        message: `${verifier.checked} events verified`,
      };
    },
    { isolation: 'REPEATABLE READ', readOnly: true },
  );
}
