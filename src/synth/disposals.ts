/**
 * What happened to suspects within the period: arrests, charges, convictions with sentences and SHPOs,
 * abduction warning notices protecting a particular child, Sexual Risk Orders, intelligence gathering or
 * no further action. The number of convictions is a quota (about 45 years of sentences at scale 1); who is
 * convicted depends on role and on how many children they are linked to, never on ethnicity.
 */

import type { Disposal } from '../platform/codes/referral.ts';
import { addYears, ageOn, dayNumber, isoDate, type Period, utcMsToUkLocal } from './calendar.ts';
import { ids } from './ids.ts';
import { BRIEFING, chooseCount, scaled } from './quotas.ts';
import type { Rng } from './random.ts';
import type { SuspectPlan } from './suspects.ts';
import type { DisposalRecord, Person } from './types.ts';

/** Sentence lengths in months, mostly one to four years (about 34 months on average). */
const SENTENCE_MONTHS: readonly (readonly [number, number])[] = [
  [6, 6],
  [8, 6],
  [12, 10],
  [18, 12],
  [24, 16],
  [30, 10],
  [36, 12],
  [48, 10],
  [60, 8],
  [72, 5],
  [96, 3],
  [120, 2],
];

type Path =
  | 'CHARGED'
  | 'ARREST_NFA'
  | 'ARREST_ONLY'
  | 'CAWN'
  | 'SRO'
  | 'CAUTION'
  | 'INTELLIGENCE'
  | 'NFA'
  | 'NONE';

const PATHS: readonly (readonly [Path, number])[] = [
  ['CHARGED', 7],
  ['ARREST_NFA', 10],
  ['ARREST_ONLY', 12],
  ['CAWN', 17],
  ['SRO', 2],
  ['CAUTION', 2],
  ['INTELLIGENCE', 30],
  ['NFA', 11],
  ['NONE', 9],
];

export interface DisposalInput {
  readonly suspect: SuspectPlan;
  readonly firstReferral: { reference: string; receivedMs: number };
  /** Children linked to the suspect, for notices that protect a particular child. */
  readonly children: readonly Person[];
}

export function generateDisposals(
  rng: Rng,
  chunkIndex: number,
  period: Period,
  factor: number,
  inputs: readonly DisposalInput[],
): DisposalRecord[] {
  const convictionWeight = (x: DisposalInput): number => {
    const role = x.suspect.role;
    const byRole = role === 'PRIMARY_OFFENDER' ? 3 : role === 'CO_OFFENDER' ? 2 : 0.5;
    return (
      byRole *
      (x.suspect.person.gender === 'FEMALE' ? 0.3 : 1) *
      (x.children.length > 1 ? 1.5 : 1) *
      (x.suspect.young ? 0.3 : 1)
    );
  };
  const convicted = new Set(chooseCount(rng, inputs, scaled(BRIEFING.convictions, factor), convictionWeight));
  const out: DisposalRecord[] = [];
  const clamp = (day: number): number => Math.min(day, period.endDay);
  // A later step lands between `min` and `max` days on, squeezed to fit before the period ends, so that
  // events near the end spread over the remaining days instead of piling up on the last one.
  const after = (day: number, min: number, max: number): number => {
    const room = Math.max(0, period.endDay - day);
    return day + rng.int(Math.min(min, room), Math.min(max, room));
  };

  for (const x of inputs) {
    const start = utcMsToUkLocal(x.firstReferral.receivedMs).day;
    const add = (type: Disposal, day: number, extra: Partial<DisposalRecord> = {}): void => {
      out.push({
        disposalId: ids.disposal(chunkIndex, out.length),
        suspectTrueId: x.suspect.person.trueId,
        suspectReferralRef: x.firstReferral.reference,
        type,
        date: isoDate(clamp(day)),
        childTrueId: null,
        sentenceMonths: null,
        orderYears: null,
        expiresOn: null,
        ...extra,
      });
    };
    const arrestDay = after(start, 0, 20);

    if (convicted.has(x)) {
      const chargeDay = after(arrestDay, 0, 3);
      const convictionDay = after(chargeDay, 20, 110);
      add('ARREST', arrestDay);
      add('CHARGE', chargeDay);
      add('CONVICTION', convictionDay, { sentenceMonths: rng.weighted(SENTENCE_MONTHS) });
      if (rng.chance(0.8)) {
        const years = rng.weighted([
          [5, 4],
          [7, 2],
          [10, 3],
          [15, 1],
        ]);
        add('SHPO', convictionDay, {
          orderYears: years,
          expiresOn: isoDate(addYears(convictionDay, years)),
        });
      }
      continue;
    }

    let path = rng.weighted(PATHS);
    const child = path === 'CAWN' ? protectedChild(rng, x.children, start) : null;
    if (path === 'CAWN' && !child) path = 'INTELLIGENCE';
    switch (path) {
      case 'CHARGED':
        add('ARREST', arrestDay);
        add('CHARGE', after(arrestDay, 0, 5));
        break;
      case 'ARREST_NFA':
        add('ARREST', arrestDay);
        add('NFA', after(arrestDay, 10, 60));
        break;
      case 'ARREST_ONLY':
        add('ARREST', arrestDay);
        break;
      case 'CAWN': {
        const day = after(start, 1, 30);
        add(child!.type, day, {
          childTrueId: child!.person.trueId,
          expiresOn: isoDate(child!.expiresDay(day)),
        });
        if (rng.chance(0.3)) add('INTELLIGENCE', after(start, 0, 10));
        break;
      }
      case 'SRO': {
        const years = rng.int(2, 5);
        const day = after(start, 20, 90);
        add('SRO', day, { orderYears: years, expiresOn: isoDate(addYears(day, years)) });
        break;
      }
      case 'CAUTION':
        add('ARREST', arrestDay);
        add('CAUTION', after(arrestDay, 1, 30));
        break;
      case 'INTELLIGENCE':
        add('INTELLIGENCE', after(start, 0, 30));
        break;
      case 'NFA':
        add('NFA', after(start, 5, 45));
        break;
      case 'NONE':
        break;
    }
  }
  return out;
}

interface ProtectedChild {
  readonly person: Person;
  readonly type: 'CAWN_S2' | 'CAWN_S49';
  readonly expiresDay: (issuedDay: number) => number;
}

/**
 * A child a warning notice can protect: s49 for a child in care (until 18), s2 for a child under 16 (until 16).
 * Notices are reviewed locally; we expire them at the statutory age or after two years, whichever is first.
 */
function protectedChild(rng: Rng, children: readonly Person[], day: number): ProtectedChild | null {
  const eligible: ProtectedChild[] = [];
  for (const person of children) {
    const age = ageOn(person.dob, day);
    const birthday = (years: number): number => addYears(dayNumber(person.dob), years);
    if (person.lookedAfter && age < 18) {
      eligible.push({ person, type: 'CAWN_S49', expiresDay: (d) => Math.min(birthday(18), addYears(d, 2)) });
    } else if (age < 16) {
      eligible.push({ person, type: 'CAWN_S2', expiresDay: (d) => Math.min(birthday(16), addYears(d, 2)) });
    }
  }
  return eligible.length > 0 ? rng.pick(eligible) : null;
}
