/**
 * Horizontal bar charts drawn on the server: this computes the geometry, the page template writes it as
 * SVG elements (presentation attributes only: our CSP allows no inline styles) and the PDF draws the same
 * geometry with vector calls. A suppressed value ('c') has no bar and is labelled "c".
 */
import type { Disclosed } from './disclosure.ts';

export interface ChartBar {
  /** The category's label in full, over as many lines as it needs. */
  label: string;
  labelLines: { text: string; y: number }[];
  valueText: string;
  /** Top of the bar. */
  y: number;
  /** Baseline of the row's first line of text. */
  textY: number;
  width: number;
  suppressed: boolean;
}

export interface BarChart {
  id: string;
  titleId: string;
  descId: string;
  title: string;
  description: string;
  width: number;
  height: number;
  labelWidth: number;
  barX: number;
  barHeight: number;
  bars: ChartBar[];
}

/**
 * The geometry, in the SVG's units (pixels at 12 px Arial). A label line holds at most
 * `labelCharacters` characters: at Arial's widest common letters (about 0.65 em) that is within
 * `labelWidth`; the value column leaves room for "99,999 (100.0%)". The browser test measures both.
 */
export const CHART_LAYOUT = {
  width: 640,
  labelWidth: 250,
  labelCharacters: 30,
  lineHeight: 14,
  barArea: 260,
  row: 24,
  barHeight: 16,
  top: 6,
} as const;

/** A label broken into lines at spaces (a word longer than a line is split), never shortened. */
export function wrapLabel(label: string, max: number = CHART_LAYOUT.labelCharacters): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > max) {
      if (line) lines.push(line);
      lines.push(`${rest.slice(0, max - 1)}-`);
      rest = rest.slice(max - 1);
      line = '';
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= max) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export function barChart(
  id: string,
  title: string,
  rows: readonly { label: string; value: Disclosed; share?: number | 'c' | null }[],
): BarChart {
  const L = CHART_LAYOUT;
  const numbers = rows.map((r) => (typeof r.value === 'number' ? r.value : 0));
  const max = Math.max(1, ...numbers);
  let y = L.top;
  const bars = rows.map((r) => {
    const suppressed = r.value === 'c';
    const value = typeof r.value === 'number' ? r.value : 0;
    const textY = y + L.barHeight - 3;
    const lines = wrapLabel(r.label);
    const bar = {
      label: r.label,
      labelLines: lines.map((text, i) => ({ text, y: textY + i * L.lineHeight })),
      valueText: suppressed
        ? 'c'
        : `${value.toLocaleString('en-GB')}${typeof r.share === 'number' ? ` (${r.share.toFixed(1)}%)` : ''}`,
      y,
      textY,
      width: suppressed ? 0 : Math.round((value / max) * L.barArea * 10) / 10,
      suppressed,
    };
    // A row as tall as its label: the next bar starts below the label's last line.
    y += Math.max(L.row, L.barHeight + (lines.length - 1) * L.lineHeight + 8);
    return bar;
  });
  const shown = rows.filter((r) => r.value !== 'c').length;
  return {
    id,
    titleId: `${id}-title`,
    descId: `${id}-desc`,
    title,
    description: `Bar chart of ${rows.length} categories (${rows.length - shown} suppressed); the table after it gives the figures.`,
    width: L.width,
    height: y + L.top,
    labelWidth: L.labelWidth,
    barX: L.labelWidth + 8,
    barHeight: L.barHeight,
    bars,
  };
}
