/**
 * The briefing as a file: CSV (our own writer), XLSX (exceljs) and PDF (pdfkit, `export-pdf.ts`). Every file carries the
 * OFFICIAL-SENSITIVE marking (the CSV's first line; the spreadsheet's first row, print header and footer;
 * the PDF's header and footer on every page), and spreadsheet cells that a spreadsheet program would read
 * as a formula (starting with = + - @, a tab or a carriage return) are neutralised with a leading quote
 * (SECURITY.md 16).
 */

import ExcelJS from 'exceljs';
import type { Briefing, Share } from './briefing.ts';
import type { Disclosed } from './disclosure.ts';
import { toPdf } from './export-pdf.ts';
import { type ExportFormat, MARKING, preamble } from './export-text.ts';

export { describeScope, EXPORT_FORMATS, type ExportFormat, MARKING } from './export-text.ts';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** A text cell made safe for spreadsheet programs. Plain numbers (e.g. a change of -3) are left alone. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function shown(value: Disclosed | Share | null): string | number | null {
  return value === null ? null : value;
}

const COLUMNS = [
  'Figure',
  'Figure label',
  'Category',
  'Category label',
  'Value',
  'Share (%)',
  'Previous value',
  'Previous share (%)',
  'Change',
] as const;

/** One line per figure total and per row, the same for CSV and XLSX. */
export function exportRows(b: Briefing): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  for (const [name, f] of Object.entries(b.figures)) {
    if (f.total !== null) {
      out.push([
        name,
        f.label,
        'TOTAL',
        f.unit === 'years' ? 'Total (years)' : 'Total',
        shown(f.total),
        null,
        shown(f.previous.total),
        null,
        shown(f.change),
      ]);
    }
    for (const row of f.rows) {
      const prev = f.previous.rows.find((r) => r.category === row.category);
      const change =
        prev && typeof row.value === 'number' && typeof prev.value === 'number'
          ? Math.round((row.value - prev.value) * 10) / 10
          : prev && (row.value === 'c' || prev.value === 'c')
            ? 'c'
            : null;
      out.push([
        name,
        f.label,
        row.category,
        row.label,
        shown(row.value),
        shown(row.share),
        shown(prev?.value ?? null),
        shown(prev?.share ?? null),
        change,
      ]);
    }
  }
  return out;
}

export function toCsv(b: Briefing): string {
  const lines = [...preamble(b), [], [...COLUMNS], ...exportRows(b), [], [MARKING]];
  return `${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export async function toXlsx(b: Briefing): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lantern';
  workbook.created = new Date(b.generatedAt);
  const sheet = workbook.addWorksheet('Briefing', {
    headerFooter: { oddHeader: `&C${MARKING}`, oddFooter: `&C${MARKING}` },
  });
  const cell = (v: string | number | null) => (typeof v === 'string' ? neutralise(v) : v);
  for (const line of preamble(b)) sheet.addRow(line.map(cell));
  sheet.getRow(1).font = { bold: true, color: { argb: 'FFD4351C' } };
  sheet.addRow([]);
  const header = sheet.addRow([...COLUMNS]);
  header.font = { bold: true };
  for (const row of exportRows(b)) sheet.addRow(row.map(cell));
  sheet.addRow([]);
  sheet.addRow([MARKING]).font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = [28, 40, 24, 40, 10, 10, 14, 16, 10][i] ?? 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The download's file name: scope, period and mode, so that two downloads never share one. */
export function exportFileName(b: Briefing, format: ExportFormat): string {
  const scope = (b.scope.division ?? b.scope.area ?? 'partnership').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `briefing-${scope}-${b.period.from}-to-${b.period.to}-${b.mode}.${format}`;
}

export async function renderExport(b: Briefing, format: ExportFormat): Promise<Buffer | string> {
  switch (format) {
    case 'csv':
      return toCsv(b);
    case 'xlsx':
      return toXlsx(b);
    case 'pdf':
      return toPdf(b);
    case 'json':
      return `${JSON.stringify({ marking: 'OFFICIAL-SENSITIVE', ...b }, null, 2)}\n`;
  }
}
