/**
 * The briefing as a file: CSV (our own writer), XLSX (exceljs) and PDF (pdfkit). Every file carries the
 * OFFICIAL-SENSITIVE marking (the CSV's first line; the spreadsheet's first row, print header and footer;
 * the PDF's header and footer on every page), and spreadsheet cells that a spreadsheet program would read
 * as a formula (starting with = + - @, a tab or a carriage return) are neutralised with a leading quote
 * (SECURITY.md 16).
 */

import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { areaLabel, divisionLabel } from '../platform/codes/areas.ts';
import type { Briefing, BriefingFigure, Share } from './briefing.ts';
import { barChart } from './chart.ts';
import type { Disclosed } from './disclosure.ts';
import { describeDisclosure } from './joint-suppression.ts';
import { describePeriod } from './period.ts';
import { describeRevision } from './revision.ts';

export const MARKING = 'OFFICIAL-SENSITIVE';
export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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

export function describeScope(b: Briefing): string {
  if (b.scope.division) return `Police ${divisionLabel(b.scope.division)}`;
  if (b.scope.area) return `Safeguarding area ${areaLabel(b.scope.area)}`;
  return 'The whole partnership';
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

function preamble(b: Briefing): string[][] {
  return [
    [MARKING],
    ['Lantern partnership briefing: child sexual exploitation'],
    [`Period: ${describePeriod(b.period)} (previous: ${describePeriod(b.previousPeriod)})`],
    [`Scope: ${describeScope(b)}`],
    [
      b.mode === 'published'
        ? 'Published figures: counts from 1 to 5 and the cells that would reveal them are shown as c; shares are percentages to one decimal place.'
        : 'Operational figures: exact counts, not for publication.',
    ],
    ...(b.disclosure ? [[describeDisclosure(b.disclosure)]] : []),
    ...(b.revision ? [[describeRevision(b.revision)]] : []),
  ];
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

function fmt(value: Disclosed | Share | null, percent = false): string {
  if (value === null) return '';
  if (value === 'c') return 'c';
  return percent ? `${value.toFixed(1)}%` : String(value);
}

/** The PDF: a title page section, then each figure with its bar chart (vector) and table. */
export function toPdf(b: Briefing): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    bufferPages: true,
    info: { Title: 'Partnership briefing' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = 50;
  const width = doc.page.width - 100;
  const bottom = () => doc.page.height - 70;
  const ensure = (space: number) => {
    if (doc.y + space > bottom()) doc.addPage();
  };

  doc.font('Helvetica-Bold').fontSize(18).text('Partnership briefing: child sexual exploitation', left, 60);
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  for (const [line] of preamble(b).slice(2)) doc.text(line ?? '', { width });
  let section = '';
  for (const [name, f] of Object.entries(b.figures)) {
    if (f.section !== section) {
      section = f.section;
      ensure(60);
      doc.moveDown(1).font('Helvetica-Bold').fontSize(14).text(section, left, doc.y, { width });
    }
    drawFigure(doc, name, f, { left, width, ensure });
  }

  // The marking at the top and bottom of every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#d4351c');
    doc.text(MARKING, 0, 25, { width: doc.page.width, align: 'center', lineBreak: false });
    doc.text(`${MARKING}  ·  page ${i + 1} of ${range.count}`, 0, doc.page.height - 35, {
      width: doc.page.width,
      align: 'center',
      lineBreak: false,
    });
    doc.fillColor('black');
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}

function drawFigure(
  doc: PDFKit.PDFDocument,
  name: string,
  f: BriefingFigure,
  layout: { left: number; width: number; ensure: (space: number) => void },
) {
  const { left, width, ensure } = layout;
  ensure(80);
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor('black')
    .text(f.label, left, doc.y, { width });
  doc.font('Helvetica').fontSize(8).fillColor('#505a5f').text(`${f.description} (${name})`, { width });
  doc.fillColor('black').fontSize(9);
  if (f.total !== null) {
    doc.text(
      `${f.unit === 'years' ? 'Total (years)' : 'Total'}: ${fmt(f.total)}   Previous period: ${fmt(f.previous.total)}   Change: ${fmt(f.change)}`,
      { width },
    );
  }
  if (f.chart && f.rows.length > 0 && !f.twoWay) {
    const chart = barChart(`pdf-${name}`, f.label, f.rows);
    const scale = Math.min(1, width / chart.width);
    ensure(chart.height * scale + 10);
    const top = doc.y + 4;
    for (const bar of chart.bars) {
      doc.fontSize(7).fillColor('black');
      doc.text(bar.label, left, top + bar.textY * scale - 7, {
        width: chart.labelWidth * scale,
        lineBreak: false,
      });
      if (bar.width > 0)
        doc
          .rect(left + chart.barX * scale, top + bar.y * scale, bar.width * scale, chart.barHeight * scale)
          .fill('#1d70b8');
      doc
        .fillColor('black')
        .text(bar.valueText, left + (chart.barX + bar.width + 4) * scale, top + bar.textY * scale - 7, {
          lineBreak: false,
        });
    }
    doc.y = top + chart.height * scale + 4;
  }
  if (f.rows.length === 0) return;
  const cols = [0, 0.42, 0.55, 0.67, 0.8, 0.9].map((x) => left + x * width);
  const header = ['Category', 'Value', 'Share', 'Previous', 'Prev. share', 'Change'];
  ensure(24);
  let y = doc.y + 4;
  doc.font('Helvetica-Bold').fontSize(8);
  for (const [i, h] of header.entries()) doc.text(h, cols[i]!, y, { lineBreak: false });
  y += 12;
  doc.font('Helvetica');
  for (const row of f.rows) {
    if (y + 12 > doc.page.height - 70) {
      doc.addPage();
      y = doc.y;
    }
    const prev = f.previous.rows.find((r) => r.category === row.category);
    const change =
      prev && typeof row.value === 'number' && typeof prev.value === 'number'
        ? String(Math.round((row.value - prev.value) * 10) / 10)
        : prev && (row.value === 'c' || prev.value === 'c')
          ? 'c'
          : '';
    const cells = [
      `${row.group ? '' : '  '}${row.label}`,
      fmt(row.value),
      fmt(row.share, true),
      fmt(prev?.value ?? null),
      fmt(prev?.share ?? null, true),
      change,
    ];
    doc.font(row.group ? 'Helvetica-Bold' : 'Helvetica');
    for (const [i, text] of cells.entries()) {
      doc.text(text, cols[i]!, y, {
        width: (cols[i + 1] ?? left + width) - cols[i]! - 4,
        lineBreak: false,
        ellipsis: true,
      });
    }
    y += 11;
  }
  doc.font('Helvetica');
  doc.x = left;
  doc.y = y;
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
