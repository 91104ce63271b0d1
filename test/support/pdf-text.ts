/**
 * Where a PDF puts its text: each text run (one `Tj`/`TJ` of a `BT … ET` block) with its page and its box
 * in points, top-down, measured from the file itself. Reads what pdfkit writes (the 14 standard fonts in
 * WinAnsi, hex strings, Flate-compressed content streams, `q`/`Q`/`cm`/`Tm`/`Td`/`Tf`), which is all the
 * briefing's exports use; it is no general PDF reader. Widths come from pdfkit's own font metrics.
 */
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

export interface TextRun {
  page: number;
  text: string;
  font: string;
  size: number;
  /** Left, right, top and bottom of the glyphs' box, in points from the page's top left corner. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

// WinAnsi codes above 0x7f that the briefing's text can contain; the rest read as Latin-1.
const WIN_ANSI: Record<number, string> = {
  133: '…',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  150: '–',
  151: '—',
  183: '·',
};
const decodeHex = (hex: string) =>
  (hex.match(/../g) ?? [])
    .map((h) => WIN_ANSI[parseInt(h, 16)] ?? String.fromCharCode(parseInt(h, 16)))
    .join('');

/** The file's objects by number: each one's dictionary text and, if it has one, its stream decoded. */
function objectsOf(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const start = /(\d+) 0 obj\b/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const end = text.indexOf('endobj', m.index);
    const body = text.slice(m.index + m[0].length, end);
    const streamAt = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (streamAt >= 0 && /\/Length (\d+)/.test(body.slice(0, streamAt))) {
      dict = body.slice(0, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)![1]);
      const from = m.index + m[0].length + streamAt + 'stream'.length + (body[streamAt + 6] === '\r' ? 2 : 1);
      const raw = Buffer.from(text.slice(from, from + length), 'latin1');
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  return objects;
}

const refs = (text: string) => [...text.matchAll(/(\d+) 0 R/g)].map((r) => Number(r[1]));

/** Every text run of the PDF, page by page (pages counted from 1). */
export function textRuns(pdf: Buffer): TextRun[] {
  const objects = objectsOf(pdf);
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const pagesRoot = objects.get(Number(/\/Pages (\d+) 0 R/.exec(catalog.dict)![1]))!;
  const pageIds = refs(/\/Kids \[([^\]]*)\]/.exec(pagesRoot.dict)![1]!);
  const metrics = new PDFDocument();
  const runs: TextRun[] = [];
  pageIds.forEach((id, index) => {
    const page = objects.get(id)!.dict;
    const height = Number(/\/MediaBox \[[\d.]+ [\d.]+ [\d.]+ ([\d.]+)\]/.exec(page)![1]);
    const resourcesRef = /\/Resources (\d+) 0 R/.exec(page);
    const resources = resourcesRef ? objects.get(Number(resourcesRef[1]))!.dict : page;
    const fonts = new Map<string, string>();
    for (const f of resources.matchAll(/\/(F\d+) (\d+) 0 R/g))
      fonts.set(f[1]!, /\/BaseFont \/([\w-]+)/.exec(objects.get(Number(f[2]))!.dict)![1]!);
    const contents = /\/Contents (\d+) 0 R/.exec(page)!;
    const content = objects.get(Number(contents[1]))!.stream!.toString('latin1');
    let ctm = IDENTITY;
    const saved: Matrix[] = [];
    let tm = IDENTITY;
    let font = '';
    let size = 0;
    const operands: string[] = [];
    const tokens = /\[[^\]]*\]|<[0-9a-fA-F]*>|\/[\w-]+|-?\d*\.?\d+|[A-Za-z*']+/g;
    for (let t = tokens.exec(content); t; t = tokens.exec(content)) {
      const token = t[0];
      if (!/^[A-Za-z*']+$/.test(token)) {
        operands.push(token);
        continue;
      }
      const n = operands.map(Number);
      if (token === 'q') saved.push(ctm);
      else if (token === 'Q') ctm = saved.pop() ?? IDENTITY;
      else if (token === 'cm') ctm = times(n.slice(-6) as Matrix, ctm);
      else if (token === 'BT') tm = IDENTITY;
      else if (token === 'Tm') tm = n.slice(-6) as Matrix;
      else if (token === 'Td') tm = times([1, 0, 0, 1, n.at(-2)!, n.at(-1)!], tm);
      else if (token === 'Tf') {
        font = fonts.get(operands.at(-2)!.slice(1)) ?? operands.at(-2)!;
        size = n.at(-1)!;
      } else if (token === 'TJ' || token === 'Tj') {
        const shown = decodeHex(
          (operands.at(-1)!.match(/<([0-9a-fA-F]*)>/g) ?? []).map((h) => h.slice(1, -1)).join(''),
        );
        const at = times(tm, ctm);
        const scale = Math.hypot(at[0], at[1]);
        const width = metrics.font(font).fontSize(size).widthOfString(shown) * scale;
        // Helvetica's (and Helvetica-Bold's) ascender and descender: 718 and -207 per 1000.
        const baseline = height - at[5];
        runs.push({
          page: index + 1,
          text: shown,
          font,
          size: size * scale,
          left: at[4],
          right: at[4] + width,
          top: baseline - 0.718 * size * scale,
          bottom: baseline + 0.207 * size * scale,
        });
      }
      operands.length = 0;
    }
  });
  return runs;
}

/** Pairs of runs on one page whose boxes overlap by more than `tolerance` points each way. */
export function overlappingRuns(runs: readonly TextRun[], tolerance = 0.5): [TextRun, TextRun][] {
  const out: [TextRun, TextRun][] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i]!;
      const b = runs[j]!;
      if (a.page !== b.page || !a.text.trim() || !b.text.trim()) continue;
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > tolerance && down > tolerance) out.push([a, b]);
    }
  }
  return out;
}
