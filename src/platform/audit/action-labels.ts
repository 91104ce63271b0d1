/**
 * Audit actions as people read them (the audit page, its export). Actions are codes written by every
 * module; a code not listed here (one added later) reads as its words, so a page never shows the code.
 */
import type { CodeEntry } from '../codes/code-list.ts';

export const AUDIT_ACTIONS = [
  { code: 'ACCESS_APPROVE', label: 'Access approved' },
  { code: 'ACCESS_DENIED', label: 'Access denied' },
  { code: 'ACCESS_REJECT', label: 'Access rejected' },
  { code: 'ADMIN_VIEW', label: 'Administration page viewed' },
  { code: 'AGENCY_CREATE', label: 'Agency added' },
  { code: 'AGENCY_UPDATE', label: 'Agency changed' },
  { code: 'APPROVALS_VIEW', label: 'Approvals viewed' },
  { code: 'DEMO_LOADED', label: 'Demo data loaded' },
  { code: 'DISRUPTION_BREACH_FORM_VIEW', label: 'Breach form opened' },
  { code: 'DISRUPTION_BREACH_RECORD', label: 'Breach of a notice or order recorded' },
  { code: 'DISRUPTION_FORM_VIEW', label: 'Disruption tactic form opened' },
  { code: 'DISRUPTION_RECORD', label: 'Disruption tactic recorded' },
  { code: 'DISRUPTION_VIEW', label: 'Disruption register viewed' },
  { code: 'INTELLIGENCE_EVALUATE', label: 'Intelligence evaluated' },
  { code: 'INTELLIGENCE_LINK', label: 'Intelligence linked to a person' },
  { code: 'INTELLIGENCE_LIST_VIEW', label: 'Intelligence lists viewed' },
  { code: 'INTELLIGENCE_SUBMIT', label: 'Intelligence given to the police' },
  { code: 'INTELLIGENCE_VIEW', label: 'Intelligence viewed' },
  { code: 'MASH_ACTION_COMPLETE', label: 'MASH action completed' },
  { code: 'MASH_ALLOCATION', label: 'MASH episode allocated' },
  { code: 'MASH_CASELOAD_VIEW', label: 'MASH caseload viewed' },
  { code: 'MASH_CONTRIBUTION', label: 'MASH research contributed' },
  { code: 'MASH_DASHBOARD_VIEW', label: 'MASH dashboard viewed' },
  { code: 'MASH_DECISION', label: 'MASH decision recorded' },
  { code: 'MASH_DECISION_APPROVED', label: 'MASH decision approved' },
  { code: 'MASH_DECISION_PROPOSED', label: 'MASH decision proposed' },
  { code: 'MASH_DECISION_RETURNED', label: 'MASH decision returned' },
  { code: 'MASH_EPISODE_TRANSFER', label: 'MASH episode transferred' },
  { code: 'MASH_EPISODE_VIEW', label: 'MASH episode viewed' },
  { code: 'MASH_HUB_CONFIRM', label: 'MASH hub confirmed' },
  { code: 'MASH_ICPC_RECORDED', label: 'Initial child protection conference recorded' },
  { code: 'MASH_QUEUE_VIEW', label: 'MASH queue viewed' },
  { code: 'MASH_RAG_CHANGE', label: 'MASH RAG rating changed' },
  { code: 'MASH_REASSESSMENTS_VIEW', label: 'Reassessments due viewed' },
  { code: 'MASH_REFERENCE_SEARCH', label: 'Searched by reference' },
  { code: 'MASH_RESEARCH_REQUEST', label: 'MASH research requested' },
  { code: 'MASH_STRATEGY_DISCUSSION', label: 'Strategy discussion recorded' },
  { code: 'MASH_TASK_COMPLETE', label: 'MASH task completed' },
  { code: 'MASH_TASK_CREATE', label: 'MASH task created' },
  { code: 'MATCH_MODEL_TRAINED', label: 'Matching model trained' },
  { code: 'MISSING_EPISODE_CREATE', label: 'Missing episode recorded' },
  { code: 'MISSING_EPISODE_FORM_VIEW', label: 'Missing episode form viewed' },
  { code: 'MISSING_EPISODE_IMPORT', label: 'Missing episodes imported' },
  { code: 'MISSING_EPISODE_LIST', label: 'Missing episodes listed' },
  { code: 'MISSING_EPISODE_VIEW', label: 'Missing episode viewed' },
  { code: 'MISSING_GRADE_CHANGE', label: 'Missing risk grade changed' },
  { code: 'MISSING_RETURN', label: 'Return recorded' },
  { code: 'MY_WORK_VIEW', label: 'My work viewed' },
  { code: 'PERSON_JUSTIFICATION_ASKED', label: 'Reason asked to view a restricted person' },
  { code: 'PERSON_MERGE', label: 'Person records merged' },
  { code: 'PERSON_SEARCH', label: 'People searched' },
  { code: 'PERSON_UNMERGE', label: 'Person merge undone' },
  { code: 'PERSON_VIEW', label: 'Person viewed' },
  { code: 'PLACEMENT_LIST_VIEW', label: 'Placements listed' },
  { code: 'PLACEMENT_VIEW', label: 'Placement viewed' },
  { code: 'PRIORITY_VIEW', label: 'Pursue priorities viewed' },
  { code: 'REFERRAL_CREATE', label: 'Referral submitted' },
  { code: 'REFERRAL_IMPORT', label: 'Referrals imported from another system' },
  { code: 'REFERRAL_DIVISION_CHANGE', label: 'Referral division changed' },
  { code: 'REFERRAL_DRAFT_CREATE', label: 'Referral draft started' },
  { code: 'REFERRAL_DRAFT_UPDATE', label: 'Referral draft changed' },
  { code: 'REFERRAL_DRAFT_VIEW', label: 'Referral draft viewed' },
  { code: 'REFERRAL_LIST', label: 'Referrals listed' },
  { code: 'REFERRAL_VIEW', label: 'Referral viewed' },
  { code: 'REPORT_EXPORT', label: 'Report exported' },
  { code: 'REPORT_VIEW', label: 'Report viewed' },
  { code: 'REQUEST_REPLAYED', label: 'Repeated request answered again' },
  { code: 'RHI_DUE_LIST_VIEW', label: 'Return home interviews due viewed' },
  { code: 'RHI_RECORD', label: 'Return home interview recorded' },
  { code: 'RISK_ASSESSMENT', label: 'Risk assessment recorded' },
  { code: 'RISK_ASSESSMENT_VIEW', label: 'Risk assessment viewed' },
  { code: 'SETUP_COMPLETED', label: 'First-time setup completed' },
  { code: 'SHARED_RECORD_VIEW', label: 'Shared record viewed' },
  { code: 'SHARING_DECISION', label: 'Sharing decision recorded' },
  { code: 'SHARING_GRANT_REVOKE', label: 'Sharing withdrawn' },
  { code: 'SIGN_IN', label: 'Signed in' },
  { code: 'SIGN_IN_FAILED', label: 'Sign-in failed' },
  { code: 'SIGN_IN_PASSWORD_ACCEPTED', label: 'Password accepted at sign-in' },
  { code: 'SIGN_OUT', label: 'Signed out' },
  { code: 'SRO_DECISION_FORM_VIEW', label: 'Sexual Risk Order decision form opened' },
  { code: 'SRO_DECISION_RECORD', label: 'Sexual Risk Order decision recorded' },
  { code: 'SUSPECT_REFERRAL_CREATE', label: 'Suspect referral submitted' },
  { code: 'SUSPECT_REFERRAL_VIEW', label: 'Suspect referral viewed' },
  { code: 'SYNTHETIC_POPULATION_LOADED', label: 'Synthetic population loaded' },
  { code: 'TEAM_CREATE', label: 'Team added' },
  { code: 'TOKEN_CREATE', label: 'API token issued' },
  { code: 'TOKEN_REVOKE', label: 'API token revoked' },
  { code: 'TOTP_ENROLLED', label: 'Security code app set up' },
  { code: 'USER_CREATE', label: 'User added' },
  { code: 'USER_DISABLE', label: 'User disabled' },
  { code: 'USER_ENABLE', label: 'User enabled' },
  { code: 'USER_PASSWORD_RESET', label: 'User password reset' },
  { code: 'USER_TOTP_RESET', label: 'User security code reset' },
  { code: 'USER_UPDATE', label: 'User changed' },
] as const satisfies readonly CodeEntry[];

const ACRONYMS = new Set(['mash', 'rag', 'rhi', 'cse', 'icpc', 'api', 'totp']);

/** The label of an audit action: its listed label, or its words ('SOME_NEW_THING' -> 'Some new thing'). */
export function auditActionLabel(code: string): string {
  const listed = AUDIT_ACTIONS.find((a) => a.code === code);
  if (listed) return listed.label;
  const words = code
    .toLowerCase()
    .split('_')
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
