/** What the referral page routes share: their access declarations, audit actions and loading a draft. */
import { isUuid } from '../people/service.ts';
import type { Permission } from '../platform/access/permissions.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { AccessDeniedError, NotFoundError } from '../platform/http/errors.ts';
import * as drafts from './draft-store.ts';
import type { VictimDraft } from './form.ts';

type PageAccess = {
  config: { access: { permission: Permission | Permission[]; audit: string; surface: 'page' } };
};

export function page(permission: Permission | Permission[], audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

export const AUDIT = {
  DRAFT_CREATE: 'REFERRAL_DRAFT_CREATE',
  DRAFT_VIEW: 'REFERRAL_DRAFT_VIEW',
  DRAFT_UPDATE: 'REFERRAL_DRAFT_UPDATE',
  PERSON_SEARCH: 'PERSON_SEARCH',
  REFERRAL_CREATE: 'REFERRAL_CREATE',
  REFERRAL_VIEW: 'REFERRAL_VIEW',
  REFERRAL_LIST: 'REFERRAL_LIST',
  DIVISION_CHANGE: 'REFERRAL_DIVISION_CHANGE',
  SUSPECT_REFERRAL_CREATE: 'SUSPECT_REFERRAL_CREATE',
  SUSPECT_REFERRAL_VIEW: 'SUSPECT_REFERRAL_VIEW',
} as const;

export interface DraftParams {
  id: string;
}

export interface LoadedDraft {
  id: string;
  data: VictimDraft;
}

function idOf(raw: string): string {
  if (!isUuid(raw)) throw new NotFoundError();
  return raw.toLowerCase();
}

/** The caller's own unexpired victim referral draft; another user's draft answers 404 and is audited. */
export async function loadDraft(tx: Tx, rawId: string): Promise<LoadedDraft> {
  const id = idOf(rawId);
  const draft = await drafts.findDraft(tx, id);
  if (draft?.kind !== 'VICTIM') {
    if (!draft && (await drafts.draftExists(tx, id)))
      throw new AccessDeniedError('referral_draft', id, 'NOT_OWNER_OR_EXPIRED');
    throw new NotFoundError();
  }
  return { id, data: draft.data ?? {} };
}

/** Whether the user came from "Check your answers" (and goes back there after the step). */
export function cameFromCheck(request: { query: unknown; body: unknown }): boolean {
  return formText(request.query, 'from') === 'check' || formText(request.body, 'from') === 'check';
}
