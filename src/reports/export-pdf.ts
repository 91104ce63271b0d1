/**
 * The briefing as a PDF (pdfkit): the opening lines, then each figure with its bar chart (vector, the
 * page's geometry) and its table; the suspects by ethnic group and division as a grid, as on the page.
 * Every line of text is placed here, never wrapped by pdfkit on its own: a label too long for its column
 * is broken over lines and the row is as tall as its longest cell, so no text runs into the next line
 * (issue 15; `test/reports/briefing-pdf.test.ts` measures the file). The marking heads and foots each page.
 */
import PDFDocument from 'pdfkit';
import type { Briefing, BriefingFigure, Share } from './briefing.ts';
import { barChart } from './chart.ts';
import type { Disclosed } from './disclosure.ts';
import { MARKING, preamble } from './export-text.ts';
import { figureGrid } from './figure-grid.ts';

const LEFT = 50;
/** The lowest a line of content may reach: the footer's marking sits below it. */
const BOTTOM_SPACE = 70;
const TABLE_FONT = 8;
const TABLE_LINE = 10;
const CHART_FONT = 8;

function fmt(value: Disclosed | Share | null, percent = false): string {
  if (value === null) return '';
  if (value === 'c') return 'c';
  return percent ? `${value.toFixed(1)}%` : value.toLocaleString('en-GB');
}

/** Text broken into lines that fit `width` points in the document's current font, at spaces. */
function linesWithin(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && doc.widthOfString(candidate) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

interface Layout {
  doc: PDFKit.PDFDocument;
  width: number;
  bottom: number;
}

/** Starts a new page unless `space` points fit below the current position. */
function ensure(l: Layout, space: number): void {
  if (l.doc.y + space > l.bottom) l.doc.addPage();
}

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
  const l: Layout = { doc, width: doc.page.width - 2 * LEFT, bottom: doc.page.height - BOTTOM_SPACE };

  doc.font('Helvetica-Bold').fontSize(18).text('Partnership briefing: child sexual exploitation', LEFT, 60);
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  for (const [line] of preamble(b).slice(2)) doc.text(line ?? '', LEFT, doc.y, { width: l.width });
  let section = '';
  for (const f of Object.values(b.figures)) {
    if (f.section !== section) {
      section = f.section;
      ensure(l, 60);
      doc.moveDown(1).font('Helvetica-Bold').fontSize(14).text(section, LEFT, doc.y, { width: l.width });
    }
    drawFigure(l, f, b);
  }
  markEveryPage(doc);
  doc.end();
  return done;
}

/** The marking at the top and bottom of every page, outside the content's margins. */
function markEveryPage(doc: PDFKit.PDFDocument): void {
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
}

function drawFigure(l: Layout, f: BriefingFigure, b: Briefing): void {
  const { doc, width } = l;
  ensure(l, 80);
  doc
    .moveDown(0.8)
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor('black')
    .text(f.label, LEFT, doc.y, { width });
  doc.font('Helvetica').fontSize(8).fillColor('#505a5f').text(f.description, LEFT, doc.y, { width });
  doc.fillColor('black').fontSize(9);
  if (f.total !== null) {
    const total = f.unit === 'years' ? 'Total (years)' : 'Total';
    doc.text(
      `${total}: ${fmt(f.total)}   Previous period: ${fmt(f.previous.total)}   Change: ${fmt(f.change)}`,
      LEFT,
      doc.y,
      { width },
    );
  }
  if (f.chart && f.rows.length > 0 && !f.twoWay) drawChart(l, f);
  const grid = figureGrid(f, b);
  if (grid) {
    drawTable(
      l,
      ['Ethnic group', ...grid.columns, 'Total'],
      [
        ...grid.rows.map((r) => ({
          bold: false,
          cells: [r.label, ...r.cells.map((v) => fmt(v)), fmt(r.total)],
        })),
        { bold: true, cells: ['Total', ...grid.totals.map((v) => fmt(v)), fmt(grid.grand)] },
      ],
    );
  } else if (f.rows.length > 0) {
    drawTable(
      l,
      ['Category', 'Value', 'Share', 'Previous', 'Prev. share', 'Change'],
      f.rows.map((row) => {
        const prev = f.previous.rows.find((r) => r.category === row.category);
        const change =
          prev && typeof row.value === 'number' && typeof prev.value === 'number'
            ? String(Math.round((row.value - prev.value) * 10) / 10)
            : prev && (row.value === 'c' || prev.value === 'c')
              ? 'c'
              : '';
        return {
          bold: row.group === true,
          cells: [
            row.label,
            fmt(row.value),
            fmt(row.share, true),
            fmt(prev?.value ?? null),
            fmt(prev?.share ?? null, true),
            change,
          ],
        };
      }),
    );
  }
  doc.x = LEFT;
}

/** The page's bar chart, scaled to the text width: labels right-aligned over their lines, then bars. */
function drawChart(l: Layout, f: BriefingFigure): void {
  const { doc, width } = l;
  const chart = barChart('pdf', f.label, f.rows);
  const scale = Math.min(1, width / chart.width);
  ensure(l, chart.height * scale + 10);
  const top = doc.y + 4;
  // A line's top, from its baseline in the chart (Helvetica's ascender is 0.718 em).
  const lineTop = (baseline: number) => top + baseline * scale - 0.75 * CHART_FONT;
  doc.font('Helvetica').fontSize(CHART_FONT).fillColor('black');
  for (const bar of chart.bars) {
    for (const line of bar.labelLines) {
      const x = LEFT + chart.labelWidth * scale - doc.widthOfString(line.text);
      doc.text(line.text, x, lineTop(line.y), { lineBreak: false });
    }
    if (bar.width > 0)
      doc
        .rect(LEFT + chart.barX * scale, top + bar.y * scale, bar.width * scale, chart.barHeight * scale)
        .fill('#1d70b8');
    doc
      .fillColor('black')
      .text(bar.valueText, LEFT + (chart.barX + bar.width + 4) * scale, lineTop(bar.textY), {
        lineBreak: false,
      });
  }
  doc.x = LEFT;
  doc.y = top + chart.height * scale + 4;
}

/**
 * A table: the first column takes what the others leave (at least 40% of the width) and breaks its text
 * over lines; the others are as wide as the widest of their cells. The header is repeated on a new page.
 */
function drawTable(l: Layout, header: string[], rows: { bold: boolean; cells: string[] }[]): void {
  const { doc, width } = l;
  doc.fontSize(TABLE_FONT);
  const gap = 8;
  const numberWidths = header.slice(1).map((h, i) => {
    doc.font('Helvetica-Bold');
    return Math.max(doc.widthOfString(h), ...rows.map((r) => doc.widthOfString(r.cells[i + 1] ?? ''))) + gap;
  });
  const firstWidth = Math.max(width * 0.4, width - numberWidths.reduce((s, w) => s + w, 0));
  const spare = width - firstWidth - numberWidths.reduce((s, w) => s + w, 0);
  const widths = [firstWidth, ...numberWidths.map((w) => w + spare / numberWidths.length)];
  const xs = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((s, w) => s + w, 0));
  let y = doc.y + 4;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    const first = linesWithin(doc, cells[0] ?? '', widths[0]! - gap);
    if (y + first.length * TABLE_LINE > l.bottom) {
      doc.addPage();
      y = doc.y;
      if (cells !== header) drawRow(header, true);
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    }
    for (const [i, line] of first.entries()) doc.text(line, xs[0]!, y + i * TABLE_LINE, { lineBreak: false });
    for (const [i, text] of cells.slice(1).entries()) {
      // Numbers are right-aligned to their column's end.
      const x = xs[i + 1]! + widths[i + 1]! - gap / 2 - doc.widthOfString(text);
      doc.text(text, x, y, { lineBreak: false });
    }
    y += first.length * TABLE_LINE + 1;
  };
  drawRow(header, true);
  for (const row of rows) drawRow(row.cells, row.bold);
  doc.font('Helvetica');
  doc.x = LEFT;
  doc.y = y;
}
