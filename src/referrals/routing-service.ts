/**
 * Routing (decision 0014): a victim referral goes to the hub of the area where the child lives, found from
 * the outward code (district) of the child's postcode in the partnership's table of postcode districts,
 * and records that district's police division. With no postcode, or one outside the partnership's
 * districts, it goes to the referrer's agency's area (or the referrer's only area) and the hub is asked to
 * confirm it. A police user may correct the division, with a reason, audited.
 */
import { parseUkPostcode } from '../people/postcode.ts';
import { mayOverrideDivision } from '../platform/access/policy-referrals.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ForbiddenError, ValidationError } from '../platform/http/errors.ts';
import * as routingStore from './routing-store.ts';
import type { VictimReferralRow } from './store.ts';
import * as store from './store.ts';

export type { PostcodeDistrictRow } from './routing-store.ts';

export interface Route {
  /** The area whose hub takes the referral. */
  area: string;
  /** The police division of the child's home district; null when not known. */
  division: string | null;
  /** Routed to the referrer's area for want of a known home postcode: the hub confirms or transfers. */
  hubToConfirm: boolean;
}

/** Loads (or corrects) the partnership's postcode districts; system work (the demo loader, tests). */
export function savePostcodeDistricts(tx: Tx, rows: readonly routingStore.PostcodeDistrictRow[]) {
  return routingStore.upsertDistricts(tx, rows);
}

async function referrersArea(tx: Tx, principal: Principal): Promise<string> {
  const agency = principal.agencyId ? await store.agencyArea(tx, principal.agencyId) : null;
  const area = agency?.area ?? (principal.areas.length === 1 ? principal.areas[0]! : null);
  if (!area)
    throw new ValidationError([
      {
        field: 'child.address.postcode',
        message:
          'Enter the child’s home postcode: your agency has no safeguarding area to send the referral to without it',
      },
    ]);
  return area;
}

/** Where a referral of a child with this home postcode (or none) goes. */
export async function routeReferral(
  tx: Tx,
  principal: Principal,
  childPostcode: string | null | undefined,
): Promise<Route> {
  const parsed = childPostcode ? parseUkPostcode(childPostcode) : null;
  const district = parsed ? await routingStore.findDistrict(tx, parsed.district) : null;
  if (district) return { area: district.area, division: district.division, hubToConfirm: false };
  return { area: await referrersArea(tx, principal), division: null, hubToConfirm: true };
}

/** The divisions a police user may choose from when correcting one. */
export function knownDivisions(tx: Tx): Promise<string[]> {
  return routingStore.knownDivisions(tx);
}

/** Whether the caller is a police user who may correct this referral's division (for the page's control). */
export async function mayCorrectDivision(tx: Tx, principal: Principal): Promise<boolean> {
  const type = principal.agencyId ? await routingStore.agencyType(tx, principal.agencyId) : null;
  return mayOverrideDivision(principal, type);
}

/**
 * A police user's correction of the referral's division, with a reason. The referral has been opened in the
 * caller's scope; bad input is a field error and nothing is saved.
 */
export async function correctDivision(
  tx: Tx,
  principal: Principal,
  referral: Pick<VictimReferralRow, 'id' | 'reference' | 'division'>,
  input: { division: string; reason: string },
): Promise<void> {
  if (!(await mayCorrectDivision(tx, principal)))
    throw new ForbiddenError('Only the police may correct a referral’s division');
  const division = input.division.trim();
  const reason = input.reason.trim();
  const errors = [];
  const divisions = await routingStore.knownDivisions(tx);
  if (!division) errors.push({ field: 'division', message: 'Select the police division' });
  else if (!divisions.includes(division))
    errors.push({ field: 'division', message: 'Select a police division from the list' });
  else if (division === referral.division)
    errors.push({ field: 'division', message: 'Select a different division from the one recorded' });
  if (!reason) errors.push({ field: 'reason', message: 'Enter why the division is being corrected' });
  else if (reason.length > 2000)
    errors.push({ field: 'reason', message: 'Reason must be 2000 characters or fewer' });
  if (errors.length) throw new ValidationError(errors);
  await routingStore.overrideDivision(tx, referral.id, division, reason, principal.label);
  await appendAuditEvent(tx, {
    action: 'REFERRAL_DIVISION_CHANGE',
    subjectType: 'victim_referral',
    subjectId: referral.id,
    details: { reference: referral.reference, from: referral.division ?? null, to: division, reason },
  });
}
