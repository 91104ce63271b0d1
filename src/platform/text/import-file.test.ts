import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ImportFileError, type ImportFileFormat, type ImportFileRow, readImportFile } from './import-file.ts';

/** A format of two columns, `ref` (required) and `n` (a whole number, else the row's error). */
const FORMAT: ImportFileFormat<{ ref: string; n: number }> = {
  missingColumns: (header) => (header.has('ref') ? [] : ['ref']),
  referenceColumn: 'ref',
  rowOf(get) {
    const n = Number(get('n'));
    return Number.isInteger(n)
      ? { parsed: { ref: get('ref'), n }, errors: [] }
      : { parsed: null, errors: [{ field: 'n', message: 'n must be a whole number' }] };
  },
};

async function read(text: string, batchSize = 2) {
  const batches: ImportFileRow<{ ref: string; n: number }>[][] = [];
  await readImportFile(Readable.from([text]), FORMAT, batchSize, async (rows) => {
    batches.push(rows);
  });
  return batches;
}

describe('reading an import file', () => {
  it('hands on every data row in batches, numbered, with its line and reference, columns in any order and case', async () => {
    const batches = await read('N,Ref,unknown\n1,A,x\n2,B,y\n3,C,z\n');
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    expect(batches.flat().map((r) => [r.row, r.line, r.reference, r.parsed?.n])).toEqual([
      [1, 2, 'A', 1],
      [2, 3, 'B', 2],
      [3, 4, 'C', 3],
    ]);
  });

  it('keeps a bad row with what is wrong with it, and reads on', async () => {
    const fieldCount = (await read('ref,n\nA,1,extra\n', 10)).flat();
    expect(fieldCount[0]).toMatchObject({
      reference: 'A',
      parsed: null,
      errors: [{ field: 'row', message: '3 fields where the header has 2' }],
    });
    const wrongValue = (await read('ref,n\nD,x\nE,5\n', 10)).flat();
    expect(wrongValue.map((r) => [r.reference, r.parsed?.n ?? null, r.errors])).toEqual([
      ['D', null, [{ field: 'n', message: 'n must be a whole number' }]],
      ['E', 5, []],
    ]);
  });

  it('reports a row whose quotes never close as not valid CSV', async () => {
    const rows = (await read('ref,n\nA,"1\n', 10)).flat();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.parsed).toBeNull();
    expect(rows[0]!.errors[0]!.message).toMatch(/^not valid CSV: /);
  });

  it('refuses a file without the columns it needs, or without a header, reading no row', async () => {
    await expect(read('n\n1\n')).rejects.toThrow(new ImportFileError('the header lacks: ref'));
    await expect(read('')).rejects.toThrow(new ImportFileError('the file is empty: it needs a header row'));
  });
});
