/**
 * Horizontal bar charts drawn on the server: this computes the geometry, the page template writes it as
 * SVG elements (presentation attributes only: our CSP allows no inline styles) and the PDF draws the same
 * geometry with vector calls. A suppressed value ('c') has no bar and is labelled "c".
 */
import type { Disclosed } from './disclosure.ts';

export interface ChartBar {
  label: string;
  valueText: string;
  /** Top of the bar. */
  y: number;
  /** Baseline of the row's text. */
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

export const CHART_LAYOUT = {
  width: 560,
  labelWidth: 230,
  barArea: 260,
  row: 24,
  barHeight: 16,
  top: 6,
} as const;

/** Labels longer than the label column are shortened (the data table beside the chart has them in full). */
function shorten(label: string, max = 34): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

export function barChart(
  id: string,
  title: string,
  rows: readonly { label: string; value: Disclosed; share?: number | 'c' | null }[],
): BarChart {
  const L = CHART_LAYOUT;
  const numbers = rows.map((r) => (typeof r.value === 'number' ? r.value : 0));
  const max = Math.max(1, ...numbers);
  const bars = rows.map((r, i) => {
    const y = L.top + i * L.row;
    const suppressed = r.value === 'c';
    const value = typeof r.value === 'number' ? r.value : 0;
    return {
      label: shorten(r.label),
      valueText: suppressed
        ? 'c'
        : `${value}${typeof r.share === 'number' ? ` (${r.share.toFixed(1)}%)` : ''}`,
      y,
      textY: y + L.barHeight - 3,
      width: suppressed ? 0 : Math.round((value / max) * L.barArea * 10) / 10,
      suppressed,
    };
  });
  const shown = rows.filter((r) => r.value !== 'c').length;
  return {
    id,
    titleId: `${id}-title`,
    descId: `${id}-desc`,
    title,
    description: `Bar chart of ${rows.length} categories (${rows.length - shown} suppressed); the table beside it gives the figures.`,
    width: L.width,
    height: L.top * 2 + rows.length * L.row,
    labelWidth: L.labelWidth,
    barX: L.labelWidth + 8,
    barHeight: L.barHeight,
    bars,
  };
}
