/**
 * A worker thread of the scoring pool (scoring-pool.ts): it builds its own PairScorer from the records
 * and the model's parameters it is started with, then answers each chunk of candidate pairs with their
 * match weights. The scorer is a pure function of the records and the model, so every worker (and the
 * main thread) gives every pair the same weight to the last bit (decision 0033).
 */
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { compileModel } from './model.ts';
import { PairScorer } from './pair-scorer.ts';
import type { PreparedRecord } from './record.ts';
import type { ScoringRequest, ScoringResponse, ScoringWorkerData } from './scoring-pool.ts';

const data = workerData as ScoringWorkerData;
const records = deserialize(new Uint8Array(data.records)) as PreparedRecord[];
const model = compileModel(data.parameters, { hardRules: data.hardRules });
const scorer = new PairScorer(model, records);
const port = parentPort!;

port.on('message', ({ id, left, right, length }: ScoringRequest) => {
  const weights = new Float64Array(length);
  for (let k = 0; k < length; k++) weights[k] = scorer.weight(left[k]!, right[k]!);
  const response: ScoringResponse = { id, left, right, length, weights };
  port.postMessage(response, [left.buffer as ArrayBuffer, right.buffer as ArrayBuffer, weights.buffer]);
});
port.postMessage({ ready: true });
