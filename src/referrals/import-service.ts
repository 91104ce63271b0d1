/**
 * The import of history for victim referrals (issue 15 item 5, decision 0026): a partnership's past victim
 * referrals, each with the MASH outcome at its real decision time if it has one, through the same tables,
 * people registry and episode as a live referral, so the briefing counts them in the period they happened.
 * The run over the batch (savepoints, re-runs, dry run, audit) is import-run.ts; the CLI (import-file.ts)
 * and the API (import-api.ts) both call `importReferralHistory`.
 */
import { recordPastOutcome } from '../mash/history-service.ts';
import { openEpisodeForReferral } from '../mash/service.ts';
import { refreshPeople } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { type ImportRow, validateImportRow, victimInputOf, withInstants } from './import-rules.ts';
import { historyImporter, type ImportKind, type RunContext } from './import-run.ts';
import * as importStore from './import-store.ts';
import { routeReferral } from './routing-service.ts';
import { recordVictimReferral } from './service.ts';
import * as store from './store.ts';

export type { ImportRow } from './import-rules.ts';
export type { ImportBatch, ImportReport, RowResult, RowStatus } from './import-run.ts';

const VICTIM_REFERRALS: ImportKind<ImportRow> = {
  name: 'VICTIM_REFERRAL',
  referenceIndex: 'victim_referral_import_reference',
  normalise: withInstants,
  validate: validateImportRow,
  imported: importStore.importedReferences,
  write: importOne,
};

export const importReferralHistory = historyImporter(VICTIM_REFERRALS);

/** One past referral, as submitVictimReferral records a live one but on its own clock; returns its reference. */
async function importOne(tx: Tx, principal: Principal, row: ImportRow, c: RunContext): Promise<string> {
  const given = (row.area ?? '').trim();
  if (given) c.knownArea(given);
  // Routed as a live referral when the file gives no area; a postcode still gives the division.
  const postcode = row.child.details?.address?.postcode?.trim() || null;
  const route = given && !postcode ? null : await routeReferral(tx, principal, postcode);
  const area = given || route!.area;
  c.refuseAreaOutOfScope(area);
  const division = (row.division ?? '').trim() || (route?.area === area ? route.division : null);
  c.refuseUnknownDivision(division);
  const receivedAt = new Date(row.receivedAt);
  const reference = await store.nextReference(tx, 'VR', receivedAt);
  const { id, child } = await recordVictimReferral(tx, principal, victimInputOf(row), {
    reference,
    receivedAt,
    area,
    division,
    provenance: `Victim referral ${reference}, imported from ${c.system}`,
    now: c.now,
    originalReceivedAt: null,
    places: [],
    imported: c.markOf(row),
  });
  await refreshPeople(tx, [child.personId]);
  const hubToConfirm = !given && route!.hubToConfirm;
  const episodeId = await openEpisodeForReferral(tx, {
    id,
    personId: child.personId,
    area,
    receivedAt,
    hubToConfirm,
  });
  const outcome = row.outcome
    ? await recordPastOutcome(
        tx,
        principal,
        { id: episodeId, referralId: id, area, receivedAt },
        row.outcome,
        c.system,
        c.now,
      )
    : null;
  await appendAuditEvent(tx, {
    action: 'REFERRAL_IMPORT',
    subjectType: 'victim_referral',
    subjectId: id,
    details: {
      ...c.auditDetailsOf(row),
      reference,
      area,
      division,
      identity: child.match,
      outcome: outcome?.socialCareOutcome ?? null,
    },
  });
  return reference;
}
