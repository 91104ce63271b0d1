/**
 * A matching model trained on synthetic agency records (the same seed every time, so candidates are
 * stable), stored as the active version: what intake and the review queue use to find possible matches.
 */
import { serialiseModel, trainOnRecords } from '../../src/people/identity/index.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { generatePopulation } from '../../src/synth/index.ts';

export async function storeSyntheticModel(db: Database): Promise<void> {
  const population = generatePopulation({ scale: 0.3, seed: 3 });
  const model = trainOnRecords(
    population.sourceRecords.map((r) => ({
      id: r.sourceRecordId,
      firstName: r.forename,
      surname: r.surname,
      dob: r.dob,
      gender: r.gender,
      postcode: r.postcode,
      nhsNumber: r.identifiers.find((i) => i.kind === 'NHS_NUMBER' && !i.corrupted)?.value ?? null,
    })),
  );
  await withTransaction(db, systemContext('test'), (tx) =>
    tx.query(
      "INSERT INTO identity_model (parameters, trained_on, trained_by, active) VALUES ($1, $2, 'test', true)",
      [serialiseModel(model), population.sourceRecords.length],
    ),
  );
}
