/**
 * Referrals about suspects and offenders: one for every suspect named in a victim referral, and a second
 * for a few of them (another agency, or the police again after new information). Each lists the children
 * the suspect was linked to by the time it arrived.
 */

import type { SuspectReferralSource } from '../platform/codes/referral.ts';
import { MINUTE_MS, type Period, periodBoundsMs, utcMsToUkLocal } from './calendar.ts';
import { ids } from './ids.ts';
import { agencyByCode, PARTNERSHIP_AREAS } from './partnership.ts';
import type { Agency } from './partnership-types.ts';
import { BRIEFING, chooseCount, scaled } from './quotas.ts';
import type { Rng } from './random.ts';
import type { PractitionerPool } from './referrers.ts';
import { fullRecord, type RecordMaker } from './source-records.ts';
import type { SuspectPlan } from './suspects.ts';
import type { SourceRecord, SuspectChildLink, SuspectReferral } from './types.ts';

export interface SuspectLinkFact extends SuspectChildLink {
  readonly victimReferralRef: string;
  readonly receivedMs: number;
}

export interface SuspectReferralsOutput {
  readonly referrals: SuspectReferral[];
  readonly sourceRecords: SourceRecord[];
  /** Each suspect's first referral: disposals hang off it. */
  readonly firstBySuspect: Map<string, { reference: string; receivedMs: number }>;
}

export function generateSuspectReferrals(
  rng: Rng,
  maker: RecordMaker,
  practitioners: PractitionerPool,
  chunkIndex: number,
  period: Period,
  factor: number,
  suspects: readonly SuspectPlan[],
  linksBySuspect: ReadonlyMap<string, readonly SuspectLinkFact[]>,
): SuspectReferralsOutput {
  const { toMs } = periodBoundsMs(period);
  const linked = suspects.filter((s) => (linksBySuspect.get(s.person.trueId) ?? []).length > 0);
  const twice = new Set(
    chooseCount(rng, linked, scaled(BRIEFING.suspectReferrals, factor) - linked.length, () => 1),
  );

  interface Pending {
    suspect: SuspectPlan;
    receivedMs: number;
    second: boolean;
  }
  const pending: Pending[] = [];
  for (const s of linked) {
    const links = linksBySuspect.get(s.person.trueId)!;
    const first = Math.min(...links.map((l) => l.receivedMs));
    const receivedMs = Math.min(
      first + rng.int(30, 14 * 24 * 60) * MINUTE_MS,
      toMs - rng.int(60, 600) * MINUTE_MS,
    );
    pending.push({ suspect: s, receivedMs: Math.max(receivedMs, first), second: false });
    if (twice.has(s)) {
      const later = receivedMs + rng.int(7, 60) * 24 * 60 * MINUTE_MS;
      pending.push({
        suspect: s,
        receivedMs: Math.min(later, toMs - rng.int(1, 600) * MINUTE_MS),
        second: true,
      });
    }
  }
  pending.sort((a, b) => a.receivedMs - b.receivedMs);

  const referrals: SuspectReferral[] = [];
  const sourceRecords: SourceRecord[] = [];
  const firstBySuspect = new Map<string, { reference: string; receivedMs: number }>();
  pending.forEach((p, n) => {
    const person = p.suspect.person;
    const links = linksBySuspect.get(person.trueId)!;
    const known = links.filter((l) => l.receivedMs <= p.receivedMs);
    const shown = known.length > 0 ? known : links.slice(0, 1);
    const { agency, source } = chooseAgency(rng, p.suspect, p.second);
    const local = utcMsToUkLocal(p.receivedMs);
    const record = fullRecord(maker, person, agency, p.receivedMs, local.day);
    sourceRecords.push(record);
    const reference = ids.suspectReferral(new Date(p.receivedMs).getUTCFullYear(), chunkIndex, n);
    if (!firstBySuspect.has(person.trueId))
      firstBySuspect.set(person.trueId, { reference, receivedMs: p.receivedMs });
    referrals.push({
      reference,
      receivedAt: new Date(p.receivedMs).toISOString(),
      agencyCode: agency.code,
      referrerName: practitioners.nameFor(`${agency.code}-suspects`),
      suspectSourceRecordId: record.sourceRecordId,
      suspectTrueId: person.trueId,
      status: p.suspect.previouslyConvicted ? 'OFFENDER' : 'SUSPECT',
      gender: person.gender,
      ethnicity: person.ethnicity,
      role: p.suspect.role,
      division: person.division,
      linkedChildren: uniqueByChild(shown).map(({ childTrueId, childSourceRecordId, linkType }) => ({
        childTrueId,
        childSourceRecordId,
        linkType,
      })),
      source,
      victimReferralRefs: [...new Set(shown.map((l) => l.victimReferralRef))],
    });
  });
  return { referrals, sourceRecords, firstBySuspect };
}

function uniqueByChild(links: readonly SuspectLinkFact[]): SuspectLinkFact[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    if (seen.has(l.childTrueId)) return false;
    seen.add(l.childTrueId);
    return true;
  });
}

function chooseAgency(
  rng: Rng,
  suspect: SuspectPlan,
  second: boolean,
): { agency: Agency; source: SuspectReferralSource } {
  const kind = rng.weighted<'POLICE' | 'COUNCIL' | 'PARTNER'>(
    second
      ? [
          ['POLICE', 55],
          ['COUNCIL', 30],
          ['PARTNER', 15],
        ]
      : [
          ['POLICE', 80],
          ['COUNCIL', 12],
          ['PARTNER', 8],
        ],
  );
  if (kind === 'POLICE') {
    return {
      agency: agencyByCode('POL'),
      source: rng.weighted<SuspectReferralSource>([
        ['VICTIM_REFERRAL', 65],
        ['POLICE_INTELLIGENCE', 30],
        ['COMMUNITY', 5],
      ]),
    };
  }
  if (kind === 'COUNCIL') {
    const area = PARTNERSHIP_AREAS.find((a) => a.code === suspect.person.area) ?? PARTNERSHIP_AREAS[0]!;
    return {
      agency: agencyByCode(area.councilAgencyCode),
      source: rng.chance(0.8) ? 'VICTIM_REFERRAL' : 'PARTNER_AGENCY',
    };
  }
  return { agency: agencyByCode(rng.pick(['VOL-BCC', 'NHS-LSC', 'HSG-RRH'])), source: 'PARTNER_AGENCY' };
}
