/**
 * Accuracy on the synthetic population's ground truth, on a seed the model never saw: trained on seed 1,
 * evaluated on seed 7 (and, as the CLI does, trained on seed 7 itself). Records that name the person
 * (forename and surname) are matched; first-name-only mentions of suspects are left out (see README).
 */
import { describe, expect, it } from 'vitest';
import {
  CoverageCounter,
  dedupeRecords,
  MATCH_THRESHOLDS,
  type MatchModel,
  type PreparedRecord,
  pairwiseMetrics,
  prepareRecord,
  trainOnRecords,
  withTermFrequencies,
} from '../../src/people/identity/index.ts';
import { sourceRecordRow, syntheticCsvLines } from '../../src/synth/export-csv.ts';
import { generatePopulation } from '../../src/synth/index.ts';

function namedRecords(seed: number): { records: PreparedRecord[]; truth: string[] } {
  const records: PreparedRecord[] = [];
  const truth: string[] = [];
  for (const source of generatePopulation({ scale: 1, seed }).sourceRecords) {
    if (source.subjectRole === 'ASSOCIATE' || !source.forename || !source.surname) continue;
    const [id, firstName, surname, dob, gender, postcode, nhsNumber, otherId] = sourceRecordRow(source);
    const blank = (value: string | undefined) => (value ? value : null);
    records.push(
      prepareRecord({
        id: id!,
        firstName: blank(firstName),
        surname: blank(surname),
        dob: blank(dob),
        gender: blank(gender),
        postcode: blank(postcode),
        nhsNumber: blank(nhsNumber),
        otherId: blank(otherId),
      }),
    );
    truth.push(source.trueId);
  }
  return { records, truth };
}

const unseen = namedRecords(7);

async function evaluate(model: MatchModel | undefined) {
  const coverage = new CoverageCounter(unseen.truth);
  const result = await dedupeRecords(unseen.records, { model, onPair: (a, b) => coverage.add(a, b) });
  return {
    autoLink: pairwiseMetrics(result.clusterIds, unseen.truth),
    withReview: pairwiseMetrics(result.reviewClusterIds, unseen.truth),
    coverage: coverage.result(),
  };
}

describe('identity matching on the synthetic population (scale 1, unseen seed 7)', () => {
  it('uses the configured thresholds', () => {
    expect(MATCH_THRESHOLDS).toEqual({ autoLink: 0.99, review: 0.5 });
  });

  it('the export with --named-only holds exactly these records', () => {
    const lines = [...syntheticCsvLines({ scale: 1, seed: 7, namedOnly: true })];
    expect(lines.length - 1).toBe(unseen.records.length);
  });

  it('with a model trained on seed 1: precision ≥ 0.995 auto-linked, recall ≥ 0.95 with review, coverage ≥ 0.99', async () => {
    const trained = trainOnRecords(namedRecords(1).records, { seed: 1 });
    const { autoLink, withReview, coverage } = await evaluate(withTermFrequencies(trained, unseen.records));
    expect(coverage.truePairs).toBeGreaterThan(500);
    expect(coverage.coverage).toBeGreaterThanOrEqual(0.99);
    expect(autoLink.precision).toBeGreaterThanOrEqual(0.995);
    expect(withReview.recall).toBeGreaterThanOrEqual(0.95);
    // Sanity: the review band adds links, and auto-linking finds most pairs on its own.
    expect(withReview.recall).toBeGreaterThan(autoLink.recall);
    expect(autoLink.recall).toBeGreaterThan(0.7);
  });

  it('trained on the input itself, as the CLI does by default', async () => {
    const { autoLink, withReview, coverage } = await evaluate(undefined);
    expect(coverage.coverage).toBeGreaterThanOrEqual(0.99);
    expect(autoLink.precision).toBeGreaterThanOrEqual(0.995);
    expect(withReview.recall).toBeGreaterThanOrEqual(0.95);
  });
});
