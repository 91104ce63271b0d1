import { describe, expect, it } from 'vitest';
import { LEVEL_LABELS } from './comparisons.ts';
import { formatModelDiagnostics, modelDiagnostics } from './diagnostics.ts';
import { compileModel } from './model.ts';
import { makeTestData } from './test-data.ts';
import { trainOnRecords } from './train.ts';

describe('model diagnostics', () => {
  const trained = trainOnRecords(makeTestData({ seed: 3, people: 400 }).records, { maxRandomPairs: 20_000 });

  it('lists every level of every field with its m, u and the weight the model applies', () => {
    const rows = modelDiagnostics(trained);
    expect(rows.length).toBe(Object.values(LEVEL_LABELS).reduce((sum, labels) => sum + labels.length, 0));
    const exactSurname = rows.find((row) => row.field === 'surname' && row.level === 'exact')!;
    expect(exactSurname.matchWeight).toBeCloseTo(Math.log2(exactSurname.m / exactSurname.u), 10);
    expect(exactSurname.matchWeight).toBeGreaterThan(0);
  });

  it('shows the registry’s hard rule: a near-miss NHS number weighs as a different one', () => {
    const nhs = (hardRules: boolean) =>
      modelDiagnostics(compileModel(trained.parameters, { hardRules })).filter(
        (row) => row.field === 'nhsNumber',
      );
    const registry = nhs(true);
    expect(registry[1]!.matchWeight).toBe(registry[3]!.matchWeight);
    expect(registry[2]!.matchWeight).toBe(registry[3]!.matchWeight);
    const generic = nhs(false);
    expect(generic[1]!.matchWeight).toBeCloseTo(Math.log2(Math.max(1e-4, generic[1]!.m) / generic[1]!.u), 10);
    expect(formatModelDiagnostics(compileModel(trained.parameters, { hardRules: false }))).toMatch(
      /hard rules off[\s\S]*nhsNumber\s+exact/,
    );
  });
});
