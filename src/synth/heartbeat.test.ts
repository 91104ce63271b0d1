import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHeartbeat, withHeartbeat } from './heartbeat.ts';

// Fake timers and clock: the heartbeat's promise is about intervals, and a real clock on a loaded CI
// machine skips beats the code never missed.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('progress without a terminal', () => {
  it('writes a line at every interval until stopped, then nothing more', () => {
    const lines: string[] = [];
    let done = 0;
    const beat = startHeartbeat(
      () => `chunks ${done}/4`,
      (l) => lines.push(l),
      20,
    );
    vi.advanceTimersByTime(70);
    expect(lines).toEqual(['chunks 0/4 (0 s)', 'chunks 0/4 (0 s)', 'chunks 0/4 (0 s)']);
    done = 2;
    vi.advanceTimersByTime(50);
    beat.stop();
    vi.advanceTimersByTime(60);
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe('chunks 2/4 (0 s)');
  });

  it('counts the elapsed seconds in each line', () => {
    const lines: string[] = [];
    const beat = startHeartbeat(
      () => 'loading',
      (l) => lines.push(l),
      10_000,
    );
    vi.advanceTimersByTime(30_000);
    beat.stop();
    expect(lines).toEqual(['loading (10 s)', 'loading (20 s)', 'loading (30 s)']);
  });

  it('names the work while it runs and stops when it fails', async () => {
    const lines: string[] = [];
    const running = withHeartbeat(
      'registry deduplication',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 55));
        throw new Error('boom');
      },
      (l) => lines.push(l),
      20,
    );
    const outcome = expect(running).rejects.toThrow('boom');
    await vi.advanceTimersByTimeAsync(55);
    await outcome;
    vi.advanceTimersByTime(100);
    expect(lines).toEqual([
      'registry deduplication: still working (0 s)',
      'registry deduplication: still working (0 s)',
    ]);
  });

  it('writes from a tick during synchronous work, when no timer can fire', async () => {
    const lines: string[] = [];
    await withHeartbeat(
      'scoring pairs',
      async (tick) => {
        // 120 ms of work that never yields (the clock moves, no timer fires), ticking every 10 ms of it.
        for (let step = 0; step < 12; step++) {
          vi.setSystemTime(Date.now() + 10);
          tick();
        }
      },
      (l) => lines.push(l),
      20,
    );
    // A line every 20 ms of it: without the tick, none.
    expect(lines).toHaveLength(6);
  });

  it('skips the timer beat that a tick has just written', () => {
    const lines: string[] = [];
    const beat = startHeartbeat(
      () => 'work',
      (l) => lines.push(l),
      20,
    );
    vi.advanceTimersByTime(19);
    beat.tick(); // 19 ms: not yet due
    expect(lines).toHaveLength(0);
    vi.setSystemTime(Date.now() + 1); // the clock moves, the timer does not fire
    beat.tick(); // 20 ms: due, written
    vi.advanceTimersByTime(1); // the interval fires: the line is 1 ms old, skipped
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(20); // the next: 21 ms old, written
    expect(lines).toHaveLength(2);
    beat.stop();
    expect(lines).toHaveLength(2);
  });
});
