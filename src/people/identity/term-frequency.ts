/**
 * Term frequencies of names: how common each forename and surname is in the data being matched.
 * An exact match on a rare surname is stronger evidence than one on "SMITH".
 */
import { compileModel, type MatchModel, type TermFrequencyTable } from './model.ts';
import type { PreparedRecord } from './record.ts';

function frequencyTable(values: Iterable<string | null>): TermFrequencyTable {
  const counts = new Map<string, number>();
  let total = 0;
  for (const value of values) {
    if (value === null) continue;
    total++;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  // Values seen once are implied (a missing entry counts as one), which keeps stored models small.
  const kept: Record<string, number> = {};
  for (const [value, count] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (count > 1) kept[value] = count;
  }
  return { total, counts: kept };
}

function* pluck(records: readonly PreparedRecord[], field: 'forename' | 'surname'): Generator<string | null> {
  for (const record of records) yield record[field];
}

export function computeTermFrequencies(records: readonly PreparedRecord[]): {
  forename: TermFrequencyTable;
  surname: TermFrequencyTable;
} {
  return {
    forename: frequencyTable(pluck(records, 'forename')),
    surname: frequencyTable(pluck(records, 'surname')),
  };
}

/**
 * The same model with term frequencies taken from `records`: used when a stored model is applied to
 * new data, whose name frequencies are what matter.
 */
export function withTermFrequencies(model: MatchModel, records: readonly PreparedRecord[]): MatchModel {
  return compileModel(
    { ...model.parameters, termFrequencies: computeTermFrequencies(records) },
    { hardRules: model.hardRules },
  );
}
