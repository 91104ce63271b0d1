/**
 * What `lantern match dedupe|eval` prints: one summary line of a run, and for an evaluation the precision,
 * recall and F1 at the chosen thresholds and across the threshold curve.
 */
import type { EvalSummary, RunSummary } from './identity/run.ts';

export const integer = (n: number) => Math.round(n).toLocaleString('en-GB');
const fixed = (n: number) => n.toFixed(4);

function malformedText(summary: RunSummary): string {
  if (summary.malformedTotal === 0) return 'malformed 0';
  const first = summary.malformed
    .slice(0, 3)
    .map(
      (entry) =>
        `row ${entry.row} (line ${entry.line})${entry.field ? ` ${entry.field}` : ''}: ${entry.reason}`,
    )
    .join('; ');
  const more = summary.malformedTotal > 3 ? `; and ${integer(summary.malformedTotal - 3)} more` : '';
  return `malformed ${integer(summary.malformedTotal)} (${first}${more})`;
}

/** Where the auto-link threshold came from: chosen from the data (with the model's expectations), or given. */
function thresholdText(summary: RunSummary): string {
  const choice = summary.thresholdChoice;
  if (choice === null) return `threshold ${summary.threshold}`;
  return `threshold ${choice.threshold} chosen from the data (the model's best expected F1 ${fixed(choice.expectedF1)}: expected precision ${fixed(choice.expectedPrecision)}, recall ${fixed(choice.expectedRecall)}; --threshold sets one)`;
}

export function runLine(summary: RunSummary): string {
  return [
    thresholdText(summary),
    `rows ${integer(summary.rows)}`,
    `matched ${integer(summary.matchedRows)}`,
    `clusters ${integer(summary.clusters)}`,
    `auto-linked pairs ${integer(summary.linkedPairs)} (p >= ${summary.threshold})`,
    `review pairs ${integer(summary.reviewPairs)} (p >= ${summary.reviewThreshold})`,
    `refused links ${integer(summary.refusedLinks)}`,
    malformedText(summary),
    ...(summary.implausibleDates > 0
      ? [
          `dates of birth outside 1880–2100 ${integer(summary.implausibleDates)} (implausible for the registry, used here)`,
        ]
      : []),
    `${integer(summary.comparisons)} comparisons at ${integer(summary.comparisonsPerSecond)}/s`,
    `model ${summary.trained ? 'trained on the input' : 'loaded'}`,
    `${summary.seconds.toFixed(1)} s`,
  ].join(', ');
}

export function evalReport(summary: EvalSummary): string {
  const row = (label: string, m: EvalSummary['review']) =>
    `${label.padEnd(26)}${fixed(m.precision).padEnd(11)}${fixed(m.recall).padEnd(9)}${fixed(m.f1).padEnd(9)}${integer(m.predictedPairs).padStart(15)}${integer(m.truePairs).padStart(12)}`;
  return [
    runLine(summary),
    `blocking coverage ${fixed(summary.blockingCoverage)} (share of true pairs that blocking compared)`,
    `${''.padEnd(26)}${'precision'.padEnd(11)}${'recall'.padEnd(9)}${'F1'.padEnd(9)}${'predicted pairs'.padStart(15)}${'true pairs'.padStart(12)}`,
    row(`auto-link (p >= ${summary.threshold})`, summary),
    row(`+ review (p >= ${summary.reviewThreshold})`, summary.review),
    'across thresholds (choose one with dedupe --threshold):',
    ...summary.sweep.map((point) => row(`p >= ${point.threshold}`, point)),
    `F1-optimal threshold ${summary.bestF1.threshold} (precision ${fixed(summary.bestF1.precision)}, recall ${fixed(summary.bestF1.recall)}, F1 ${fixed(summary.bestF1.f1)})`,
  ].join('\n');
}
