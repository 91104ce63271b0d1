/**
 * The disruption register's words. The tactics are the partnership's disposal list (shared with the
 * briefing, `platform/codes/referral.ts`); what each needs is said here once.
 */
import type { CodeEntry } from '../platform/codes/code-list.ts';
import { ETHNICITIES } from '../platform/codes/people.ts';
import { DISPOSALS, type Disposal } from '../platform/codes/referral.ts';

export const TACTICS = DISPOSALS;
export type Tactic = Disposal;

/** Notices that protect a named child: the child must be named. */
export const NAMES_A_CHILD: ReadonlySet<Tactic> = new Set(['CAWN_S2', 'CAWN_S49']);
/** Orders made by a court (interim ones too): the court date must be given. */
export const COURT_ORDERS: ReadonlySet<Tactic> = new Set([
  'SHPO',
  'SHPO_INTERIM',
  'SRO',
  'SRO_INTERIM',
  'CLOSURE_ORDER',
  'CRIMINAL_BEHAVIOUR_ORDER',
]);
/** What may carry a court date: the orders, a charge (first appearance) and a conviction. */
export const HAS_COURT_DATE: ReadonlySet<Tactic> = new Set([...COURT_ORDERS, 'CHARGE', 'CONVICTION']);
/**
 * What can be breached: the notices and the orders. These are also the tactics "in force" until they expire
 * (the priorities' review list) and a notice or order's gravity.
 */
export const BREACHABLE: ReadonlySet<Tactic> = new Set([
  ...COURT_ORDERS,
  'CAWN_S2',
  'CAWN_S49',
  'HOTEL_NOTICE',
  'CLOSURE_NOTICE',
  'COMMUNITY_PROTECTION_NOTICE',
]);
/** A breach of one of these asks the issuing agency to consider a Sexual Risk Order. */
export const BREACH_ASKS_FOR_SRO: ReadonlySet<Tactic> = new Set(['CAWN_S2', 'CAWN_S49']);

export const SRO_DECISIONS = [
  { code: 'APPLY', label: 'Apply for a Sexual Risk Order' },
  { code: 'NOT_NEEDED', label: 'An order is not needed now' },
] as const satisfies readonly CodeEntry[];
export type SroDecision = (typeof SRO_DECISIONS)[number]['code'];

/** Reviews and expiries show in "My work" this many days ahead. */
export const DUE_SOON_DAYS = 14;

/** The 3x5x2 model: how reliable the source is. */
export const SOURCE_GRADES = [
  { code: '1', label: '1: Reliable' },
  { code: '2', label: '2: Untested' },
  { code: '3', label: '3: Not reliable' },
] as const satisfies readonly CodeEntry[];

/** The 3x5x2 model: how the intelligence is known. */
export const INTELLIGENCE_GRADES = [
  { code: 'A', label: 'A: Known directly to the source' },
  { code: 'B', label: 'B: Known indirectly to the source, corroborated' },
  { code: 'C', label: 'C: Known indirectly to the source' },
  { code: 'D', label: 'D: Not known' },
  { code: 'E', label: 'E: Suspected to be false or malicious' },
] as const satisfies readonly CodeEntry[];

/** The 3x5x2 model: whether and how it may be shared. */
export const HANDLING_CODES = [
  { code: 'P', label: 'P: Lawful sharing permitted' },
  { code: 'C', label: 'C: Lawful sharing permitted with conditions' },
] as const satisfies readonly CodeEntry[];

/** What identifies a suspect or offender beyond their name (migration 042). */
export const IDENTIFIER_KINDS = [
  { code: 'ALIAS', label: 'Alias or nickname' },
  { code: 'VEHICLE', label: 'Vehicle (a partial registration will do)' },
  { code: 'PHONE', label: 'Phone number' },
  { code: 'HANDLE', label: 'Online name or handle' },
  { code: 'PNC_REFERENCE', label: 'Police National Computer reference' },
  { code: 'PND_REFERENCE', label: 'Police National Database reference' },
] as const satisfies readonly CodeEntry[];
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number]['code'];

/** References to national police systems: kept with the date they were checked, never as copies. */
export const CHECKED_REFERENCES: ReadonlySet<IdentifierKind> = new Set(['PNC_REFERENCE', 'PND_REFERENCE']);

/** Where a person stands in Pursue (migration 043); with no change recorded, a suspect. */
export const PURSUE_STATUSES = [
  { code: 'SUSPECT', label: 'Suspect' },
  { code: 'OFFENDER', label: 'Offender' },
  { code: 'ELIMINATED', label: 'Eliminated from enquiries' },
] as const satisfies readonly CodeEntry[];
export type PursueStatus = (typeof PURSUE_STATUSES)[number]['code'];

/** Ethnicity as monitored for a suspect or offender: the census categories, "not stated", and a refusal. */
export const PROFILE_ETHNICITIES: readonly CodeEntry[] = [
  ...ETHNICITIES,
  { code: 'REFUSED', label: 'Refused to say' },
];
