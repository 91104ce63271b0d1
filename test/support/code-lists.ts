/**
 * Every code a page might print instead of its label, for the browser suite's page check: the shared code
 * lists, each module's codes.ts, the audit actions, roles and the areas the tests and the demo use (areas are
 * data, not a list). Test support may import any module; no feature imports this.
 */

import * as mashCodes from '../../src/mash/codes.ts';
import { STAGES } from '../../src/mash/queue-service.ts';
import { RAG_RATINGS } from '../../src/mash/rag.ts';
import * as missingCodes from '../../src/missing/codes.ts';
import { INTERVIEW_STATUS_LABELS } from '../../src/missing/view-models.ts';
import { ROLES } from '../../src/platform/access/permissions.ts';
import { AUDIT_ACTIONS } from '../../src/platform/audit/action-labels.ts';
import * as peopleCodes from '../../src/platform/codes/people.ts';
import * as referralCodes from '../../src/platform/codes/referral.ts';
import { WORK_KIND_LABELS } from '../../src/platform/work/work-item.ts';
import { IDENTIFIER_KINDS, PURSUE_STATUSES, SRO_DECISIONS } from '../../src/pursue/codes.ts';
import * as riskCodes from '../../src/risk/codes.ts';

/** Areas and divisions the tests and the demo partnership hold (see test/support/*-partnership.ts). */
const AREA_CODES = ['LANCASHIRE', 'BLACKBURN_WITH_DARWEN', 'BLACKPOOL'];

function isUpperCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z][A-Z0-9_]*$/.test(value);
}

/** The codes in one exported value: a list of {code}, a list of codes, or a record of labels by code. */
function codesIn(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((entry) =>
      isUpperCode(entry)
        ? [entry]
        : entry && typeof entry === 'object' && isUpperCode(entry.code)
          ? [entry.code]
          : [],
    );
  }
  if (value && typeof value === 'object') return Object.keys(value).filter(isUpperCode);
  return [];
}

function fromModules(...modules: Record<string, unknown>[]): string[] {
  return modules.flatMap((m) => Object.values(m).flatMap(codesIn));
}

/** All codes that have a label somewhere, as a set. */
export function allCodes(): Set<string> {
  return new Set([
    ...fromModules(peopleCodes, referralCodes, mashCodes, missingCodes, riskCodes),
    ...codesIn(INTERVIEW_STATUS_LABELS),
    ...codesIn(WORK_KIND_LABELS),
    // The 3x5x2 grades (1, A, P...) are single characters a page shows as part of their labels: not listed.
    ...codesIn(SRO_DECISIONS),
    ...codesIn(IDENTIFIER_KINDS),
    ...codesIn(PURSUE_STATUSES),
    ...AUDIT_ACTIONS.map((a) => a.code),
    ...Object.keys(ROLES),
    ...RAG_RATINGS,
    ...STAGES,
    ...AREA_CODES,
  ]);
}
