import { describe, expect, it } from 'vitest';
import { startHeartbeat, withHeartbeat } from './heartbeat.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('progress without a terminal', () => {
  it('writes a line at every interval until stopped, then nothing more', async () => {
    const lines: string[] = [];
    let done = 0;
    const beat = startHeartbeat(
      () => `chunks ${done}/4`,
      (l) => lines.push(l),
      20,
    );
    await sleep(70);
    done = 2;
    await sleep(50);
    beat.stop();
    const count = lines.length;
    await sleep(60);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(lines.length).toBe(count);
    expect(lines[0]).toMatch(/^chunks 0\/4 \(\d+ s\)$/);
    expect(lines.at(-1)).toMatch(/^chunks 2\/4/);
  });

  it('names the work while it runs and stops when it fails', async () => {
    const lines: string[] = [];
    await expect(
      withHeartbeat(
        'registry deduplication',
        async () => {
          await sleep(55);
          throw new Error('boom');
        },
        (l) => lines.push(l),
        20,
      ),
    ).rejects.toThrow('boom');
    const count = lines.length;
    await sleep(50);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBe(count);
    expect(lines[0]).toContain('registry deduplication: still working');
  });

  it('writes from a tick during synchronous work, when no timer can fire', async () => {
    const lines: string[] = [];
    await withHeartbeat(
      'scoring pairs',
      async (tick) => {
        // 120 ms of work that never yields, ticking as it goes (as scoring and model fitting do).
        const until = Date.now() + 120;
        while (Date.now() < until) tick();
      },
      (l) => lines.push(l),
      20,
    );
    // A line at most every 20 ms of it: without the tick, none.
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.length).toBeLessThanOrEqual(7);
  });
});
