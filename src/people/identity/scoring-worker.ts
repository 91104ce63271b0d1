/**
 * A worker thread of the scoring pool (scoring-pool.ts). Started with the records' columns
 * (scoring-input.ts), it builds its name tables while the main thread trains the model; given the model's parameters, it
 * builds its PairScorer and answers each chunk of candidate pairs with their match weights. The scorer
 * is a pure function of the records and the model, so every worker (and the main thread) gives every
 * pair the same weight to the last bit (decision 0033).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileModel } from './model.ts';
import { PairScorer, ScoringTables } from './pair-scorer.ts';
import { scoringRecords } from './scoring-input.ts';
import type { ScoringMessage, ScoringResponse, ScoringWorkerData } from './scoring-pool.ts';

const data = workerData as ScoringWorkerData;
const { records, columns } = scoringRecords(data.input);
const tables = new ScoringTables(records, undefined, columns, data.nameLevels);
let scorer: PairScorer | null = null;
const port = parentPort!;

port.on('message', (message: ScoringMessage) => {
  if ('parameters' in message) {
    const model = compileModel(message.parameters, { hardRules: message.hardRules });
    scorer = new PairScorer(model, records, undefined, tables);
    return;
  }
  if (scorer === null) throw new Error('a chunk to score before the model');
  const { id, left, right, length } = message;
  const weights = new Float64Array(length);
  for (let k = 0; k < length; k++) weights[k] = scorer.weight(left[k]!, right[k]!);
  const response: ScoringResponse = { id, left, right, length, weights };
  port.postMessage(response, [left.buffer as ArrayBuffer, right.buffer as ArrayBuffer, weights.buffer]);
});
