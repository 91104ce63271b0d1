/** SQL for the import of history (decision 0026): the references already imported, and the importing agency. */
import type { Tx } from '../platform/db/transaction.ts';

export interface ImportedReference {
  id: string;
  reference: string;
  import_reference: string;
  import_fingerprint: string;
}

/** The referrals already imported from this system under these references that the caller may see. */
export function importedReferences(
  tx: Tx,
  system: string,
  references: readonly string[],
): Promise<ImportedReference[]> {
  return tx.query<ImportedReference>(
    `SELECT id, reference, import_reference, import_fingerprint FROM victim_referral
      WHERE import_system = $1 AND import_reference = ANY ($2::text[])`,
    [system, references],
  );
}

/** The suspect referrals already imported from this system under these references that the caller may see. */
export function importedSuspectReferences(
  tx: Tx,
  system: string,
  references: readonly string[],
): Promise<ImportedReference[]> {
  return tx.query<ImportedReference>(
    `SELECT id, reference, import_reference, import_fingerprint FROM suspect_referral
      WHERE import_system = $1 AND import_reference = ANY ($2::text[])`,
    [system, references],
  );
}

/** The children of victim referrals imported from this system, by their source references (in scope). */
export function childrenOfImportedReferrals(
  tx: Tx,
  system: string,
  references: readonly string[],
): Promise<{ import_reference: string; person_id: string }[]> {
  return tx.query(
    `SELECT import_reference, person_id FROM victim_referral
      WHERE import_system = $1 AND import_reference = ANY ($2::text[])`,
    [system, references],
  );
}

/** The importing agency, by its code (reference data). */
export function agencyByCode(tx: Tx, code: string): Promise<{ id: string; name: string } | null> {
  return tx.maybeOne('SELECT id, name FROM agency WHERE code = $1', [code]);
}
