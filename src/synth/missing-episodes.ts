/**
 * Missing episodes for referred children, shaped by each child's missing profile: repeat missing children
 * have three or more episodes inside 90 days (residential care most of all), others go missing twice,
 * once or not at all. Every episode has a return and the facts of the return home interview.
 */

import type { MissingEpisodeType, MissingRiskGrade } from '../platform/codes/referral.ts';
import { dayNumber, HOUR_MS, MINUTE_MS, type Period, ukLocalToUtcMs } from './calendar.ts';
import type { ChildPlan } from './children.ts';
import { CHILDRENS_HOMES } from './childrens-homes.ts';
import { ids } from './ids.ts';
import type { Rng } from './random.ts';
import type {
  Address,
  MissingCompanionKind,
  MissingEpisode,
  MissingFromKind,
  MissingReporterKind,
  PlaceOfConcern,
} from './types.ts';

const FOUND_WHERE: readonly string[] = [
  "At a friend's address",
  'In the town centre',
  'Returned of own accord',
  "At a relative's address",
  'At a railway station',
  'In another town',
  'At an address linked to an adult of concern',
  'At a party address',
  'At hospital',
];

export interface MissingContext {
  /** Suspects linked to each child (trueIds), for episodes spent with one. */
  readonly suspectsOf: ReadonlyMap<string, readonly string[]>;
  /** Peers (other victims and associates) of each child. */
  readonly peersOf: ReadonlyMap<string, readonly string[]>;
  readonly placesByDivision: ReadonlyMap<string, readonly PlaceOfConcern[]>;
  /** The UK local days of each child's referrals, earliest first: their episodes lead up to them. */
  readonly referralDaysOf: ReadonlyMap<string, readonly number[]>;
}

/** How far before a referral the episodes that led to it began, at most (inside the rule's 90 days). */
const LEAD_UP_DAYS = 60;
/** The episode that prompted the referral came this many days before it, at most. */
const PROMPT_DAYS = 21;
/** Episodes counted as already in the rule's window before a later referral (89 local days back). */
const WINDOW_DAYS = 89;

/**
 * `count` free days before `referralDay` and no earlier than `fromDay`, the latest within PROMPT_DAYS of
 * the referral (the episode that prompted it) and the others a few days to weeks apart before that. Fewer
 * only when the days between the start of the period and the referral are already all taken.
 */
function leadUpDays(
  rng: Rng,
  fromDay: number,
  referralDay: number,
  count: number,
  taken: ReadonlySet<number>,
): number[] {
  const out: number[] = [];
  const free = (d: number) => d >= fromDay && d < referralDay && !taken.has(d) && !out.includes(d);
  // Crowded against the start of the period: the nearest free day below, else above, the one wanted.
  const nearestFree = (wanted: number): number | null => {
    for (let d = Math.min(wanted, referralDay - 1); d >= fromDay; d--) if (free(d)) return d;
    for (let d = wanted + 1; d < referralDay; d++) if (free(d)) return d;
    return null;
  };
  let wanted = referralDay - rng.int(1, PROMPT_DAYS);
  for (let i = 0; i < count; i++) {
    const day = nearestFree(Math.max(wanted, fromDay));
    if (day === null) break;
    out.push(day);
    wanted = day - rng.int(3, 25);
  }
  return out;
}

/**
 * Start days of a child's episodes. Going missing is what leads to the referral: a child missing more than
 * once went missing twice before their first referral, and a repeat missing child three times in the
 * weeks before each referral (the missing module's rule, 3 in 90 days, holds at the referral); a child
 * missing once, and the further episodes of a repeat missing child, fall anywhere in the period, some after
 * the referral. Only a referral in the period's first days comes too soon to have its episodes before it.
 */
function episodeDays(rng: Rng, child: ChildPlan, period: Period, referralDays: readonly number[]): number[] {
  const span = period.endDay - period.startDay;
  const residential = child.person.livingSituation === 'RESIDENTIAL_CHILDRENS_HOME';
  const firstReferral = referralDays[0] ?? period.endDay;
  const anyDay = () => period.startDay + rng.int(0, span);
  switch (child.missingProfile) {
    case 'NONE':
      return [];
    case 'ONCE':
      return [anyDay()];
    case 'MORE_THAN_ONCE': {
      // Two episodes can never make three in 90 days, so the child stays out of the repeat group.
      const from = Math.max(period.startDay, firstReferral - 4 * LEAD_UP_DAYS);
      const days = leadUpDays(rng, from, firstReferral, 2, new Set());
      // Referred on the period's first days: the second episode follows the referral.
      for (let d = firstReferral + rng.int(5, 30); days.length < 2 && d <= period.endDay; d++)
        if (!days.includes(d)) days.push(d);
      return days.sort((a, b) => a - b);
    }
    case 'REPEAT': {
      const days = new Set<number>();
      for (const referral of referralDays) {
        const inWindow = [...days].filter((d) => d < referral && d >= referral - WINDOW_DAYS).length;
        const from = Math.max(period.startDay, referral - LEAD_UP_DAYS);
        for (const d of leadUpDays(rng, from, referral, 3 - inWindow, days)) days.add(d);
      }
      // Residential children go missing far more often, before and after their referrals.
      const extra = residential ? rng.int(3, 10) : rng.int(0, 3);
      for (let i = 0; i < extra; i++) days.add(anyDay());
      // Referred on the period's first days: the run of three completes in the weeks after.
      for (let d = firstReferral + rng.int(3, 10); days.size < 3 && d <= period.endDay; d += rng.int(3, 20))
        days.add(d);
      return [...days].sort((a, b) => a - b);
    }
  }
}

function addressOn(addresses: readonly Address[], day: number): Address {
  return (
    addresses.find((a) => dayNumber(a.from) <= day && (a.to === null || day <= dayNumber(a.to))) ??
    addresses[addresses.length - 1]!
  );
}

export function generateMissingEpisodes(
  rng: Rng,
  chunkIndex: number,
  period: Period,
  children: readonly ChildPlan[],
  context: MissingContext,
  startCount: number,
): MissingEpisode[] {
  const out: MissingEpisode[] = [];
  for (const child of children) {
    const person = child.person;
    let previousReturnMs = 0;
    const referralDays = context.referralDaysOf.get(person.trueId) ?? [];
    for (const day of episodeDays(rng, child, period, referralDays)) {
      // Evening and night, when children are noticed missing; never before the last return.
      const reportedMs = Math.max(
        ukLocalToUtcMs(
          day,
          rng.weighted([
            [rng.int(16 * 60, 23 * 60 + 59), 75],
            [rng.int(0, 15 * 60), 25],
          ]),
        ),
        previousReturnMs + 2 * HOUR_MS,
      );
      const hoursAway = Math.min(240, Math.max(1, Math.round(Math.exp(rng.normal(2.6, 0.9)))));
      const returnedMs = reportedMs + hoursAway * HOUR_MS + rng.int(0, 59) * MINUTE_MS;
      if (reportedMs >= ukLocalToUtcMs(period.endDay + 1, 0)) break;
      previousReturnMs = returnedMs;
      const address = addressOn(person.addresses, day);
      const from = fromOf(person.livingSituation, address);
      const inCareType = from.kind === 'CHILDRENS_HOME' || from.kind === 'FOSTER_PLACEMENT';
      const type = rng.weighted<MissingEpisodeType>(
        inCareType
          ? [
              ['MISSING_FROM_CARE', 65],
              ['AWAY_WITHOUT_AUTHORISATION', 20],
              ['ABSENT', 15],
            ]
          : [
              ['MISSING', 78],
              ['ABSENT', 22],
            ],
      );
      const riskGrade = rng.weighted<MissingRiskGrade>(
        type === 'ABSENT' || type === 'AWAY_WITHOUT_AUTHORISATION'
          ? [
              ['NO_APPARENT_RISK', 45],
              ['LOW', 45],
              ['MEDIUM', 10],
            ]
          : [
              ['LOW', 25],
              ['MEDIUM', 55],
              ['HIGH', 20],
            ],
      );
      const suspects = context.suspectsOf.get(person.trueId) ?? [];
      const peers = context.peersOf.get(person.trueId) ?? [];
      const companion = rng.weighted<MissingCompanionKind>([
        ['ALONE', 28],
        ['PEER', peers.length > 0 ? 25 : 0],
        ['SUSPECT', suspects.length > 0 ? 12 : 0],
        ['FAMILY', 8],
        ['NOT_KNOWN', 27],
      ]);
      const companionId =
        companion === 'PEER' ? rng.pick(peers) : companion === 'SUSPECT' ? rng.pick(suspects) : null;
      const places = context.placesByDivision.get(person.division) ?? [];
      const atPlace = places.length > 0 && rng.chance(companion === 'SUSPECT' ? 0.5 : 0.15);
      const place = atPlace ? rng.pick(places) : null;
      out.push({
        episodeId: ids.episode(chunkIndex, startCount + out.length),
        childTrueId: person.trueId,
        type,
        from,
        reportedAt: new Date(reportedMs).toISOString(),
        reportedByKind: reporterKind(from.kind, rng),
        reportedByAgencyCode: reportingAgency(from, person.area),
        riskGrade,
        returnedAt: new Date(returnedMs).toISOString(),
        foundWhere: place ? place.description : rng.pick(FOUND_WHERE),
        foundPostcode: place ? place.postcode : null,
        withWhom: { kind: companion, trueId: companionId },
        exploitationSuspected: companion === 'SUSPECT' || atPlace || rng.chance(0.25),
        returnHomeInterview: returnInterview(rng, returnedMs),
      });
    }
  }
  return out;
}

function fromOf(
  living: ChildPlan['person']['livingSituation'],
  address: Address,
): { kind: MissingFromKind; childrensHomeCode: string | null; postcode: string } {
  if (address.childrensHomeCode)
    return {
      kind: 'CHILDRENS_HOME',
      childrensHomeCode: address.childrensHomeCode,
      postcode: address.postcode,
    };
  const kind: MissingFromKind =
    living === 'FOSTER_CARE' && address.to === null
      ? 'FOSTER_PLACEMENT'
      : living === 'KINSHIP_CARE' && address.to === null
        ? 'KINSHIP_PLACEMENT'
        : living === 'SEMI_INDEPENDENT' || living === 'SECURE' || living === 'HOMELESS'
          ? 'OTHER'
          : 'FAMILY_HOME';
  return { kind, childrensHomeCode: null, postcode: address.postcode };
}

function reporterKind(from: MissingFromKind, rng: Rng): MissingReporterKind {
  if (from === 'CHILDRENS_HOME') return 'RESIDENTIAL_STAFF';
  if (from === 'FOSTER_PLACEMENT') return 'FOSTER_CARER';
  if (rng.chance(0.08)) return 'SCHOOL';
  return from === 'OTHER' ? 'OTHER' : 'PARENT_OR_CARER';
}

/** Council-run homes and foster carers report through the council; everything else is taken by police. */
function reportingAgency(
  from: { kind: MissingFromKind; childrensHomeCode: string | null },
  area: ChildPlan['person']['area'],
): string {
  const council = { LANCASHIRE: 'LCC-CSC', BLACKBURN_WITH_DARWEN: 'BWD-CSC', BLACKPOOL: 'BPL-CSC' }[area];
  if (from.kind === 'CHILDRENS_HOME') {
    const home = CHILDRENS_HOMES.find((h) => h.code === from.childrensHomeCode);
    return home?.provider === 'LOCAL_AUTHORITY' ? council : 'POL';
  }
  if (from.kind === 'FOSTER_PLACEMENT') return council;
  return 'POL';
}

function returnInterview(rng: Rng, returnedMs: number): MissingEpisode['returnHomeInterview'] {
  if (!rng.chance(0.92)) {
    return {
      offered: false,
      notOfferedReason: rng.pick([
        'Returned to a placement out of the area',
        'Already has an allocated worker who saw the child',
        'Missing for under an hour and located by carers',
      ]),
      response: null,
      completedAt: null,
      completedWithin72Hours: null,
      byAgencyCode: null,
    };
  }
  if (!rng.chance(0.7)) {
    return {
      offered: true,
      notOfferedReason: null,
      response: 'DECLINED',
      completedAt: null,
      completedWithin72Hours: null,
      byAgencyCode: 'VOL-RHI',
    };
  }
  const within = rng.chance(0.78);
  const hours = within ? rng.int(6, 71) : rng.int(73, 240);
  return {
    offered: true,
    notOfferedReason: null,
    response: 'ACCEPTED',
    completedAt: new Date(returnedMs + hours * HOUR_MS).toISOString(),
    completedWithin72Hours: within,
    byAgencyCode: 'VOL-RHI',
  };
}
