/**
 * SECURITY 16 on the exported files: a formula-like value stored in the database comes out neutralised in
 * the CSV and the spreadsheet, and the PDF carries the OFFICIAL-SENSITIVE marking on every page (read from
 * each page's own content stream, in page order).
 *
 * The API and the forms accept only listed codes for the fields the briefing groups by, so no formula can
 * arrive that way; the values are written directly, as an import or a data fix would, which is the case the
 * export must survive.
 */
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKING } from '../../src/reports/export.ts';
import { createTestUser, type PageClient, signIn, type TestApp } from '../support/app.ts';
import { createKnownReportApp } from './support.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const QUERY = 'from=2026-04-01&to=2026-09-30&mode=operational';

// Each stored value and the briefing table it lands in (gender, ethnicity, where the child lives).
const HOSTILE = [
  { gender: '=2+5', ethnicity: '@SUM(1,2)', living: '-2+3' },
  { gender: "+cmd|' /C calc'!A0", ethnicity: '\t=1+2', living: '\r=3+4' },
];

let t: TestApp;
let analyst: PageClient;

beforeAll(async () => {
  t = await createKnownReportApp();
  for (const [i, v] of HOSTILE.entries()) {
    const record = await t.superuserQuery(
      `INSERT INTO source_record (person_id, agency_id, submitted_by_label, provenance, subject_role, forename,
         surname, dob, gender, ethnicity, living_situation)
       SELECT person_id, agency_id, 'import', 'legacy import', 'CHILD', 'Imported', 'Child', dob, $1, $2, $3
         FROM source_record WHERE subject_role = 'CHILD' ORDER BY id LIMIT 1
       RETURNING id, person_id`,
      [v.gender, v.ethnicity, v.living],
    );
    // The referral's child facts are copied from its source record at intake (a database trigger).
    await t.superuserQuery(
      `INSERT INTO victim_referral (id, reference, person_id, child_source_record_id, referring_agency_id,
         referred_by_label, practitioner_name, cin_referral_source, received_at, exploitation_type, category,
         concerns, exploitation_model, contact_method, consent, urgency, area, division, prior_referrals_12m,
         prior_referrals_ever)
       SELECT gen_random_uuid(), $1, $2, $3, referring_agency_id, referred_by_label, practitioner_name,
              cin_referral_source, '2026-06-15T10:00:00Z', exploitation_type, category, concerns,
              exploitation_model, contact_method, consent, urgency, area, division, 0, 0
         FROM victim_referral ORDER BY reference LIMIT 1`,
      [`VR-HOSTILE-${i}`, record.rows[0].person_id, record.rows[0].id],
    );
  }
  analyst = await signIn(t, await createTestUser(t, ['ANALYST']));
});
afterAll(async () => {
  await t?.close();
});

const hostileValues = () => HOSTILE.flatMap((v) => [v.gender, v.ethnicity, v.living]);

/** RFC 4180 fields: quoted fields may hold commas, quotes, CR and LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Each page's text runs, in page order: page objects from /Kids, their FlateDecode content streams. */
function pdfPages(pdf: Buffer): string[][] {
  const s = pdf.toString('latin1');
  const kids = /\/Type \/Pages\s*\/Count (\d+)\s*\/Kids \[([^\]]*)\]/.exec(s);
  if (!kids) throw new Error('no page tree');
  const pageIds = [...kids[2]!.matchAll(/(\d+) 0 R/g)].map((m) => m[1]!);
  expect(pageIds.length).toBe(Number(kids[1]));
  return pageIds.map((id) => {
    const page = new RegExp(
      `(?:^|\\n)${id} 0 obj\\s*<<\\s*/Type /Page\\b[\\s\\S]*?/Contents (\\d+) 0 R`,
    ).exec(s);
    if (!page) throw new Error(`page object ${id} not found`);
    const head = new RegExp(
      `(?:^|\\n)${page[1]} 0 obj\\s*<<\\s*/Length (\\d+)\\s*/Filter /FlateDecode\\s*>>\\s*stream\\r?\\n`,
    ).exec(s);
    if (!head) throw new Error(`content stream ${page[1]} not found`);
    const start = head.index + head[0].length;
    const content = inflateSync(pdf.subarray(start, start + Number(head[1]))).toString('latin1');
    // Text-showing operators: [<hex> kerning <hex> ...] TJ, or <hex> Tj. WinAnsi bytes read as latin1.
    return [...content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)].map((m) =>
      [...(m[1] ?? `<${m[2]}>`).matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'))
        .join(''),
    );
  });
}

describe('exported files (SECURITY 16)', () => {
  it('the CSV neutralises every formula-like cell, the stored hostile values included', async () => {
    const res = await analyst.get(`/reports/briefing/export?${QUERY}&format=csv`);
    expect(res.statusCode).toBe(200);
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual([MARKING]);
    expect(rows.at(-1)).toEqual([MARKING]);
    const fields = rows.flat();
    for (const value of hostileValues()) {
      // Shown as the category code and its label (an unlisted code is its own label)...
      expect(
        fields.filter((f) => f === `'${value}`).length,
        `${JSON.stringify(value)} neutralised`,
      ).toBeGreaterThanOrEqual(2);
      // ...and never as it was stored.
      expect(fields, JSON.stringify(value)).not.toContain(value);
    }
    const dangerous = fields.filter((f) => FORMULA_START.test(f) && !PLAIN_NUMBER.test(f));
    expect(dangerous).toEqual([]);
  });

  it('the spreadsheet holds no formula and neutralises every formula-like text cell', async () => {
    const res = await analyst.get(`/reports/briefing/export?${QUERY}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Briefing')!;
    expect(sheet.getCell('A1').value).toBe(MARKING);
    expect(sheet.headerFooter.oddHeader).toContain(MARKING);
    expect(sheet.headerFooter.oddFooter).toContain(MARKING);
    const texts: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, cell.address).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    );
    // XML stores a carriage return as a line feed (ExcelJS writes it raw), so compare with CR read as LF.
    const lf = (x: string) => x.replace(/\r/g, '\n');
    for (const value of hostileValues()) {
      expect(
        texts.filter((x) => lf(x) === lf(`'${value}`)).length,
        JSON.stringify(value),
      ).toBeGreaterThanOrEqual(2);
      expect(texts.map(lf)).not.toContain(lf(value));
    }
    expect(texts.filter((x) => FORMULA_START.test(x) && !PLAIN_NUMBER.test(x))).toEqual([]);
  });

  it('the PDF carries the marking at the top and bottom of every page', async () => {
    const res = await analyst.get(`/reports/briefing/export?${QUERY}&format=pdf`);
    expect(res.statusCode).toBe(200);
    const pages = pdfPages(res.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, runs] of pages.entries()) {
      const where = `page ${i + 1} of ${pages.length}`;
      expect(runs, where).toContain(MARKING);
      expect(runs, where).toContain(`${MARKING}  ·  page ${i + 1} of ${pages.length}`);
    }
    // The reader sees the document's body too, so a page without the marking would be noticed.
    expect(pages[0]!.join(' ')).toContain('Partnership briefing: child sexual exploitation');
  });
});
