/**
 * Suspects and offenders as people. Gender and ethnicity are filled as quotas from the briefing; the
 * ethnic mix is recorded per division because the briefing reports it differing between East and West.
 * Ethnicity is only ever recorded: nothing downstream (links, roles, disposals) reads it.
 */

import type { Ethnicity } from '../platform/codes/people.ts';
import type { SuspectRole } from '../platform/codes/referral.ts';
import { postcodeIn, randomDistrictInDivision, streetAddress } from './addresses.ts';
import { addYears, isoDate } from './calendar.ts';
import type { ChildrenPlanInput } from './children.ts';
import { globalPersonIndex, nhsNumberFor, policeRefFor } from './identifiers.ts';
import { ids } from './ids.ts';
import { forename, surname } from './names.ts';
import type { DivisionCode } from './partnership-types.ts';
import { BRIEFING, chooseCount, scaled } from './quotas.ts';
import { streetAliasFor } from './source-records.ts';
import { NO_CHILDRENS_SERVICES_FACTS, type Person } from './types.ts';

export interface SuspectPlan {
  readonly person: Person;
  /** The role recorded on the suspect's referrals. */
  readonly role: SuspectRole;
  /** Under 20: the pool peer-on-peer referrals draw from. */
  readonly young: boolean;
  /** Already convicted of a sexual offence before the period: referred as an offender. */
  readonly previouslyConvicted: boolean;
}

const FEMALE_ROLES: readonly (readonly [SuspectRole, number])[] = [
  ['ENCOURAGED_VICTIMS', 45],
  ['ALLOWED_PREMISES_USE', 35],
  ['FACILITATOR', 10],
  ['CO_OFFENDER', 5],
  ['RECRUITER', 5],
];

const MALE_ROLES: readonly (readonly [SuspectRole, number])[] = [
  ['PRIMARY_OFFENDER', 52],
  ['CO_OFFENDER', 14],
  ['ONLINE_CONTACT', 14],
  ['FACILITATOR', 8],
  ['RECRUITER', 5],
  ['OTHER', 7],
];

/** Everyone not filling the Pakistani or Indian quota. */
const OTHER_SUSPECT_ETHNICITIES: readonly (readonly [Ethnicity, number])[] = [
  ['WHITE_BRITISH', 88],
  ['WHITE_OTHER', 4],
  ['WHITE_IRISH', 1],
  ['MIXED_WHITE_BLACK_CARIBBEAN', 1],
  ['MIXED_OTHER', 1],
  ['BLACK_CARIBBEAN', 1],
  ['BLACK_AFRICAN', 0.5],
  ['ASIAN_BANGLADESHI', 1],
  ['OTHER_ANY', 1],
  ['NOT_STATED', 1.5],
];

/** How the recorded Pakistani and Indian quotas spread over divisions: highest East, lowest West. */
const PAKISTANI_BY_DIVISION: Readonly<Record<DivisionCode, number>> = { EAST: 6, SOUTH: 2, WEST: 0.4 };
const INDIAN_BY_DIVISION: Readonly<Record<DivisionCode, number>> = { EAST: 3, SOUTH: 2, WEST: 0.6 };

export interface SuspectsPlanInput extends ChildrenPlanInput {
  /** Victim referrals per division: suspects are spread the same way. */
  readonly referralsByDivision: Readonly<Record<DivisionCode, number>>;
}

interface Draft {
  localIndex: number;
  division: DivisionCode;
  female: boolean;
  ethnicity: Ethnicity | null;
}

export function planSuspects(input: SuspectsPlanInput): SuspectPlan[] {
  const { rng } = input;
  const count = scaled(BRIEFING.suspects, input.factor);
  const divisionWeights = (Object.entries(input.referralsByDivision) as [DivisionCode, number][]).map(
    ([division, n]) => [division, n + 1] as const,
  );
  const drafts: Draft[] = Array.from({ length: count }, (_, i) => ({
    localIndex: input.firstLocalIndex + i,
    division: rng.weighted(divisionWeights),
    female: false,
    ethnicity: null,
  }));
  for (const d of chooseCount(rng, drafts, scaled(count, BRIEFING.femaleSuspectShare), () => 1))
    d.female = true;
  const pakistani = chooseCount(
    rng,
    drafts,
    scaled(count, BRIEFING.asianPakistaniSuspectShare),
    (d) => PAKISTANI_BY_DIVISION[d.division],
  );
  for (const d of pakistani) d.ethnicity = 'ASIAN_PAKISTANI';
  const rest = drafts.filter((d) => d.ethnicity === null);
  for (const d of chooseCount(
    rng,
    rest,
    scaled(count, BRIEFING.asianIndianSuspectShare),
    (x) => INDIAN_BY_DIVISION[x.division],
  )) {
    d.ethnicity = 'ASIAN_INDIAN';
  }
  return drafts.map((d) => buildSuspect(input, d));
}

function buildSuspect(input: SuspectsPlanInput, d: Draft): SuspectPlan {
  const { rng, faker, period, chunkIndex } = input;
  const globalIndex = globalPersonIndex(chunkIndex, d.localIndex);
  const young = !d.female && rng.chance(0.16);
  const age = young ? rng.int(15, 19) : Math.round(Math.min(64, Math.max(20, rng.normal(32, 9))));
  const dob = isoDate(addYears(period.startDay, -age) - rng.int(0, 364));
  const sex = d.female ? 'female' : 'male';
  const first = forename(rng, faker, sex);
  const alias = streetAliasFor(rng, first);
  const district = randomDistrictInDivision(rng, d.division);
  const moved = rng.chance(0.2);
  const moveDay = rng.int(period.startDay - 400, period.endDay - 20);
  const current = {
    line1: streetAddress(rng, faker),
    town: district.town,
    postcode: postcodeIn(rng, district),
    from: moved ? isoDate(moveDay) : dob,
    to: null,
    childrensHomeCode: null,
  };
  const previousDistrict = randomDistrictInDivision(rng, d.division);
  const addresses = moved
    ? [
        {
          line1: streetAddress(rng, faker),
          town: previousDistrict.town,
          postcode: postcodeIn(rng, previousDistrict),
          from: dob,
          to: isoDate(moveDay - 1),
          childrensHomeCode: null,
        },
        current,
      ]
    : [current];
  const person: Person = {
    trueId: ids.person(chunkIndex, d.localIndex),
    role: 'SUSPECT',
    forename: first,
    surname: surname(faker),
    previousSurnames: d.female && rng.chance(0.1) ? [surname(faker)] : [],
    aliases: alias ? [alias] : [],
    dob,
    gender: d.female ? 'FEMALE' : 'MALE',
    ethnicity: d.ethnicity ?? rng.weighted(OTHER_SUSPECT_ETHNICITIES),
    nhsNumber: nhsNumberFor(globalIndex, rng.int(0, 8)),
    schoolUpn: null,
    schoolCode: null,
    policeRef: policeRefFor(globalIndex),
    addresses,
    livingSituation: 'OTHER',
    ...NO_CHILDRENS_SERVICES_FACTS,
    area: district.area,
    division: d.division,
  };
  return {
    person,
    role: rng.weighted(d.female ? FEMALE_ROLES : MALE_ROLES),
    young,
    previouslyConvicted: !young && rng.chance(0.18),
  };
}
