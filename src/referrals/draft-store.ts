/**
 * SQL for referral drafts: a multi-page form's answers between pages. Row-level security lets only the user
 * who started a draft read or change it; a draft untouched for 7 days has expired.
 */
import type { Tx } from '../platform/db/transaction.ts';
import type { VictimDraft } from './form.ts';

export interface DraftRow {
  id: string;
  kind: 'VICTIM' | 'SUSPECT';
  data: VictimDraft;
  updated_at: Date;
}

/** Removes every user's expired drafts, then starts a new one for the caller. */
export async function startDraft(tx: Tx, userId: string, kind: 'VICTIM' | 'SUSPECT'): Promise<string> {
  await tx.query('SELECT lantern_purge_referral_drafts()');
  const row = await tx.one<{ id: string }>(
    `INSERT INTO referral_draft (user_id, kind, data) VALUES ($1, $2, '{}') RETURNING id`,
    [userId, kind],
  );
  return row.id;
}

export function findDraft(tx: Tx, id: string): Promise<DraftRow | null> {
  return tx.maybeOne<DraftRow>(
    `SELECT id, kind, data, updated_at FROM referral_draft
      WHERE id = $1 AND updated_at >= now() - interval '7 days'`,
    [id],
  );
}

export async function draftExists(tx: Tx, id: string): Promise<boolean> {
  const row = await tx.one<{ exists: boolean }>('SELECT lantern_referral_draft_exists($1) AS exists', [id]);
  return row.exists;
}

export async function saveDraft(tx: Tx, id: string, data: VictimDraft): Promise<void> {
  await tx.query('UPDATE referral_draft SET data = $2, updated_at = now() WHERE id = $1', [
    id,
    JSON.stringify(data),
  ]);
}

export async function deleteDraft(tx: Tx, id: string): Promise<void> {
  await tx.query('DELETE FROM referral_draft WHERE id = $1', [id]);
}

export interface DraftSummaryRow {
  id: string;
  data: VictimDraft;
  created_at: Date;
  updated_at: Date;
}

/** The caller's own unexpired victim referral drafts (row-level security: only the owner's), newest first. */
export function ownDrafts(tx: Tx, userId: string): Promise<DraftSummaryRow[]> {
  return tx.query<DraftSummaryRow>(
    `SELECT id, data, created_at, updated_at FROM referral_draft
      WHERE user_id = $1 AND kind = 'VICTIM' AND updated_at >= now() - interval '7 days' ORDER BY updated_at DESC LIMIT 50`,
    [userId],
  );
}
