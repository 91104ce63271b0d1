/**
 * A child's chronology across agencies: every injected source's lines, in time order, filtered by kind of
 * work and by agency. Sources run one after another in the viewer's transaction (one connection), each
 * reading under row-level security, so nothing outside the viewer's scope is listed. The composition root
 * (src/app.ts) hands the sources in; this module imports none of the modules that own the records.
 */
import { openPerson } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import {
  CHRONOLOGY_GROUPS,
  CHRONOLOGY_KIND_LABELS,
  type ChronologyEntry,
  type ChronologyGroup,
  type ChronologySource,
  GROUP_OF,
} from '../platform/chronology/entry.ts';
import type { Tx } from '../platform/db/transaction.ts';

/** The most lines each source gives (its SQL limit): far beyond a child's story, bounded for safety. */
export const SOURCE_LIMIT = 1000;

export interface ChronologyFilter {
  /** Kinds of work to show; empty shows all. */
  groups: readonly ChronologyGroup[];
  /** Agencies to show; empty shows all. */
  agencyIds: readonly string[];
}

export const NO_FILTER: ChronologyFilter = { groups: [], agencyIds: [] };

/** Query parameters (codes and ids only) → a filter; anything unknown is dropped. Pure. */
export function filterFrom(query: unknown): ChronologyFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);
  const codes: readonly string[] = CHRONOLOGY_GROUPS.map((g) => g.code);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return {
    groups: [...new Set(list(q.kind).filter((k) => codes.includes(k)))].slice(0, 10) as ChronologyGroup[],
    agencyIds: [
      ...new Set(
        list(q.agency)
          .filter((a) => uuid.test(a))
          .map((a) => a.toLowerCase()),
      ),
    ].slice(0, 50),
  };
}

/** The order of kinds at the same instant: a referral before the MASH episode it opens, and so on. */
const KIND_RANK = new Map(Object.keys(CHRONOLOGY_KIND_LABELS).map((k, i) => [k, i]));

/** Oldest first; ties by kind (in the story's order) and record, so every reading gives one order. Pure. */
export function compareEntries(a: ChronologyEntry, b: ChronologyEntry): number {
  const d = a.at.getTime() - b.at.getTime();
  if (d !== 0) return d;
  const k = (KIND_RANK.get(a.kind) ?? 0) - (KIND_RANK.get(b.kind) ?? 0);
  return k !== 0 ? k : a.key.localeCompare(b.key);
}

export interface Chronology {
  entries: ChronologyEntry[];
  /** The agencies with lines in the kinds shown (before the agency filter), for the filter's choices. */
  agencies: { id: string; name: string }[];
}

/** The lines of the chosen sources, sorted, with the agency filter applied. Pure over what was read. */
export function assemble(lines: ChronologyEntry[], filter: ChronologyFilter): Chronology {
  const shown = filter.groups.length ? lines.filter((e) => filter.groups.includes(GROUP_OF[e.kind])) : lines;
  const agencies = new Map<string, string>();
  for (const e of shown) if (e.agencyId && e.agencyName) agencies.set(e.agencyId, e.agencyName);
  const entries = filter.agencyIds.length
    ? shown.filter((e) => e.agencyId !== null && filter.agencyIds.includes(e.agencyId))
    : shown;
  entries.sort(compareEntries);
  return {
    entries,
    agencies: [...agencies].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * The child's chronology as the viewer may see it. The caller has opened the child (`openChild`); only the
 * sources whose kinds are chosen run.
 */
export async function chronologyOf(
  tx: Tx,
  viewer: Principal,
  personId: string,
  sources: readonly ChronologySource[],
  filter: ChronologyFilter,
): Promise<Chronology> {
  const lines: ChronologyEntry[] = [];
  for (const source of sources) {
    if (filter.groups.length && !source.groups.some((g) => filter.groups.includes(g))) continue;
    lines.push(...(await source.read(tx, personId, viewer, { limit: SOURCE_LIMIT })));
  }
  return assemble(lines, filter);
}

/** The child, when the viewer may read their record (as the person page decides); else an audited 404. */
/** Opens the child as the person page does: a restricted child's case team gives a justification each time. */
export function openChild(tx: Tx, viewer: Principal, personId: string, justification?: string | null) {
  return openPerson(tx, viewer, personId, { justification: justification ?? null });
}
