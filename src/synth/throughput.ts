/**
 * Prints how fast the generator runs at scale 100 (run with `npx tsx src/synth/throughput.ts`).
 * Not a test: timings depend on the machine. Optional arguments: scale, months.
 */

import { generatePopulationChunks } from './population.ts';

const scale = Number(process.argv[2] ?? 100);
const months = Number(process.argv[3] ?? 6);
const started = performance.now();
let referrals = 0;
let records = 0;
let people = 0;
for (const chunk of generatePopulationChunks({
  scale,
  months,
  onProgress: (done, total) => {
    if (done % 10 === 0 || done === total) process.stderr.write(`\r${done}/${total} chunks`);
  },
})) {
  referrals += chunk.victimReferrals.length;
  records += chunk.sourceRecords.length;
  people += chunk.people.length;
}
const seconds = (performance.now() - started) / 1000;
process.stderr.write('\n');
console.log(
  `scale ${scale}, ${months} months: ${referrals} victim referrals, ${people} people, ${records} source records ` +
    `in ${seconds.toFixed(1)} s (${Math.round(referrals / seconds)} referrals/s)`,
);
