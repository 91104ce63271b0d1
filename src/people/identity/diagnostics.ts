/**
 * Model diagnostics: the trained m- and u-probabilities of every comparison level and the match weight
 * each level adds, so that a linker can see why pairs score as they do (`lantern match explain`).
 */
import { FIELDS, type FieldName } from './comparisons.ts';
import type { MatchModel } from './model.ts';

export interface LevelDiagnostic {
  field: FieldName;
  level: string;
  /** P(level | same person). */
  m: number;
  /** P(level | different people). */
  u: number;
  /** The weight the level adds, in bits (log2 m/u, after the floors and hard rules the model applies). */
  matchWeight: number;
}

export function modelDiagnostics(model: MatchModel): LevelDiagnostic[] {
  return model.parameters.fields.flatMap((field, f) =>
    field.levels.map((level, l) => ({
      field: FIELDS[f]!,
      level: level.label,
      m: level.m,
      u: level.u,
      matchWeight: model.weights[f]![l]!,
    })),
  );
}

function probability(p: number): string {
  return p >= 0.001 ? p.toFixed(4) : p.toExponential(2);
}

/** The diagnostics as a text table, with the prior and how training went. */
export function formatModelDiagnostics(model: MatchModel): string {
  const { parameters } = model;
  const lines = [
    `prior: λ = ${probability(parameters.lambda)} (weight ${model.priorWeight.toFixed(2)} bits); hard rules ${model.hardRules ? 'on' : 'off'}`,
    `trained on ${parameters.training.records.toLocaleString('en-GB')} records, ${parameters.training.randomPairs.toLocaleString('en-GB')} random pairs for u; EM sessions: ${
      parameters.training.sessions
        .map(
          (s) =>
            `${s.rule} (${s.pairs.toLocaleString('en-GB')} pairs, ${s.iterations} iterations${s.converged ? '' : ', not converged'})`,
        )
        .join('; ') || 'none'
    }`,
    `${'field'.padEnd(11)}${'level'.padEnd(37)}${'m'.padStart(10)}${'u'.padStart(10)}${'weight (bits)'.padStart(15)}`,
  ];
  let previous = '';
  for (const row of modelDiagnostics(model)) {
    const field = row.field === previous ? '' : row.field;
    previous = row.field;
    const sign = row.matchWeight >= 0 ? '+' : '';
    lines.push(
      `${field.padEnd(11)}${row.level.padEnd(37)}${probability(row.m).padStart(10)}${probability(row.u).padStart(10)}${`${sign}${row.matchWeight.toFixed(2)}`.padStart(15)}`,
    );
  }
  lines.push(
    'exact forename and surname matches are further adjusted by how common the name is (term frequency)',
  );
  return lines.join('\n');
}
