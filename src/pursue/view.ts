/**
 * The disruption register as its pages show it, pure: labels not codes, GOV.UK dates, people's names, and
 * the links a reader may follow. Rows come from `store.ts` through the service.
 */
import { labelOf } from '../platform/codes/code-list.ts';
import { CONTACT_METHODS, SUSPECT_LINK_TYPES, SUSPECT_ROLES } from '../platform/codes/referral.ts';
import { ukDate, ukDateTime } from '../platform/time/display.ts';
import {
  BREACH_ASKS_FOR_SRO,
  BREACHABLE,
  IDENTIFIER_KINDS,
  PURSUE_STATUSES,
  SRO_DECISIONS,
  TACTICS,
  type Tactic,
} from './codes.ts';
import type { IdentifierRow } from './identifier-store.ts';
import { newBreachPath, sroDecisionPath } from './paths.ts';
import type { StatusRow } from './status-store.ts';
import type { BreachRow, ChildLinkRow, ProfileCountRow, TacticEffectRow, TacticRow } from './store.ts';

export function personName(person: { forename: string | null; surname: string | null }): string {
  return [person.forename, person.surname].filter(Boolean).join(' ') || 'Name not recorded';
}

export function tacticLabel(type: string): string {
  return labelOf(TACTICS, type) ?? 'Tactic';
}

/** "7 years", "2 years and 6 months", "8 months". */
export function sentenceWords(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years ? `${years} ${years === 1 ? 'year' : 'years'}` : '';
  const m = rest ? `${rest} ${rest === 1 ? 'month' : 'months'}` : '';
  return [y, m].filter(Boolean).join(' and ') || 'No custodial sentence';
}

export interface BreachView {
  id: string;
  date: string;
  details: string;
  recordedBy: string;
  sro: string | null;
  sroReason: string | null;
  decideHref: string | null;
}

export interface TacticView {
  id: string;
  label: string;
  rows: { key: { text: string }; value: { text: string } }[];
  breaches: BreachView[];
  breachHref: string | null;
}

function breachView(b: BreachRow, asksForSro: boolean, canDecide: boolean): BreachView {
  const decided = b.sro_decision ? (labelOf(SRO_DECISIONS, b.sro_decision) ?? null) : null;
  return {
    id: b.id,
    date: ukDate(b.breached_on),
    details: b.details,
    recordedBy: b.recorded_by,
    sro: decided
      ? `${decided} (${b.sro_decided_by ?? 'recorded'}, ${ukDateTime(b.sro_decided_at)})`
      : asksForSro
        ? 'A Sexual Risk Order is to be considered'
        : null,
    sroReason: b.sro_reason,
    decideHref: asksForSro && !decided && canDecide ? sroDecisionPath(b.id) : null,
  };
}

/** "Missing episodes: 3 before, 1 after. Referrals: 1 before, 0 after so far." (the linked children, 90 days either side) */
export function effectWords(e: TacticEffectRow | undefined, startedOn: string, today: string): string | null {
  if (!e) return null;
  const after =
    Date.parse(`${startedOn}T00:00:00Z`) + 90 * 86_400_000 > Date.parse(`${today}T00:00:00Z`)
      ? ' so far'
      : '';
  return `Missing episodes: ${e.missing_before} before, ${e.missing_after} after${after}. Referrals: ${e.referrals_before} before, ${e.referrals_after} after${after}.`;
}

export function tacticView(
  t: TacticRow,
  breaches: readonly BreachRow[],
  reader: { canRecord: boolean; agencyId: string | null },
  effect?: { row: TacticEffectRow | undefined; today: string },
): TacticView {
  const rows: TacticView['rows'] = [];
  const row = (key: string, value: string | null) => {
    if (value) rows.push({ key: { text: key }, value: { text: value } });
  };
  row('Issued or happened', ukDate(t.started_on));
  if (t.child_person_id) row('Child named', t.child_name ?? 'A child whose record you cannot open');
  row('Court date', t.court_date ? ukDate(t.court_date) : null);
  row('Sentence', t.sentence_months !== null ? sentenceWords(Number(t.sentence_months)) : null);
  row('Expires', t.expires_on ? ukDate(t.expires_on) : null);
  row('Review', t.review_on ? ukDate(t.review_on) : null);
  row('Conditions', t.conditions);
  // An imported disposal: the police system's reference, to find it there.
  row('Police reference', t.source_reference);
  row('Recorded by', `${t.recorded_by} on ${ukDateTime(t.recorded_at)}`);
  if (effect)
    row('Linked children, 90 days either side', effectWords(effect.row, t.started_on, effect.today));
  const type = t.type as Tactic;
  const asksForSro = BREACH_ASKS_FOR_SRO.has(type);
  return {
    id: t.id,
    label: tacticLabel(t.type),
    rows,
    breaches: breaches
      .filter((b) => b.disposal_id === t.id)
      .map((b) => breachView(b, asksForSro, reader.canRecord && b.agency_id === reader.agencyId)),
    breachHref: reader.canRecord && BREACHABLE.has(type) ? newBreachPath(t.id) : null,
  };
}

/** One line of the child's chronology about a tactic or a breach (d1 tactic, d2 person, d3 'NAMED'). */
export function disruptionSummary(
  kind: string,
  d1: string | null,
  d2: string | null,
  d3: string | null,
): string {
  const tactic = tacticLabel(d1 ?? '');
  const who = d2 ?? 'a person linked to the child';
  if (kind === 'DISRUPTION_BREACH') return `Breach by ${who} of a ${tactic}`;
  return d3 === 'NAMED' ? `${tactic} against ${who}, naming this child` : `${tactic}: ${who}`;
}

export function identifierView(i: IdentifierRow) {
  return {
    kind: labelOf(IDENTIFIER_KINDS, i.kind) ?? 'Identifier',
    value: i.value,
    checked: i.checked_on ? ukDate(i.checked_on) : null,
    note: i.note,
    added: `${i.recorded_by}, ${ukDate(i.recorded_at)}`,
  };
}

/** The status now (a suspect until a change is recorded), its history, and the group the person belongs to. */
export function standingView(standing: { history: readonly StatusRow[]; associates: number }) {
  const line = (r: StatusRow) =>
    `${labelOf(PURSUE_STATUSES, r.status) ?? 'Status'} from ${ukDateTime(r.recorded_at)} (${r.recorded_by}): ${r.reason}`;
  const now = standing.history[0];
  return {
    status: now ? (labelOf(PURSUE_STATUSES, now.status) ?? 'Suspect') : 'Suspect (no status recorded)',
    history: standing.history.map(line),
    group:
      standing.associates > 0
        ? `Part of a group: linked with ${standing.associates} other ${standing.associates === 1 ? 'suspect' : 'suspects'} through the children they share`
        : null,
  };
}

/** A link to a child: whom, since when, and on what basis (the referral that made it). */
export function childLinkView(l: ChildLinkRow) {
  const basis =
    l.basis === 'SUSPECT_REFERRAL'
      ? `Suspect referral ${l.reference}${l.detail ? `: ${labelOf(SUSPECT_LINK_TYPES, l.detail) ?? 'linked'}` : ''}`
      : `Named as a suspect on the child’s referral ${l.reference}${l.detail ? ` (${l.detail})` : ''}`;
  return {
    href: `/people/${l.child_id}`,
    name: l.child_name ?? 'Name not recorded',
    since: ukDate(l.received_at),
    basis,
  };
}

/** "Primary offender (2), facilitator (1)": the roles and first-contact methods recorded, most frequent first. */
export function profileView(counts: readonly ProfileCountRow[]) {
  const words = (what: ProfileCountRow['what'], list: typeof SUSPECT_ROLES | typeof CONTACT_METHODS) =>
    counts
      .filter((c) => c.what === what)
      .map((c) => `${labelOf(list, c.code) ?? 'Not recorded'} (${c.n})`)
      .join(', ') || null;
  return { roles: words('ROLE', SUSPECT_ROLES), contact: words('CONTACT', CONTACT_METHODS) };
}
