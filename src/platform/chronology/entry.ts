/**
 * One line of a child's chronology: something that happened to or about the child, in any agency, with
 * when, what kind, a one-line summary in plain words, who (a person's name and agency, never a username)
 * and where the record is. Each feature module that holds such records exports a provider
 * (`<module>/chronology-service.ts`); the chronology module lists what every provider finds, and the
 * composition root (src/app.ts) hands it the providers, as My work gets its work providers (decision 0020).
 */
import type { Principal } from '../access/principal.ts';
import type { Tx } from '../db/transaction.ts';

export type ChronologyKind =
  | 'REFERRAL'
  | 'SUSPECT_LINK'
  | 'EPISODE_OPENED'
  | 'RAG'
  | 'RESEARCH_REQUESTED'
  | 'RESEARCH_GIVEN'
  | 'RESEARCH_HELD'
  | 'SHARING'
  | 'STRATEGY'
  | 'STRATEGY_ACTION'
  | 'DECISION'
  | 'CONFERENCE'
  | 'RISK_ASSESSMENT'
  | 'MISSING'
  | 'MISSING_GRADE'
  | 'RETURN'
  | 'RHI'
  | 'MERGE'
  | 'CASE_NOTE'
  | 'DISRUPTION'
  | 'DISRUPTION_BREACH';

/** What a viewer filters by: the kind of work a line belongs to. */
export type ChronologyGroup = 'REFERRALS' | 'MASH' | 'RISK' | 'MISSING' | 'PURSUE' | 'NOTES' | 'MERGES';

export const CHRONOLOGY_KIND_LABELS: Record<ChronologyKind, string> = {
  REFERRAL: 'Referral',
  SUSPECT_LINK: 'Suspect referral',
  EPISODE_OPENED: 'MASH episode opened',
  RAG: 'RAG rating',
  RESEARCH_REQUESTED: 'Research asked for',
  RESEARCH_GIVEN: 'Research given',
  RESEARCH_HELD: 'Research held in the MASH',
  SHARING: 'Information sharing decision',
  STRATEGY: 'Strategy discussion',
  STRATEGY_ACTION: 'Strategy discussion action',
  DECISION: 'MASH decision',
  CONFERENCE: 'Initial child protection conference',
  RISK_ASSESSMENT: 'CSE risk assessment',
  MISSING: 'Missing episode',
  MISSING_GRADE: 'Missing risk grade changed',
  RETURN: 'Return',
  RHI: 'Return home interview',
  MERGE: 'Records merged',
  CASE_NOTE: 'Case note',
  DISRUPTION: 'Disruption of an offender',
  DISRUPTION_BREACH: 'Breach of a notice or order',
};

export const CHRONOLOGY_GROUPS = [
  { code: 'REFERRALS', label: 'Referrals' },
  { code: 'MASH', label: 'MASH' },
  { code: 'RISK', label: 'Risk assessments' },
  { code: 'MISSING', label: 'Missing episodes' },
  { code: 'PURSUE', label: 'Disruption of offenders' },
  { code: 'NOTES', label: 'Case notes' },
  { code: 'MERGES', label: 'Merges' },
] as const satisfies readonly { code: ChronologyGroup; label: string }[];

export const GROUP_OF: Record<ChronologyKind, ChronologyGroup> = {
  REFERRAL: 'REFERRALS',
  SUSPECT_LINK: 'REFERRALS',
  EPISODE_OPENED: 'MASH',
  RAG: 'MASH',
  RESEARCH_REQUESTED: 'MASH',
  RESEARCH_GIVEN: 'MASH',
  RESEARCH_HELD: 'MASH',
  SHARING: 'MASH',
  STRATEGY: 'MASH',
  STRATEGY_ACTION: 'MASH',
  DECISION: 'MASH',
  CONFERENCE: 'MASH',
  RISK_ASSESSMENT: 'RISK',
  MISSING: 'MISSING',
  MISSING_GRADE: 'MISSING',
  RETURN: 'MISSING',
  RHI: 'MISSING',
  MERGE: 'MERGES',
  CASE_NOTE: 'NOTES',
  DISRUPTION: 'PURSUE',
  DISRUPTION_BREACH: 'PURSUE',
};

export interface ChronologyEntry {
  /** Unique within a chronology (kind and record), so that ties sort the same on every reading. */
  key: string;
  at: Date;
  /** A date-only event (a conference, a case note without a time) shows its date alone. */
  dateOnly?: boolean;
  kind: ChronologyKind;
  /** One line in plain words: labels, never codes. */
  summary: string;
  /** The person's name (or, when no person is recorded, a role) — never a username. */
  who: string | null;
  agencyId: string | null;
  agencyName: string | null;
  /** The page of the record, when the viewer may open it; null when there is none to open. */
  href: string | null;
}

export interface ChronologyQuery {
  /** The most lines each provider returns (its SQL limit): a child's whole story within reason. */
  limit: number;
}

export type ChronologyProvider = (
  tx: Tx,
  personId: string,
  viewer: Principal,
  query: ChronologyQuery,
) => Promise<ChronologyEntry[]>;

/** A provider and the groups its lines belong to, so that a filtered reading skips the others. */
export interface ChronologySource {
  groups: readonly ChronologyGroup[];
  read: ChronologyProvider;
}

/**
 * The name and agency of whoever did something, from the person's account when it is known ("Sam Social
 * Worker"), else the label the record kept when it is not a username-like token. The stores select
 * `who_name` (the account's display name) and `who_label` (the record's own label).
 */
export function whoOf(name: string | null | undefined, label: string | null | undefined): string | null {
  if (name) return name;
  if (!label) return null;
  if (label.startsWith('token:')) return 'A partner system';
  // A bare username (no space) is an account that no longer resolves: do not show it as a name.
  return /\s/.test(label) ? label : null;
}
