/**
 * The import's rows: reading a CSV row's columns, finding its child by person id, NHS number or police
 * person reference (a merged person stands for the one they were merged into), and naming the column a
 * rule's error came from.
 */
import type { Tx } from '../platform/db/transaction.ts';
import { isUuid } from '../platform/ids.ts';
import { peopleBySourceKey, peopleWithMergeTargets } from './import-store.ts';
import { externalRefsTaken } from './store.ts';

export const CHILD_COLUMNS = ['child_person_id', 'child_nhs_number', 'child_police_ref'];
export const REQUIRED = ['police_ref', 'type', 'reported_at', 'risk_grade'];

export interface Row {
  row: number;
  line: number;
  get(column: string): string;
}

export function yesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'no' || v === 'n' || v === 'false' || v === '0') return false;
  if (v === 'yes' || v === 'y' || v === 'true' || v === '1') return true;
  return null;
}

export interface Lookups {
  byId: Map<string, { id: string; areas: string[] }>;
  byNhs: Map<string, Set<string>>;
  byPoliceRef: Map<string, Set<string>>;
  takenRefs: Set<string>;
}

/** The children and taken police references a batch of rows needs, in a few reads. */
export async function lookups(tx: Tx, rows: readonly Row[], agencyId: string): Promise<Lookups> {
  const ids = new Set<string>();
  const nhs = new Set<string>();
  const refs = new Set<string>();
  const policeRefs = new Set<string>();
  for (const r of rows) {
    const id = r.get('child_person_id').trim();
    if (isUuid(id)) ids.add(id.toLowerCase());
    const n = r.get('child_nhs_number').replace(/\s/g, '');
    if (n) nhs.add(n);
    const p = r.get('child_police_ref').trim();
    if (p) refs.add(p);
    const ref = r.get('police_ref').trim();
    if (ref) policeRefs.add(ref);
  }
  const byNhs = new Map<string, Set<string>>();
  const byPoliceRef = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, id: string) => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(id);
  };
  if (nhs.size) {
    for (const s of await peopleBySourceKey(tx, 'nhs_number', [...nhs])) add(byNhs, s.key, s.person_id);
  }
  if (refs.size) {
    for (const s of await peopleBySourceKey(tx, 'police_ref', [...refs]))
      add(byPoliceRef, s.key, s.person_id);
  }
  for (const set of [...byNhs.values(), ...byPoliceRef.values()]) for (const id of set) ids.add(id);
  // A merged person stands for the one they were merged into.
  const people = ids.size ? await peopleWithMergeTargets(tx, [...ids]) : [];
  const byId = new Map<string, { id: string; areas: string[] }>();
  for (const p of people) {
    byId.set(
      p.id,
      p.merged_into ? { id: p.merged_into, areas: p.target_areas ?? [] } : { id: p.id, areas: p.areas },
    );
  }
  const takenRefs = new Set((await externalRefsTaken(tx, agencyId, [...policeRefs])).map((r) => r.ref));
  return { byId, byNhs, byPoliceRef, takenRefs };
}

export function findChild(row: Row, l: Lookups): { id: string; areas: string[] } | string {
  const id = row.get('child_person_id').trim();
  if (id) {
    if (!isUuid(id)) return 'child_person_id is not a Lantern person id';
    return l.byId.get(id.toLowerCase()) ?? 'no person has this child_person_id';
  }
  for (const [column, map, what] of [
    ['child_nhs_number', l.byNhs, 'NHS number'],
    ['child_police_ref', l.byPoliceRef, 'police reference'],
  ] as const) {
    const key = column === 'child_nhs_number' ? row.get(column).replace(/\s/g, '') : row.get(column).trim();
    if (!key) continue;
    const matches = [...new Set([...(map.get(key) ?? [])].map((p) => l.byId.get(p)?.id ?? p))];
    if (matches.length === 0) return `no child has this ${what}`;
    if (matches.length > 1) return `${matches.length} people have this ${what}: give child_person_id`;
    return l.byId.get(matches[0]!) ?? { id: matches[0]!, areas: [] };
  }
  return 'give child_person_id, child_nhs_number or child_police_ref';
}

/** The CSV column a rule's field came from. */
export function columnOf(field: string): string {
  const map: Record<string, string> = {
    type: 'type',
    riskGrade: 'risk_grade',
    reportedAt: 'reported_at',
    lastSeenAt: 'last_seen_at',
    returnedAt: 'returned_at',
    'returned.foundWhere': 'found_where',
    'returned.foundPostcode': 'found_postcode',
    'from.kind': 'from',
    'from.placement': 'placement_code',
    'from.postcode': 'from_postcode',
    reportedBy: 'reported_by',
    reporterName: 'reporter_name',
    circumstances: 'circumstances',
    externalRef: 'police_ref',
  };
  return map[field] ?? field;
}
