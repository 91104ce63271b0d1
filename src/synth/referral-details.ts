/**
 * The substance of a victim referral: how the child came to be exploited (model and method of first
 * contact), what the referrer saw (indicators) and where. Weights follow the briefing: online contact
 * most often, on-street next, third-party introductions notable; the boyfriend model common.
 */

import { isInCare } from '../platform/codes/people.ts';
import type {
  ConsentStatus,
  ContactMethod,
  CseIndicator,
  ExploitationModel,
  ExploitationType,
  ReferralCategory,
} from '../platform/codes/referral.ts';
import { CSE_INDICATORS, isOnlineContact } from '../platform/codes/referral.ts';
import type { ChildPlan } from './children.ts';
import type { Rng } from './random.ts';
import type { PlaceOfConcern } from './types.ts';

type Weights<T> = readonly (readonly [T, number])[];

const MODELS: Weights<ExploitationModel> = [
  ['BOYFRIEND', 26],
  ['INAPPROPRIATE_RELATIONSHIP', 18],
  ['PEER_ON_PEER', 15],
  ['ONLINE_ONLY', 14],
  ['PARTY', 8],
  ['ORGANISED_NETWORK', 7],
  ['GANG_ASSOCIATED', 4],
  ['UNKNOWN', 8],
];

const METHODS_BY_MODEL: Readonly<Record<ExploitationModel, Weights<ContactMethod>>> = {
  ONLINE_ONLY: [
    ['ONLINE_SOCIAL_MEDIA', 75],
    ['ONLINE_GAMING', 15],
    ['ONLINE_OTHER', 10],
  ],
  BOYFRIEND: [
    ['ONLINE_SOCIAL_MEDIA', 34],
    ['ON_STREET', 30],
    ['THIRD_PARTY_INTRODUCTION', 14],
    ['HOTEL_OR_FOOD_OUTLET', 6],
    ['PARTY', 5],
    ['TRANSPORT', 4],
    ['ONLINE_GAMING', 3],
    ['ONLINE_OTHER', 4],
  ],
  INAPPROPRIATE_RELATIONSHIP: [
    ['ONLINE_SOCIAL_MEDIA', 25],
    ['ON_STREET', 20],
    ['POSITION_OF_TRUST', 16],
    ['FAMILY_OR_FRIEND', 14],
    ['THIRD_PARTY_INTRODUCTION', 7],
    ['TRANSPORT', 6],
    ['HOTEL_OR_FOOD_OUTLET', 4],
    ['ONLINE_GAMING', 4],
    ['ONLINE_OTHER', 4],
  ],
  PEER_ON_PEER: [
    ['ONLINE_SOCIAL_MEDIA', 35],
    ['SCHOOL', 20],
    ['PARTY', 15],
    ['THIRD_PARTY_INTRODUCTION', 10],
    ['ON_STREET', 12],
    ['CARE_PLACEMENT', 8],
  ],
  PARTY: [
    ['PARTY', 45],
    ['THIRD_PARTY_INTRODUCTION', 30],
    ['ONLINE_SOCIAL_MEDIA', 15],
    ['ON_STREET', 10],
  ],
  ORGANISED_NETWORK: [
    ['THIRD_PARTY_INTRODUCTION', 32],
    ['ON_STREET', 26],
    ['HOTEL_OR_FOOD_OUTLET', 12],
    ['TRANSPORT', 10],
    ['ONLINE_SOCIAL_MEDIA', 12],
    ['CARE_PLACEMENT', 8],
  ],
  GANG_ASSOCIATED: [
    ['ON_STREET', 35],
    ['THIRD_PARTY_INTRODUCTION', 30],
    ['ONLINE_SOCIAL_MEDIA', 25],
    ['FAMILY_OR_FRIEND', 10],
  ],
  UNKNOWN: [
    ['UNKNOWN', 55],
    ['ONLINE_SOCIAL_MEDIA', 15],
    ['ON_STREET', 15],
    ['OTHER', 15],
  ],
};

export interface ReferralDetails {
  readonly model: ExploitationModel;
  readonly contactMethod: ContactMethod;
  readonly category: ReferralCategory;
  readonly exploitationType: ExploitationType;
  readonly indicators: CseIndicator[];
  readonly consent: ConsentStatus;
  readonly places: PlaceOfConcern[];
}

export function drawReferralDetails(
  rng: Rng,
  child: ChildPlan,
  placesInDivision: readonly PlaceOfConcern[],
): ReferralDetails {
  const model = rng.weighted(MODELS);
  const contactMethod = rng.weighted(METHODS_BY_MODEL[model]);
  const category: ReferralCategory = rng.chance(0.42) ? 'VICTIM_OF_CRIME' : 'RISK_ASSESSED_VULNERABILITY';
  const exploitationType = rng.weighted<ExploitationType>(
    model === 'GANG_ASSOCIATED'
      ? [
          ['BOTH', 50],
          ['CCE', 30],
          ['CSE', 20],
        ]
      : [
          ['CSE', 93],
          ['BOTH', 4],
          ['CCE', 1.5],
          ['OTHER', 1.5],
        ],
  );
  const placeLikely = [
    'ON_STREET',
    'HOTEL_OR_FOOD_OUTLET',
    'TRANSPORT',
    'PARTY',
    'THIRD_PARTY_INTRODUCTION',
  ].includes(contactMethod);
  const placeCount =
    placesInDivision.length === 0 ? 0 : placeLikely ? rng.int(1, 2) : rng.chance(0.3) ? 1 : 0;
  const places = rng.shuffle(placesInDivision).slice(0, placeCount);
  return {
    model,
    contactMethod,
    category,
    exploitationType,
    indicators: drawIndicators(rng, child, model, contactMethod, category, places.length > 0),
    consent: rng.weighted<ConsentStatus>([
      ['YES', 55],
      ['NOT_SOUGHT', 28],
      ['NO', 17],
    ]),
    places,
  };
}

function drawIndicators(
  rng: Rng,
  child: ChildPlan,
  model: ExploitationModel,
  method: ContactMethod,
  category: ReferralCategory,
  hasPlaces: boolean,
): CseIndicator[] {
  const person = child.person;
  const chosen = new Set<CseIndicator>();
  const maybe = (indicator: CseIndicator, probability: number): void => {
    if (rng.chance(probability)) chosen.add(indicator);
  };
  maybe('GOING_MISSING', child.missingProfile === 'NONE' ? 0.04 : 0.9);
  maybe('EMOTIONAL_OR_MENTAL_HEALTH', person.camhsContact ? 0.6 : 0.1);
  maybe('SELF_HARM', person.camhsContact ? 0.35 : 0.05);
  maybe(
    'ACCOMMODATION_INSTABILITY',
    isInCare(person.livingSituation) ? 0.3 : person.livingSituation === 'HOMELESS' ? 0.9 : 0.03,
  );
  if (isOnlineContact(method) || model === 'ONLINE_ONLY') {
    maybe('ONLINE_CONTACT_WITH_UNKNOWN_ADULTS', 0.8);
    maybe('SHARING_IMAGES', 0.35);
  }
  if (model === 'BOYFRIEND') maybe('OLDER_BOYFRIEND_OR_GIRLFRIEND', 0.85);
  if (model === 'INAPPROPRIATE_RELATIONSHIP') maybe('ASSOCIATING_WITH_OLDER_PEOPLE', 0.7);
  if (model === 'GANG_ASSOCIATED') maybe('GANG_ASSOCIATION', 0.8);
  if (method === 'TRANSPORT') maybe('PICKED_UP_BY_UNKNOWN_ADULTS', 0.85);
  if (method === 'ON_STREET') maybe('PICKED_UP_BY_UNKNOWN_ADULTS', 0.3);
  if (method === 'HOTEL_OR_FOOD_OUTLET') maybe('HOTEL_OR_TAKEAWAY_VISITS', 0.85);
  if (hasPlaces) maybe('FREQUENTING_KNOWN_LOCATIONS', 0.6);
  if (category === 'VICTIM_OF_CRIME') maybe('DISCLOSURE', 0.4);
  maybe('UNEXPLAINED_GIFTS_OR_MONEY', 0.35);
  maybe('SUBSTANCE_MISUSE', 0.3);
  maybe('SCHOOL_ABSENCE', person.schoolCode ? 0.35 : 0.05);
  maybe('CHANGE_IN_BEHAVIOUR', 0.45);
  maybe('MULTIPLE_PHONES_OR_SIMS', 0.15);
  maybe('LATE_NIGHTS_OUT', 0.3);
  maybe('SECRETIVE_BEHAVIOUR', 0.3);
  maybe('ASSOCIATING_WITH_OLDER_PEOPLE', 0.2);
  maybe('ESTRANGED_FROM_FAMILY', 0.08);
  maybe('SEXUAL_HEALTH_CLINIC_ATTENDANCE', 0.08);
  maybe('STI_OR_PREGNANCY', 0.04);
  maybe('FOUND_OUT_OF_AREA', child.missingProfile === 'NONE' ? 0.01 : 0.2);
  maybe('CRIMINAL_ACTIVITY', model === 'GANG_ASSOCIATED' ? 0.6 : 0.05);
  maybe('UNEXPLAINED_INJURIES', 0.03);
  if (chosen.size === 0) chosen.add('CHANGE_IN_BEHAVIOUR');
  return inListOrder(chosen);
}

/** Indicators in the code list's order, so records read the same way every time. */
export function inListOrder(indicators: ReadonlySet<CseIndicator>): CseIndicator[] {
  return CSE_INDICATORS.map((i) => i.code).filter((code) => indicators.has(code));
}
