import { describe, expect, it } from 'vitest';
import { CsvRecordReader, formatCsvRow, MAX_LINES_PER_RECORD, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads plain and quoted fields, escaped quotes and line breaks inside quotes', () => {
    const text = 'id,name,note\r\n1,"Smith, Jess","said ""hi"""\n2,Amy,"two\nlines"\n\n3,,\n';
    expect(parseCsv(text)).toEqual([
      { fields: ['id', 'name', 'note'], line: 1 },
      { fields: ['1', 'Smith, Jess', 'said "hi"'], line: 2 },
      { fields: ['2', 'Amy', 'two\nlines'], line: 3 },
      { fields: ['3', '', ''], line: 6 },
    ]);
  });

  it('flags stray quotes but keeps reading', () => {
    const [first, second, third] = parseCsv('1,ab"c,x\n2,"ab"c,y\n3,ok,z');
    expect(first).toMatchObject({ fields: ['1', 'ab"c', 'x'], error: expect.stringMatching(/quote inside/) });
    expect(second).toMatchObject({
      fields: ['2', 'abc', 'y'],
      error: expect.stringMatching(/after a closing quote/),
    });
    expect(third).toEqual({ fields: ['3', 'ok', 'z'], line: 3 });
  });

  it('reports an unclosed quote at the end and re-reads the lines it swallowed', () => {
    const records = parseCsv('id,name\n1,"Jess\n2,Amy\n3,Bob');
    expect(records[1]).toMatchObject({ line: 2, error: expect.stringMatching(/never closed/) });
    expect(records.slice(2)).toEqual([
      { fields: ['2', 'Amy'], line: 3 },
      { fields: ['3', 'Bob'], line: 4 },
    ]);
  });

  it('gives up on a quote still open after many lines, without losing the rest', () => {
    const reader = new CsvRecordReader();
    const out = [reader.push('1,"open')];
    for (let i = 0; i < MAX_LINES_PER_RECORD + 5; i++) out.push(reader.push(`${i + 2},fine`));
    out.push(reader.end());
    const records = out.flat();
    expect(records[0]).toMatchObject({ line: 1, error: expect.stringMatching(/not closed within/) });
    expect(records.length).toBe(MAX_LINES_PER_RECORD + 6);
    expect(records.at(-1)).toEqual({
      fields: [`${MAX_LINES_PER_RECORD + 6}`, 'fine'],
      line: MAX_LINES_PER_RECORD + 6,
    });
  });

  it('reads nothing from an empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });
});

describe('formatCsvRow', () => {
  it('quotes only when needed and round-trips', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'two\nlines', ' padded', ''];
    const line = formatCsvRow(fields);
    expect(line).toBe('plain,"with, comma","with ""quote""","two\nlines"," padded",');
    expect(parseCsv(line)[0]!.fields).toEqual(fields);
  });
});
