import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../platform/text/csv.ts';
import { SYNTHETIC_CSV_HEADER, syntheticCsvLines, writeSyntheticCsv } from './export-csv.ts';
import { generatePopulation } from './population.ts';

describe('synthetic CSV export', () => {
  const lines = [...syntheticCsvLines({ scale: 0.2, seed: 3 })];
  const rows = parseCsv(`${lines.join('\n')}\n`).map((record) => record.fields);

  it('writes one row per child or suspect source record, with ground truth', () => {
    const records = generatePopulation({ scale: 0.2, seed: 3 }).sourceRecords.filter(
      (r) => r.subjectRole === 'CHILD' || r.subjectRole === 'SUSPECT',
    );
    expect(rows[0]).toEqual([...SYNTHETIC_CSV_HEADER]);
    expect(rows.length - 1).toBe(records.length);
    for (const row of rows) expect(row).toHaveLength(SYNTHETIC_CSV_HEADER.length);
    const byId = new Map(rows.slice(1).map((row) => [row[0]!, row]));
    for (const record of records) {
      const row = byId.get(record.sourceRecordId)!;
      expect(row[8]).toBe(record.trueId);
      expect(row[1]).toBe(record.forename ?? '');
      expect(row[3]).toBe(record.dob ?? '');
      const nhs = record.identifiers.find((i) => i.kind === 'NHS_NUMBER');
      expect(row[6]).toBe(nhs?.value ?? '');
    }
    // Names with apostrophes and the like survive the round trip; identifiers are present.
    expect(rows.some((row) => row[7]!.startsWith('PN/'))).toBe(true);
    expect(rows.some((row) => row[6]!.length === 10)).toBe(true);
  });

  it('is deterministic, and can leave out records that do not name the person', () => {
    expect([...syntheticCsvLines({ scale: 0.2, seed: 3 })]).toEqual(lines);
    const named = parseCsv(
      `${[...syntheticCsvLines({ scale: 0.2, seed: 3, namedOnly: true })].join('\n')}\n`,
    );
    expect(named.length).toBeLessThan(rows.length);
    for (const { fields } of named.slice(1)) expect(fields[1] !== '' && fields[2] !== '').toBe(true);
  });

  it('writes police dates day-first when asked for mixed dates', () => {
    const mixed = parseCsv(`${[...syntheticCsvLines({ scale: 0.2, seed: 3, dates: 'mixed' })].join('\n')}\n`);
    const dayFirst = mixed.filter(({ fields }) => /^\d{2}\/\d{2}\/\d{4}$/.test(fields[3]!));
    expect(dayFirst.length).toBeGreaterThan(0);
    expect(mixed.some(({ fields }) => /^\d{4}-\d{2}-\d{2}$/.test(fields[3]!))).toBe(true);
  });

  it('writes a file and counts rows and people', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lantern-synth-'));
    try {
      const summary = await writeSyntheticCsv(join(dir, 'out.csv'), { scale: 0.2, seed: 3 });
      expect(summary.rows).toBe(rows.length - 1);
      expect(summary.people).toBe(new Set(rows.slice(1).map((row) => row[8])).size);
      expect(await readFile(join(dir, 'out.csv'), 'utf8')).toBe(`${lines.join('\n')}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
