/**
 * "Revised": a closed period's briefing changes only when facts about the period are recorded late
 * (decision 0025). The first time a closed period's briefing is produced (for a scope and mode), its cells
 * are recorded; a later production whose cells differ says so, with what changed. Pure: the reports store
 * keeps the first publication.
 */
import { createHash } from 'node:crypto';
import { ukDate } from '../platform/time/display.ts';
import type { Disclosed } from './disclosure.ts';

/** A briefing's figures as shown: per figure and row (and the total), the value a reader saw. */
export interface PublishedCell {
  figure: string;
  figureLabel: string;
  category: string;
  label: string;
  value: Disclosed | null;
}

export interface RevisedCell {
  figure: string;
  figureLabel: string;
  category: string;
  label: string;
  was: Disclosed | null;
  now: Disclosed | null;
}

export interface Revision {
  /** When the period's briefing was first produced, ISO. */
  firstPublishedAt: string;
  changes: RevisedCell[];
}

interface FigureLike {
  label: string;
  unit: 'count' | 'years';
  rows: readonly { category: string; label: string; value: Disclosed }[];
  total: Disclosed | null;
}

/** The cells of a briefing's period (not its previous period, which has its own briefing). */
export function publishedCells(figures: Readonly<Record<string, FigureLike>>): PublishedCell[] {
  const cells: PublishedCell[] = [];
  for (const [figure, f] of Object.entries(figures)) {
    if (f.total !== null)
      cells.push({
        figure,
        figureLabel: f.label,
        category: 'TOTAL',
        label: f.unit === 'years' ? 'Total (years)' : 'Total',
        value: f.total,
      });
    for (const row of f.rows)
      cells.push({
        figure,
        figureLabel: f.label,
        category: row.category,
        label: row.label,
        value: row.value,
      });
  }
  return cells;
}

/** A digest of the values alone (labels may be reworded without revising a briefing). */
export function cellsDigest(cells: readonly PublishedCell[]): string {
  const values = cells.map((c) => [c.figure, c.category, c.value ?? null]);
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

/** What changed since the first publication, or null when nothing did. */
export function revisionOf(
  first: { publishedAt: Date; cells: readonly PublishedCell[] },
  now: readonly PublishedCell[],
): Revision | null {
  const key = (c: PublishedCell) => `${c.figure}\u0000${c.category}`;
  const was = new Map(first.cells.map((c) => [key(c), c] as const));
  const changes: RevisedCell[] = [];
  for (const cell of now) {
    const before = was.get(key(cell));
    const old = before?.value ?? null;
    if (old !== (cell.value ?? null))
      changes.push({
        figure: cell.figure,
        figureLabel: cell.figureLabel,
        category: cell.category,
        label: cell.label,
        was: old,
        now: cell.value ?? null,
      });
  }
  return changes.length ? { firstPublishedAt: first.publishedAt.toISOString(), changes } : null;
}

const shown = (v: Disclosed | null) => (v === null ? 'none' : String(v));

/** "Revised since first published on 3 November 2026: <figure>: <row> 6 → 7; …." */
export function describeRevision(revision: Revision): string {
  const changes = revision.changes.map(
    (c) => `${c.figureLabel}: ${c.label} ${shown(c.was)} → ${shown(c.now)}`,
  );
  return `Revised since first published on ${ukDate(revision.firstPublishedAt)}: ${changes.join('; ')}.`;
}
