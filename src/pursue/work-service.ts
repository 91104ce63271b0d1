/**
 * "My work" from the disruption register, for the agency that issued a tactic (case:work): a breached
 * abduction warning notice whose Sexual Risk Order is still to be considered, and reviews and expiries
 * coming due within `DUE_SOON_DAYS`.
 */

import { mayEvaluateIntelligence } from '../platform/access/policy-pursue.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formatLocalDate, toLocalDate } from '../platform/time/zoned-time.ts';
import { endOfUkDay, isOverdue, type WorkItem, workSubject } from '../platform/work/work-item.ts';
import { DUE_SOON_DAYS } from './codes.ts';
import { inPolice } from './intelligence-service.ts';
import { ungraded } from './intelligence-store.ts';
import { disruptionPath, intelligencePath, sroDecisionPath } from './paths.ts';
import * as store from './store.ts';
import { tacticLabel } from './view.ts';

export async function disruptionWorkItems(tx: Tx, principal: Principal, now: Date): Promise<WorkItem[]> {
  if (!principal.permissions.has('case:work') || !principal.agencyId) return [];
  const until = formatLocalDate(toLocalDate(new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000)));
  const rows = await store.disruptionWorkOf(tx, principal.agencyId, until);
  return rows.map((r) => {
    const dueAt = endOfUkDay(r.due_on);
    const subject = workSubject(r.person_name ? { forename: r.person_name, surname: null } : null, null);
    const common = { subject, dueAt, overdue: isOverdue(dueAt, now), owner: 'AGENCY' as const };
    if (r.kind === 'SRO')
      return {
        ...common,
        kind: 'SRO_TO_CONSIDER' as const,
        title: `Consider a Sexual Risk Order: ${tacticLabel(r.type)} breached`,
        href: sroDecisionPath(r.record_id),
      };
    return {
      ...common,
      kind: 'DISRUPTION_DUE' as const,
      title: `${r.kind === 'REVIEW' ? 'Review due' : 'Expires'}: ${tacticLabel(r.type)}`,
      href: disruptionPath(r.person_id),
    };
  });
}

/** Intelligence waiting for the police's evaluation, for police case workers; due within a day of receipt. */
export async function intelligenceWorkItems(tx: Tx, principal: Principal, now: Date): Promise<WorkItem[]> {
  if (!mayEvaluateIntelligence(principal, await inPolice(tx))) return [];
  const rows = await ungraded(tx);
  return rows.map((r) => {
    const dueAt = new Date(r.submitted_at.getTime() + 86_400_000);
    return {
      kind: 'INTELLIGENCE_TO_GRADE' as const,
      title: `Evaluate intelligence from ${r.agency_name}`,
      subject: r.reference,
      href: intelligencePath(r.id),
      dueAt,
      overdue: isOverdue(dueAt, now),
      owner: 'AGENCY' as const,
    };
  });
}
