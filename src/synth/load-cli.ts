/** The population part of `lantern demo`: option parsing, a progress bar on stderr, a summary on stdout. */
import cliProgress from 'cli-progress';
import type { Database } from '../platform/db/database.ts';
import { startHeartbeat } from './heartbeat.ts';
import { type LoadResult, loadPopulation } from './load.ts';
import { DEMO_OPEN_WORKING_DAYS } from './load-mash.ts';

export async function loadPopulationWithProgress(
  db: Database,
  options: { scale: number; seed: number; months: number; periodEnd?: string; openWorkingDays?: number },
  /** Where the progress lines go without a terminal, and how often (tests shorten it). */
  heartbeat: { write?: (line: string) => void; everyMs?: number; interactive?: boolean } = {},
): Promise<LoadResult> {
  const bar = new cliProgress.SingleBar(
    {
      format: 'synthetic population |{bar}| {value}/{total} chunks | {rows} rows | {duration_formatted}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  // Without a terminal the bar draws nothing: a plain line at least every ten seconds instead.
  const interactive = heartbeat.interactive ?? process.stderr.isTTY === true;
  const progress = { chunksDone: 0, chunks: 0, rows: 0 };
  const beat = interactive
    ? null
    : startHeartbeat(
        () =>
          `synthetic population: ${progress.chunksDone}/${progress.chunks || '?'} chunks, ${progress.rows} rows`,
        heartbeat.write,
        heartbeat.everyMs,
      );
  try {
    // The demo leaves the last working days' referrals open, so that the MASH queue has work at every stage.
    const result = await loadPopulation(db, {
      openWorkingDays: DEMO_OPEN_WORKING_DAYS,
      ...options,
      onProgress: ({ chunksDone, chunks, rows }) => {
        Object.assign(progress, { chunksDone, chunks, rows });
        if (!interactive) return;
        if (!started) {
          bar.start(chunks, 0, { rows: 0 });
          started = true;
        }
        bar.update(chunksDone, { rows });
      },
    });
    return result;
  } finally {
    beat?.stop();
    if (started) bar.stop();
  }
}

/** The lines `lantern demo` prints after a load. */
export function describeLoad(result: LoadResult): string[] {
  const lines = [result.message, ...result.notices.map((n) => `  ${n}`)];
  if (result.status === 'loaded') {
    const c = result.counts;
    lines.push(
      `  people ${c.persons}, source records ${c.sourceRecords}, addresses ${c.addresses}`,
      `  victim referrals ${c.victimReferrals} (suspects named ${c.referralPeople}), suspect referrals ${c.suspectReferrals} (children linked ${c.suspectChildLinks})`,
      `  MASH episodes ${c.mashEpisodes} (decided ${c.mashDecisions}, contributions ${c.contributions}, risk assessments ${c.riskAssessments}), missing episodes ${c.missingEpisodes}, disposals ${c.disposals}`,
      `  ${result.rows} rows in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.rows / Math.max(result.ms / 1000, 0.001))} rows/s)`,
    );
  }
  return lines;
}
