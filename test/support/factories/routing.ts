/**
 * Routing data for a test (decision 0014): the demo partnership's postcode districts (postcode district ->
 * area and police division), written as system work as the demo loader does. Without them every referral
 * goes to the referrer's area, flagged "hub to confirm".
 */
import { systemContext, withTransaction } from '../../../src/platform/db/transaction.ts';
import { type PostcodeDistrictRow, savePostcodeDistricts } from '../../../src/referrals/routing-service.ts';
import { POSTCODE_DISTRICTS } from '../../../src/synth/partnership.ts';
import type { TestApp } from '../app.ts';

export async function seedPostcodeDistricts(
  t: Pick<TestApp, 'db'>,
  rows: readonly PostcodeDistrictRow[] = POSTCODE_DISTRICTS,
): Promise<void> {
  await withTransaction(t.db, systemContext('test'), (tx) => savePostcodeDistricts(tx, rows));
}
