/**
 * The import of history for suspect and offender referrals (decision 0026): past suspect referrals through
 * the same table and people registry as live ones (so the briefing's suspect figures count them), linked to
 * children by person id or by an imported victim referral's source reference. The run over the batch is
 * import-run.ts; the API (import-api.ts) calls `importSuspectHistory`.
 */
import { openPerson, recordPerson, refreshPeople } from '../people/service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { historyImporter, type ImportKind, type RunContext } from './import-run.ts';
import * as importStore from './import-store.ts';
import {
  type SuspectImportRow,
  validateSuspectImportRow,
  withSuspectInstants,
} from './import-suspect-rules.ts';
import * as store from './store.ts';

export type { SuspectImportRow } from './import-suspect-rules.ts';

const SUSPECT_REFERRALS: ImportKind<SuspectImportRow> = {
  name: 'SUSPECT_REFERRAL',
  referenceIndex: 'suspect_referral_import_reference',
  normalise: withSuspectInstants,
  validate: validateSuspectImportRow,
  imported: importStore.importedSuspectReferences,
  write: importSuspect,
};

export const importSuspectHistory = historyImporter(SUSPECT_REFERRALS);

/** The linked children's people: given, or the children of the victim referrals imported under those references. */
async function linkedChildrenOf(tx: Tx, principal: Principal, row: SuspectImportRow, system: string) {
  const links = row.linkedChildren ?? [];
  const references = links.map((l) => l.victimReference?.trim()).filter((r): r is string => !!r);
  const children = new Map(
    (references.length ? await importStore.childrenOfImportedReferrals(tx, system, references) : []).map(
      (c) => [c.import_reference, c.person_id],
    ),
  );
  const resolved = [];
  for (const [i, link] of links.entries()) {
    const reference = link.victimReference?.trim();
    const personId = link.personId || (reference ? children.get(reference) : undefined);
    if (!personId)
      throw new ValidationError([
        {
          field: `linkedChildren[${i}].victimReference`,
          message: `No victim referral imported from ${system} has this reference`,
        },
      ]);
    // The child must be someone the importer may see, as for a live suspect referral.
    const person = await openPerson(tx, principal, personId);
    resolved.push({ personId: person.id, linkType: link.linkType, note: link.note?.trim() || null });
  }
  return resolved;
}

async function importSuspect(
  tx: Tx,
  principal: Principal,
  row: SuspectImportRow,
  c: RunContext,
): Promise<string> {
  const area = c.knownArea(
    row.area?.trim() || (await store.agencyArea(tx, principal.agencyId!))?.area || null,
  );
  c.refuseAreaOutOfScope(area);
  const division = row.division?.trim() || null;
  c.refuseUnknownDivision(division);
  const links = await linkedChildrenOf(tx, principal, row, c.system);
  const receivedAt = new Date(row.receivedAt);
  const reference = await store.nextReference(tx, 'SR', receivedAt);
  const suspect = await recordPerson(tx, principal, {
    existingPersonId: row.suspect.personId ?? null,
    details: row.suspect.details ?? {},
    role: 'SUSPECT',
    provenance: `Suspect referral ${reference}, imported from ${c.system}`,
    area,
    now: c.now,
    field: 'suspect',
  });
  const id = await store.insertSuspectReferral(tx, {
    reference,
    personId: suspect.personId,
    sourceRecordId: suspect.sourceRecordId!,
    referringAgencyId: principal.agencyId!,
    referredByUser: principal.userId,
    referredByLabel: principal.label,
    practitionerName: row.referrer.name.trim(),
    receivedAt,
    status: row.status,
    role: row.role,
    source: row.source,
    division,
    area,
    notes: row.notes?.trim() || null,
    imported: c.markOf(row),
  });
  for (const link of links)
    await store.insertSuspectChildLink(tx, {
      suspectReferralId: id,
      childPersonId: link.personId,
      linkType: link.linkType,
      note: link.note,
    });
  await refreshPeople(tx, [suspect.personId, ...links.map((l) => l.personId)]);
  await appendAuditEvent(tx, {
    action: 'REFERRAL_IMPORT',
    subjectType: 'suspect_referral',
    subjectId: id,
    details: {
      ...c.auditDetailsOf(row),
      reference,
      area,
      linkedChildren: links.length,
    },
  });
  return reference;
}
