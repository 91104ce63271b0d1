/**
 * Research as it travels between agencies (issue 13, decision 0016): only an agency that can research is
 * asked; each request carries a due time by the episode's RAG, in working hours; the asked agency finds it
 * in its "My work" and answers with its contribution; the hub manager sees what is overdue.
 */
import { isUuid } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { CONTRIBUTING_ROLES, researchDueAt } from './research-rules.ts';
import * as researchStore from './research-store.ts';
import { openEpisode, requireOpen } from './service.ts';

export type { OverdueResearchRow, ResearchAgencyRow } from './research-store.ts';

/** The agencies that can be asked for research on an episode of this area, by type then name. */
export function researchAgencies(tx: Tx, area: string) {
  return researchStore.researchAgencies(tx, area, CONTRIBUTING_ROLES);
}

/** Asks agencies for research, each due by the episode's RAG; only agencies that can research. */
export async function requestResearch(
  tx: Tx,
  principal: Principal,
  id: string,
  agencyIds: string[],
  now: Date = new Date(),
) {
  const episode = await openEpisode(tx, id);
  requireOpen(episode);
  const ids = [...new Set(agencyIds)];
  if (ids.length === 0 || ids.some((a) => !isUuid(a))) {
    throw new ValidationError([{ field: 'agencyIds', message: 'Select the agencies to ask for research' }]);
  }
  const able = new Set((await researchAgencies(tx, episode.area)).map((a) => a.id));
  if (ids.some((a) => !able.has(a))) {
    throw new ValidationError([
      {
        field: 'agencyIds',
        message:
          'Select agencies from the list: only agencies with a MASH researcher or a research contact can be asked',
      },
    ]);
  }
  const dueAt = researchDueAt(now, episode.rag);
  await researchStore.requestResearch(tx, {
    episodeId: id,
    area: episode.area,
    agencyIds: ids,
    label: principal.label,
    at: now,
    dueAt,
  });
  await appendAuditEvent(tx, {
    action: 'MASH_RESEARCH_REQUEST',
    subjectType: 'mash_episode',
    subjectId: id,
    details: { agencies: ids, dueAt: dueAt.toISOString(), rag: episode.rag },
  });
  return { dueAt };
}

/** Research overdue in the caller's hubs, for the manager's queue (read with the queue's own audit). */
export function overdueResearch(tx: Tx, now: Date = new Date()) {
  return researchStore.overdueResearch(tx, now);
}
