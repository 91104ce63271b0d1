/**
 * The rows the loader writes for the MASH's work: those of the mash and risk modules' bulk writers, and
 * the chunk's set of them.
 */
import type {
  ContributionBulkRow,
  DecisionBulkRow,
  EpisodeBulkRow,
  RagChangeBulkRow,
  ResearchRequestBulkRow,
  SharingDecisionBulkRow,
  StrategyActionBulkRow,
  StrategyDiscussionBulkRow,
} from '../mash/bulk-store.ts';
import type { CseRiskBulkRow } from '../people/bulk-store.ts';
import type { RiskAssessmentBulkRow } from '../risk/bulk-store.ts';

export type EpisodeRow = EpisodeBulkRow;
export type MashStage = EpisodeRow['stage'];
export type RagChangeRow = RagChangeBulkRow;
export type ResearchRequestRow = ResearchRequestBulkRow;
export type ContributionRow = ContributionBulkRow;
export type SharingDecisionRow = SharingDecisionBulkRow;
export type StrategyDiscussionRow = StrategyDiscussionBulkRow;
export type StrategyActionRow = StrategyActionBulkRow;
/** The decision, with the referral whose outcome it records. */
export type DecisionRow = DecisionBulkRow;
export type RiskAssessmentRow = RiskAssessmentBulkRow;

export interface MashRows {
  episodes: EpisodeRow[];
  ragChanges: RagChangeRow[];
  researchRequests: ResearchRequestRow[];
  contributions: ContributionRow[];
  sharingDecisions: SharingDecisionRow[];
  discussions: StrategyDiscussionRow[];
  actions: StrategyActionRow[];
  decisions: DecisionRow[];
  riskAssessments: RiskAssessmentRow[];
  /** The child's CSE flag from their latest assessment. */
  personRisk: CseRiskBulkRow[];
}
