/**
 * Disclosure control runs off the event loop (issue 22, decision 0023): while the demo's published
 * briefing is suppressed (seconds of arithmetic), the event loop keeps turning, and the worker's answer is
 * exactly what `jointSuppression` gives when run directly. Ten users asking at once share one computation.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import {
  type BriefingInputs,
  briefingFrom,
  buildBriefing,
  readBriefing,
  type Scope,
} from '../../src/reports/briefing.ts';
import { FIGURES, HEADLINE_CELLS } from '../../src/reports/figures.ts';
import { jointSuppression, type ScopeTables } from '../../src/reports/joint-suppression.ts';
import { suppressInWorker } from '../../src/reports/suppression-pool.ts';
import type { TestDatabase } from '../support/engines.ts';
import { createDemoDatabase, DEMO_PERIOD } from './demo-briefing.ts';

let t: TestDatabase;
let inputs: BriefingInputs;
const PARTNERSHIP: Scope = { area: null, division: null };
const HEADLINES = new Set(HEADLINE_CELLS);

beforeAll(async () => {
  t = await createDemoDatabase();
  inputs = await withTransaction(t.db, systemContext('test'), (tx) =>
    readBriefing(tx, { period: DEMO_PERIOD, scope: PARTNERSHIP, mode: 'published' }),
  );
}, 600_000);
afterAll(async () => {
  await t?.dispose();
});

/** The linked scopes' tables for one period, as briefing.ts sends them. */
function tables(period: 'current' | 'previous'): ScopeTables[] {
  return inputs.linked!.scopes.map((s) => ({ key: s.key, tables: FIGURES.map((d) => d.compute(s[period])) }));
}

/** The longest gap between the event loop's turns while `work` runs, two ways, and how long it took. */
async function stallsDuring<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; stallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let last = performance.now();
  let longest = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  histogram.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  histogram.disable();
  clearInterval(probe);
  return { result, ms, stallMs: Math.max(longest, histogram.max / 1e6) };
}

describe('disclosure control in the worker thread', () => {
  it('leaves the event loop free while the demo is suppressed, and answers as jointSuppression does', async () => {
    const scopes = tables('current');
    const { result, ms, stallMs } = await stallsDuring(() =>
      suppressInWorker(scopes, inputs.linked!.families, HEADLINES),
    );
    console.log(
      `suppression in the worker: ${Math.round(ms)} ms; longest event-loop stall ${Math.round(stallMs)} ms`,
    );
    expect(ms).toBeGreaterThan(1000);
    // On the main thread the loop would stall for the whole computation; a busy machine's own stalls (a few
    // hundred ms under load) stay far below it.
    expect(stallMs).toBeLessThan(Math.max(200, ms / 3));
    expect(result).toEqual(jointSuppression(scopes, inputs.linked!.families, HEADLINES));
  });

  it('gives ten concurrent published briefings one computation, and the briefing built from the direct result', async () => {
    const now = new Date('2026-10-01T09:00:00Z');
    const {
      result: briefings,
      stallMs,
      ms,
    } = await stallsDuring(() => Promise.all(Array.from({ length: 10 }, () => briefingFrom(inputs, now))));
    expect(stallMs).toBeLessThan(Math.max(200, ms / 3));
    // One computation: every briefing holds the very report object it produced (each worker answer is a
    // fresh copy, so two computations could not share one).
    for (const b of briefings) expect(b.disclosure).toBe(briefings[0]!.disclosure);
    const self = inputs.linked!.self;
    const direct = {
      current: jointSuppression(tables('current'), inputs.linked!.families, HEADLINES).get(self)!,
      previous: jointSuppression(tables('previous'), inputs.linked!.families, HEADLINES).get(self)!,
    };
    expect(briefings[0]).toEqual(buildBriefing(inputs.request, inputs.current, inputs.previous, now, direct));
    expect(briefings[0]!.figures['victim_referrals.total']!.total).toBe(658);
  });
});
