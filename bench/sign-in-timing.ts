/**
 * Benchmark: how long the password stage of sign-in takes on each path (SECURITY 29 asks that time not
 * tell an unknown, disabled or locked account from a wrong password). Rounds are interleaved so that load
 * from elsewhere falls on every path alike.
 *   npx tsx bench/sign-in-timing.ts [rounds]     (default 25)
 */
import { randomUUID } from 'node:crypto';
import { createAgency, createUser } from '../src/admin/service.ts';
import { signInWithPassword } from '../src/platform/auth/service.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemContext, withTransaction } from '../src/platform/db/transaction.ts';
import { benchEngines, fmt, heading, latency, openBenchDatabase, ratio, table } from './lib/support.ts';

const ROUNDS = Number(process.argv[2] ?? 25);
const PASSWORD = 'Correct horse battery 42';
// A high threshold keeps the wrong-password account from locking while it is measured.
const config = loadConfig({ LANTERN_LOCKOUT_THRESHOLD: '100', LOG_LEVEL: 'silent' });
const PATHS = ['wrong password', 'unknown account', 'disabled account', 'locked account', 'right password'];

for (const engine of benchEngines()) {
  const bench = await openBenchDatabase(engine);
  try {
    heading(`Sign-in password stage, ${ROUNDS} rounds (${bench.where})`);
    const names = await withTransaction(bench.db, systemContext('bench'), async (tx) => {
      const agency = await createAgency(tx, {
        code: 'BENCH',
        name: 'Bench agency',
        type: 'OTHER',
        area: null,
      });
      const make = async (username: string) => {
        await createUser(tx, {
          agencyId: agency.id,
          username,
          displayName: username,
          roles: ['AUDITOR'],
          teamIds: [],
          password: PASSWORD,
        });
        return username;
      };
      const disabled = await make('bench.disabled');
      const locked = await make('bench.locked');
      await tx.query('UPDATE app_user SET disabled_at = now() WHERE username = $1', [disabled]);
      await tx.query(
        "UPDATE app_user SET failed_sign_ins = 100, locked_until = now() + interval '1 day' WHERE username = $1",
        [locked],
      );
      return [await make('bench.wrong'), 'nobody.at.all', disabled, locked, await make('bench.right')];
    });
    const samples: number[][] = PATHS.map(() => []);
    for (let round = -2; round < ROUNDS; round++) {
      for (const [i, username] of names.entries()) {
        const started = performance.now();
        await signInWithPassword(
          bench.db,
          config,
          username,
          i === 4 ? PASSWORD : 'a wrong guess',
          randomUUID(),
        );
        // The first two rounds warm up and are not counted.
        if (round >= 0) samples[i]!.push(performance.now() - started);
      }
    }
    const wrong = latency(samples[0]!).p50;
    console.log(
      table(
        ['path', 'p50 ms', 'p95 ms', 'p50 vs wrong password'],
        PATHS.map((path, i) => {
          const l = latency(samples[i]!);
          return [path, fmt(l.p50), fmt(l.p95), ratio(l.p50, wrong)];
        }),
      ),
    );
  } finally {
    await bench.dispose();
  }
}
