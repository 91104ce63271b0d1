/**
 * The service under load, started as the README says (`npm start`: compiled JavaScript under node), on the
 * engine under test: PGlite in a temporary data directory, or the PostgreSQL server of TEST_DATABASE_URL
 * (this file runs in both integration projects; CI runs both, so neither variant is ever skipped there).
 *
 * - SIGTERM mid-load (SECURITY.md property 30): every request in flight finishes with a 2xx, later ones get
 *   a clean 503 (never a reset), the process logs its shutdown and exits 0, and after a restart every
 *   acknowledged write is there.
 * - kill -9 mid-load (property 20): after a restart nothing acknowledged is lost and the audit chain holds.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAgency, createTeam, issueToken } from '../../src/admin/service.ts';
import { verifyAuditChain } from '../../src/platform/audit/verify.ts';
import { CSE_INDICATORS } from '../../src/platform/codes/referral.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, dataDirFromDatabase, testEngine } from '../support/engines.ts';
import { personDetails, victimReferral } from '../support/factories/index.ts';
import { freePort, killAllStarted, type ServerProcess, startServer } from '../support/process.ts';

const CLIENTS = 10;
const LOAD_MS = 4000;

interface Target {
  env: Record<string, string>;
  token: string;
  /** Every referral the database holds, and whether its audit chain verifies; run with the server stopped. */
  check(): Promise<{ referrals: string[]; auditIntact: boolean }>;
  dispose(): Promise<void>;
}

async function inspect(db: Database) {
  const { rows } = await db.pool.query('SELECT id FROM victim_referral');
  return { referrals: rows.map((r: { id: string }) => r.id), auditIntact: (await verifyAuditChain(db)).ok };
}

/** A migrated database with a school (with a team in its area) and an API token that may submit referrals. */
async function prepareTarget(): Promise<Target> {
  const database = await createTestDatabase();
  const token = await withTransaction(database.db, systemContext('test'), async (tx) => {
    const agency = await createAgency(tx, {
      code: 'LOAD-SCHOOL',
      name: 'Load test academy',
      type: 'EDUCATION',
      area: 'BLACKPOOL',
    });
    // A team in the area makes it a safeguarding area referrals may be sent to.
    await createTeam(tx, { agencyId: agency.id, name: 'Safeguarding team', area: 'BLACKPOOL' });
    const issued = await issueToken(
      tx,
      {
        name: 'Load test system',
        agencyId: agency.id,
        permissions: ['referral:create', 'referral:read-own-agency'],
        expiresInDays: 1,
      },
      null,
    );
    return issued.secret;
  });
  if (database.engine === 'postgres') {
    return {
      env: { DATABASE_URL: database.url! },
      token,
      check: () => inspect(database.db),
      dispose: () => database.dispose(),
    };
  }
  // The in-memory copy of the migrated template becomes a real data directory for the server to open.
  const dataDir = await dataDirFromDatabase(database, 'lantern-shutdown-');
  await database.dispose();
  return {
    env: { LANTERN_DATA_DIR: dataDir },
    token,
    async check() {
      const db = await openDatabase({ dataDir });
      try {
        return await inspect(db);
      } finally {
        await db.close();
      }
    },
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Names are letters only: client 3's request 12 is child "Loadd Bc". */
const letters = (n: number) => String(n).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);

function referral(client: number, request: number) {
  return victimReferral.with('complete').build({
    referrer: { name: 'Morgan Example', role: 'Designated safeguarding lead', contact: 'School office' },
    child: {
      details: personDetails.with('withAddress').build({
        forename: `Load${letters(client)}`,
        surname: `B${letters(request)}`,
        dob: '2011-03-14',
        ethnicity: 'WHITE_BRITISH',
        camhsContact: false,
      }),
    },
    concerns: 'Seen getting into a car with an older man after school.',
    indicators: CSE_INDICATORS.slice(0, 2).map((c) => c.code),
    suspects: [],
    placesOfConcern: [],
  });
}

interface Outcome {
  sentAt: number;
  endedAt: number;
  status: number | null;
  id: string | null;
  /** The network error's code (ECONNRESET, ECONNREFUSED, ...) when there was no response. */
  error: string | null;
}

/** CLIENTS loops each submitting referrals back to back; a client stops at its first non-201 or error. */
function startLoad(baseUrl: string, token: string) {
  const outcomes: Outcome[] = [];
  let stopped = false;
  let outstanding = 0;
  const client = async (c: number) => {
    for (let i = 0; !stopped; i++) {
      const sentAt = Date.now();
      outstanding += 1;
      const outcome: Outcome = { sentAt, endedAt: 0, status: null, id: null, error: null };
      try {
        const response = await fetch(`${baseUrl}/api/v1/referrals`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': `load-${c}-${i}-${sentAt}`,
          },
          body: JSON.stringify(referral(c, i)),
        });
        // The whole body must arrive: a response cut off mid-way rejects here.
        const body = (await response.json()) as { id?: string; message?: string; details?: unknown };
        outcome.status = response.status;
        if (response.status === 201) outcome.id = body.id ?? null;
        else outcome.error = `${body.message} ${JSON.stringify(body.details ?? '')}`;
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        outcome.error = cause?.code ?? cause?.message ?? String(error);
      } finally {
        outstanding -= 1;
        outcome.endedAt = Date.now();
        outcomes.push(outcome);
      }
      if (outcome.status !== 201) return;
    }
  };
  const done = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  return {
    outcomes,
    outstanding: () => outstanding,
    acked: () => outcomes.filter((o) => o.status === 201).map((o) => o.id!),
    stop: async () => {
      stopped = true;
      await done;
    },
    done,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startAndWait(env: Record<string, string>): Promise<{ server: ServerProcess; ms: number }> {
  const started = Date.now();
  const server = startServer(env);
  await server.waitFor(/Lantern is running/);
  return { server, ms: Date.now() - started };
}

/** Restarts on the same database, checks it answers, and stops it again with SIGTERM. */
async function restartAndStop(target: Target, port: string): Promise<number> {
  const { server, ms } = await startAndWait({ ...target.env, PORT: port });
  expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  return ms;
}

const engine = testEngine();
let target: Target;
beforeAll(async () => {
  target = await prepareTarget();
}, 120_000);
afterEach(killAllStarted);
afterAll(async () => {
  await target?.dispose();
});

describe(`the service under load on ${engine}, started with npm start`, () => {
  it('on SIGTERM finishes every in-flight request with a 2xx, refuses later ones cleanly, exits 0, keeps every acknowledged write', {
    timeout: 90_000,
  }, async () => {
    const before = (await target.check()).referrals;
    const port = await freePort();
    const { server } = await startAndWait({ ...target.env, PORT: port, LANTERN_API_RATE_LIMIT: '100000' });
    const load = startLoad(`http://127.0.0.1:${port}`, target.token);
    await sleep(LOAD_MS);
    expect(
      load.acked().length,
      `${JSON.stringify(load.outcomes.slice(0, 3))}\n${server.output()}`,
    ).toBeGreaterThan(0);
    expect(load.outstanding()).toBeGreaterThan(0);
    const signalledAt = Date.now();
    // To npm, as a terminal or process manager would: npm forwards it to the server it execs.
    server.child.kill('SIGTERM');
    const code = await server.exited;
    await load.done;
    const out = server.output();
    expect(code, out).toBe(0);
    const inFlight = Number(/shutting down \(SIGTERM\): finishing (\d+) in-flight requests/.exec(out)?.[1]);
    const stopped = /Lantern stopped: \d+ in-flight requests finished, database closed \((\d+) ms\)/.exec(
      out,
    );
    expect(stopped, out).not.toBeNull();
    const pendingAtSignal = load.outcomes.filter((o) => o.sentAt < signalledAt && o.endedAt >= signalledAt);
    console.log(
      `SIGTERM on ${engine}: server had ${inFlight} in flight, shutdown ${stopped![1]} ms; all: ${summary(load.outcomes)}; ` +
        `sent before the signal and answered after: ${summary(pendingAtSignal)}`,
    );

    // Nothing was cut off: every request got a whole 201 or a clean 503; at most a refused connection
    // (nothing sent) once the listener had closed.
    const problems = load.outcomes.filter(
      (o) => !(o.status === 201 || o.status === 503 || (o.status === null && o.error === 'ECONNREFUSED')),
    );
    expect(problems).toEqual([]);
    // The requests the server had in hand when the signal came all completed with a 2xx. On PostgreSQL
    // requests overlap, so some are always in hand; on PGlite, whose queries run synchronously, each is
    // handled within one turn of the event loop, and those waiting in socket buffers are taken first.
    if (engine === 'postgres') expect(inFlight).toBeGreaterThan(0);
    const finishedAfterSignal = load.outcomes.filter((o) => o.status === 201 && o.endedAt >= signalledAt);
    expect(finishedAfterSignal.length).toBeGreaterThanOrEqual(inFlight);
    // From outside, a client cannot know whether its bytes had been read when the signal came (under CI's
    // load a request was seen to wait unread for 4 s while the server worked); that a request waiting
    // unread in the server's socket at the signal is finished with its 2xx is proved without timing in
    // src/platform/http/shutdown.test.ts.

    const restartMs = await restartAndStop(target, port);
    console.log(
      `restart on ${engine} with ${before.length + load.acked().length} referrals: ${restartMs} ms`,
    );
    // Every acknowledged write is there, and nothing else: no refused request was half applied.
    const { referrals, auditIntact } = await target.check();
    expect(new Set(referrals)).toEqual(new Set([...before, ...load.acked()]));
    expect(auditIntact).toBe(true);
  });

  it('after kill -9 mid-load and a restart, has lost nothing acknowledged', { timeout: 90_000 }, async () => {
    const port = await freePort();
    const { server } = await startAndWait({ ...target.env, PORT: port, LANTERN_API_RATE_LIMIT: '100000' });
    const load = startLoad(`http://127.0.0.1:${port}`, target.token);
    await sleep(LOAD_MS);
    expect(load.outstanding()).toBeGreaterThan(0);
    server.killHard();
    await server.exited;
    await load.done;
    const acked = load.acked();
    expect(acked.length).toBeGreaterThan(0);
    console.log(`kill -9 on ${engine}: ${summary(load.outcomes)}`);

    // On PGlite the dead server's lock is stale and is taken over; the database recovers from its log.
    const restartMs = await restartAndStop(target, port);
    console.log(`restart on ${engine} after kill -9: ${restartMs} ms`);
    const { referrals, auditIntact } = await target.check();
    // Requests in flight at the kill may have committed unacknowledged; every acknowledged one must be there.
    expect(acked.filter((id) => !referrals.includes(id))).toEqual([]);
    expect(auditIntact).toBe(true);
  });
});

function summary(outcomes: Outcome[]): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.status === null ? String(o.error) : String(o.status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} × ${k}`).join(', ');
}
