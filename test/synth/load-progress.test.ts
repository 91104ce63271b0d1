/**
 * A load into the embedded database writes its progress line without a terminal while it runs (issue 22):
 * the engine's queries resolve without I/O, so a loop of awaits alone never let the timer of the progress
 * line fire (a scale-100 `lantern demo` into a log file printed nothing for fourteen minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartnership } from '../../src/synth/demo-partnership.ts';
import { loadPopulationWithProgress } from '../../src/synth/load-cli.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await loadDemoPartnership(t.db, 'synthetic-load-progress-test-session-secret-0123456789');
});
afterAll(async () => {
  await t?.dispose();
});

describe('progress of a load without a terminal', () => {
  it('writes progress lines while the chunks load, counting up', async () => {
    const lines: string[] = [];
    const started = Date.now();
    const result = await loadPopulationWithProgress(
      t.db,
      { scale: 0.5, seed: 3, months: 3, periodEnd: '2026-11-27' },
      { write: (line) => lines.push(line), everyMs: 20, interactive: false },
    );
    const ms = Date.now() - started;
    expect(result.status).toBe('loaded');
    // A line every 20 ms while it ran, at most one per step of the load (a statement, or planning a chunk):
    // none at all before each step gave the event loop a turn.
    expect(lines.length, `${lines.length} lines in ${ms} ms`).toBeGreaterThanOrEqual(5);
    const done = lines.map((l) => Number(/: (\d+)\//.exec(l)?.[1]));
    expect(done.every(Number.isInteger)).toBe(true);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });
});
