/**
 * One batch deduplication of the benchmark's records, timed phase by phase, with a fingerprint of its
 * result: every kept link (both records and the weight's 64 bits, in order) and every cluster number,
 * auto-linked and with the review band. Two runs with the same fingerprint linked, scored and clustered
 * exactly alike (decision 0033: worker threads must not change a bit).
 *
 *   npx tsx bench/lib/identity-fingerprint.ts 100000 [workers]
 */
import { createHash } from 'node:crypto';
import { type DedupeProgress, type DedupeResult, dedupeRecords } from '../../src/people/identity/dedupe.ts';
import { makeData } from './identity-data.ts';

export function fingerprint(result: DedupeResult): string {
  const hash = createHash('sha256');
  const { links } = result;
  hash.update(new Uint8Array(links.left.buffer, 0, links.length * 4));
  hash.update(new Uint8Array(links.right.buffer, 0, links.length * 4));
  hash.update(new Uint8Array(links.weight.buffer, 0, links.length * 8));
  hash.update(new Uint8Array(result.clusterIds.buffer));
  hash.update(new Uint8Array(result.reviewClusterIds.buffer));
  return hash.digest('hex').slice(0, 16);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = Number(process.argv[2] ?? 100_000);
  const workers = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  const data = makeData(size);
  console.log(`${data.records.length} records generated in ${data.generateSeconds.toFixed(1)} s`);
  const phases = new Map<string, number>();
  let phase = '';
  let since = performance.now();
  const onProgress = (p: DedupeProgress) => {
    if (p.phase === phase) return;
    const now = performance.now();
    if (phase) phases.set(phase, (phases.get(phase) ?? 0) + (now - since) / 1000);
    phase = p.phase;
    since = now;
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await dedupeRecords(data.records, { onProgress, workers });
  const seconds = (performance.now() - started) / 1000;
  phases.set(phase, (phases.get(phase) ?? 0) + (performance.now() - since) / 1000);
  const used = process.cpuUsage(cpu);
  for (const [name, s] of phases) console.log(`  ${name.padEnd(26)} ${s.toFixed(2)} s`);
  console.log(
    `batch ${seconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s process CPU, ` +
      `${result.comparisons} comparisons, ${result.links.length} links, ${result.clusters} clusters`,
  );
  console.log(`fingerprint ${fingerprint(result)}`);
}
