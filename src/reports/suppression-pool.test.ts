import { describe, expect, it } from 'vitest';
import { jointSuppression, type ScopeTables } from './joint-suppression.ts';
import { stopSuppressionWorker, suppressInWorker } from './suppression-pool.ts';

const scopes: ScopeTables[] = [
  {
    key: 'partnership',
    tables: [
      {
        rows: [
          { category: 'A', label: 'A', cell: { id: 't:A', value: 37 } },
          { category: 'B', label: 'B', cell: { id: 't:B', value: 3 } },
        ],
        total: { id: 't:ALL', value: 40 },
        equations: [{ total: 't:ALL', parts: ['t:A', 't:B'] }],
      },
    ],
  },
];

describe('the disclosure-control worker', () => {
  it('answers as jointSuppression does', async () => {
    const answer = await suppressInWorker(scopes, [], new Set());
    expect(answer).toEqual(jointSuppression(scopes, [], new Set()));
    expect(answer.get('partnership')!.hidden).toEqual(new Set(['t:A', 't:B']));
  });

  it('rejects a job that fails, and the jobs of a stopped worker; the next job starts a new one', async () => {
    await expect(suppressInWorker(null as never, [], new Set())).rejects.toThrow(/disclosure control failed/);
    const held = suppressInWorker(scopes, [], new Set());
    const refused = expect(held).rejects.toThrow(/stopped/);
    await stopSuppressionWorker();
    await refused;
    expect((await suppressInWorker(scopes, [], new Set())).get('partnership')!.report.primary).toBe(1);
    await stopSuppressionWorker();
  });
});
