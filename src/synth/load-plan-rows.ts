/**
 * The rows a chunk leaves in the registry and referrals, as the people and referrals modules' bulk
 * writers take them (with the ground truth of each source record beside it).
 */
import type { PersonBulkRow, SourceAddressBulkRow, SourceRecordBulkRow } from '../people/bulk-store.ts';
import type {
  ReferralPersonBulkRow,
  SuspectChildLinkBulkRow,
  SuspectReferralBulkRow,
  VictimReferralBulkRow,
} from '../referrals/bulk-store.ts';

export type PersonRow = PersonBulkRow;

/** A source record, with the true identity behind it (for `synth_truth`). */
export interface SourceRecordRow extends SourceRecordBulkRow {
  trueId: string;
}

export type AddressRow = SourceAddressBulkRow;
export type VictimReferralRow = VictimReferralBulkRow;

export interface ReferralPersonRow extends ReferralPersonBulkRow {
  role: 'SUSPECT';
}

export type SuspectReferralRow = SuspectReferralBulkRow;
export type SuspectChildLinkRow = SuspectChildLinkBulkRow;

export interface ReferenceCounter {
  prefix: string;
  year: number;
  last: number;
}

export interface ChunkRows {
  readonly chunkKey: string;
  readonly persons: PersonRow[];
  readonly sourceRecords: SourceRecordRow[];
  readonly addresses: AddressRow[];
  readonly victimReferrals: VictimReferralRow[];
  readonly referralPeople: ReferralPersonRow[];
  readonly suspectReferrals: SuspectReferralRow[];
  readonly suspectChildLinks: SuspectChildLinkRow[];
  readonly counters: ReferenceCounter[];
}
