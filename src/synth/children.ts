/**
 * Referred children: who they are, where they live, and which of the briefing's quotas (in care, CAMHS,
 * missing) each one fills. Quotas are filled by referrals, not children, because the briefing's shares
 * are shares of referrals: a child referred three times counts three times.
 */

import type { Faker } from '@faker-js/faker';
import type { Ethnicity, LivingSituation } from '../platform/codes/people.ts';
import { isInCare } from '../platform/codes/people.ts';
import { postcodeIn, streetAddress } from './addresses.ts';
import { addYears, isoDate, type Period } from './calendar.ts';
import { CHILDRENS_HOMES } from './childrens-homes.ts';
import { globalPersonIndex, nhsNumberFor, policeRefFor, schoolUpnFor } from './identifiers.ts';
import { ids } from './ids.ts';
import { forename, nicknameOf, surname } from './names.ts';
import { areaByCode, districtOf, districtsIn, PARTNERSHIP_AREAS, SCHOOLS } from './partnership.ts';
import type { AreaCode, PostcodeDistrict } from './partnership-types.ts';
import { BRIEFING, chooseCount, fillReferralShare, repeatReferralCounts, scaled } from './quotas.ts';
import type { Rng } from './random.ts';
import type { Address, Person } from './types.ts';

export type MissingProfile = 'NONE' | 'ONCE' | 'MORE_THAN_ONCE' | 'REPEAT';

/** A child with the generator's plans for them; `person` is what the population publishes. */
export interface ChildPlan {
  readonly person: Person;
  readonly referralCount: number;
  readonly missingProfile: MissingProfile;
}

/** Age at the start of the period; most referred children are 13 to 15. */
const AGE_WEIGHTS: readonly (readonly [number, number])[] = [
  [10, 2],
  [11, 4],
  [12, 9],
  [13, 21],
  [14, 27],
  [15, 21],
  [16, 11],
  [17, 5],
];

const CARE_PLACEMENTS: readonly (readonly [LivingSituation, number])[] = [
  ['FOSTER_CARE', 38],
  ['RESIDENTIAL_CHILDRENS_HOME', 36],
  ['KINSHIP_CARE', 12],
  ['SEMI_INDEPENDENT', 10],
  ['SECURE', 4],
];

const WHITE_ETHNICITIES: readonly (readonly [Ethnicity, number])[] = [
  ['WHITE_BRITISH', 94],
  ['WHITE_IRISH', 1],
  ['WHITE_GYPSY_TRAVELLER', 1],
  ['WHITE_ROMA', 0.5],
  ['WHITE_OTHER', 3.5],
];

const OTHER_ETHNICITIES: readonly (readonly [Ethnicity, number])[] = [
  ['MIXED_WHITE_BLACK_CARIBBEAN', 3],
  ['MIXED_WHITE_ASIAN', 2],
  ['MIXED_OTHER', 2],
  ['ASIAN_PAKISTANI', 1],
  ['BLACK_AFRICAN', 1],
  ['BLACK_CARIBBEAN', 1],
  ['OTHER_ANY', 1],
];

/** How strongly each living situation draws the "repeat missing" quota: residential care most of all. */
const REPEAT_MISSING_WEIGHT: Readonly<Record<LivingSituation, number>> = {
  RESIDENTIAL_CHILDRENS_HOME: 40,
  SEMI_INDEPENDENT: 8,
  FOSTER_CARE: 6,
  HOMELESS: 5,
  SECURE: 3,
  KINSHIP_CARE: 3,
  OTHER: 1,
  FAMILY_HOME: 1,
};

interface Draft {
  localIndex: number;
  referralCount: number;
  area: AreaCode;
  district: PostcodeDistrict;
  ageAtStart: number;
  dob: string;
  male: boolean;
  ethnicity: Ethnicity;
  living: LivingSituation;
  camhs: boolean;
  missing: MissingProfile;
}

/** What a step that plans people for one chunk is given (the suspects' step is given more). */
export interface ChildrenPlanInput {
  readonly rng: Rng;
  readonly faker: Faker;
  readonly chunkIndex: number;
  readonly period: Period;
  /** Six-month scale-1 partnerships this chunk stands for. */
  readonly factor: number;
  /** Local index of the first person this step may number. */
  readonly firstLocalIndex: number;
}

export function planChildren(input: ChildrenPlanInput): ChildPlan[] {
  const { rng, period, factor } = input;
  const totalReferrals = scaled(BRIEFING.victimReferrals, factor);
  const repeatChildren = scaled(BRIEFING.childrenReferredMoreThanOnce, factor);
  const repeatReferrals = Math.min(scaled(BRIEFING.referralsFromRepeatChildren, factor), totalReferrals);
  const counts = [
    ...repeatReferralCounts(rng, repeatChildren, repeatReferrals),
    ...new Array<number>(Math.max(0, totalReferrals - repeatReferrals)).fill(1),
  ];

  const drafts: Draft[] = rng.shuffle(counts).map((referralCount, i) => {
    const area = rng.weighted(PARTNERSHIP_AREAS.map((a) => [a.code, a.referralShare] as const));
    const ageAtStart = rng.weighted(AGE_WEIGHTS);
    return {
      localIndex: input.firstLocalIndex + i,
      referralCount,
      area,
      district: rng.pick(districtsIn(area)),
      ageAtStart,
      dob: dobForAge(rng, period, ageAtStart),
      male: false,
      ethnicity: rng.weighted(WHITE_ETHNICITIES),
      living: 'FAMILY_HOME',
      camhs: false,
      missing: 'NONE',
    };
  });

  for (const d of chooseCount(rng, drafts, Math.round(drafts.length * (1 - BRIEFING.femaleShare)), () => 1)) {
    d.male = true;
  }
  for (const d of chooseCount(rng, drafts, Math.round(drafts.length * (1 - BRIEFING.whiteShare)), () => 1)) {
    d.ethnicity = rng.weighted(OTHER_ETHNICITIES);
  }

  const byReferrals = (d: Draft): number => d.referralCount;
  const inCare = fillReferralShare(
    rng,
    drafts,
    byReferrals,
    Math.round(totalReferrals * BRIEFING.inCareReferralShare),
    (d) => (d.referralCount > 1 ? 3 : 1),
  );
  for (const d of drafts) {
    if (inCare.has(d)) {
      const placement = rng.weighted(CARE_PLACEMENTS);
      d.living = placement === 'SEMI_INDEPENDENT' && d.ageAtStart < 16 ? 'FOSTER_CARE' : placement;
    } else {
      d.living = rng.weighted([
        ['FAMILY_HOME', 97],
        ['HOMELESS', 1],
        ['OTHER', 2],
      ]);
    }
  }

  const camhs = fillReferralShare(
    rng,
    drafts,
    byReferrals,
    Math.round(totalReferrals * BRIEFING.camhsReferralShare),
    (d) => (isInCare(d.living) ? 2 : 1),
  );
  for (const d of camhs) d.camhs = true;

  const repeatMissing = fillReferralShare(
    rng,
    drafts,
    byReferrals,
    Math.round(totalReferrals * BRIEFING.repeatMissingReferralShare),
    (d) => REPEAT_MISSING_WEIGHT[d.living] * (d.referralCount > 1 ? 2 : 1),
  );
  for (const d of repeatMissing) d.missing = 'REPEAT';
  const repeatMissingReferrals = [...repeatMissing].reduce((sum, d) => sum + d.referralCount, 0);
  const notYetMissing = drafts.filter((d) => d.missing === 'NONE');
  const missingTwice = fillReferralShare(
    rng,
    notYetMissing,
    byReferrals,
    Math.round(totalReferrals * BRIEFING.missingMoreThanOnceReferralShare) - repeatMissingReferrals,
    (d) => (isInCare(d.living) ? 4 : 1),
  );
  for (const d of missingTwice) d.missing = 'MORE_THAN_ONCE';
  for (const d of drafts) {
    if (d.missing === 'NONE' && rng.chance(0.3)) d.missing = 'ONCE';
  }

  return drafts.map((d) => ({
    person: buildChild(input, d),
    referralCount: d.referralCount,
    missingProfile: d.missing,
  }));
}

/**
 * A date of birth giving `age` on the first day of the period. A 17-year-old's birthday is kept after the
 * period so that every referral is of a child.
 */
function dobForAge(rng: Rng, period: Period, age: number): string {
  const latest = addYears(period.startDay, -age);
  const earliest = addYears(period.startDay, -(age + 1)) + 1;
  const span = latest - earliest;
  const periodDays = period.endDay - period.startDay + 1;
  const offset = age >= 17 ? rng.int(0, Math.max(0, span - periodDays)) : rng.int(0, span);
  return isoDate(latest - offset);
}

function buildChild(input: ChildrenPlanInput, d: Draft): Person {
  const { rng, faker, chunkIndex } = input;
  const globalIndex = globalPersonIndex(chunkIndex, d.localIndex);
  const sex = d.male ? 'male' : 'female';
  const first = forename(rng, faker, sex);
  const last = surname(faker);
  const nickname = rng.chance(0.35) ? nicknameOf(rng, first) : null;
  const previousSurnames = rng.chance(0.05) ? [surname(faker)] : [];
  const birthYear = Number(d.dob.slice(0, 4));
  const schoolsNearby = SCHOOLS.filter((s) => s.division === d.district.division);
  const inSchool = d.ageAtStart < 16 ? rng.chance(0.96) : d.ageAtStart === 16 ? rng.chance(0.7) : false;
  const addresses = addressHistory(input, d);
  const current = addresses[addresses.length - 1]!;
  const sen = rng.chance(0.24);
  return {
    trueId: ids.person(chunkIndex, d.localIndex),
    role: 'CHILD',
    forename: first,
    surname: last,
    previousSurnames,
    aliases: nickname ? [nickname] : [],
    dob: d.dob,
    gender: d.male ? 'MALE' : 'FEMALE',
    ethnicity: d.ethnicity,
    nhsNumber: nhsNumberFor(globalIndex, rng.int(0, 8)),
    schoolUpn: schoolUpnFor(globalIndex, areaByCode(d.area).laNumber, birthYear + 5),
    schoolCode: inSchool ? rng.pick(schoolsNearby).code : null,
    policeRef: policeRefFor(globalIndex),
    addresses,
    livingSituation: d.living,
    lookedAfter: isInCare(d.living),
    childrensHomeCode: current.childrensHomeCode,
    learningDisability: sen && rng.chance(0.25),
    specialEducationalNeeds: sen,
    camhsContact: d.camhs,
    area: d.area,
    division: districtOf(current.postcode)?.division ?? d.district.division,
  };
}

/**
 * Family home first; children in care then have a placement, and some children at home have moved,
 * a few during the period itself (so agencies' records disagree about the postcode).
 */
function addressHistory(input: ChildrenPlanInput, d: Draft): Address[] {
  const { rng, faker, period } = input;
  const family = (from: string, to: string | null, district = d.district): Address => ({
    line1: streetAddress(rng, faker),
    town: district.town,
    postcode: postcodeIn(rng, district),
    from,
    to,
    childrensHomeCode: null,
  });
  const moveDay = rng.chance(0.4)
    ? rng.int(period.startDay + 7, period.endDay - 30)
    : rng.int(period.startDay - 900, period.startDay - 1);
  const move = isoDate(moveDay);
  const dayBefore = isoDate(moveDay - 1);

  if (!isInCare(d.living)) {
    if (!rng.chance(0.22)) return [family(d.dob, null)];
    return [family(d.dob, dayBefore, rng.pick(districtsIn(d.area))), family(move, null)];
  }
  const placementDay = rng.int(period.startDay - 700, period.startDay + 45);
  const placementFrom = isoDate(placementDay);
  const familyHome = family(d.dob, isoDate(placementDay - 1));
  if (d.living === 'RESIDENTIAL_CHILDRENS_HOME') {
    const homes = CHILDRENS_HOMES.filter((h) => h.area === d.area);
    const home = rng.pick(homes.length > 0 ? homes : CHILDRENS_HOMES);
    return [
      familyHome,
      {
        line1: home.name,
        town: districtOf(home.postcode)?.town ?? '',
        postcode: home.postcode,
        from: placementFrom,
        to: null,
        childrensHomeCode: home.code,
      },
    ];
  }
  return [familyHome, family(placementFrom, null, rng.pick(districtsIn(d.area)))];
}
