/**
 * The referrer's summary of concerns: one or two short, factual, non-graphic sentences built from
 * templates. A first sentence says how contact came about; a second, when there is one, names an
 * observed indicator.
 */

import type { Gender } from '../platform/codes/people.ts';
import type { ContactMethod, CseIndicator, ExploitationModel } from '../platform/codes/referral.ts';
import type { Rng } from './random.ts';

interface Pronouns {
  readonly subject: string;
  readonly object: string;
  readonly possessive: string;
}

function pronounsFor(gender: Gender): Pronouns {
  if (gender === 'MALE') return { subject: 'he', object: 'him', possessive: 'his' };
  if (gender === 'FEMALE') return { subject: 'she', object: 'her', possessive: 'her' };
  return { subject: 'they', object: 'them', possessive: 'their' };
}

type Template = (name: string, p: Pronouns, place: string) => string;

const OPENINGS: Readonly<Record<ContactMethod, readonly Template[]>> = {
  ONLINE_SOCIAL_MEDIA: [
    (n, p) =>
      `${n} has been messaging an older male ${p.subject} met on social media, who has asked to meet ${p.object}.`,
    (n) => `${n} has been added to group chats by adults who are not known to the family.`,
  ],
  ONLINE_GAMING: [
    (n) => `${n} has been talking to an unknown adult through an online game and has been sent gifts.`,
  ],
  ONLINE_OTHER: [
    (n, p) => `${n} has been contacted online by an adult who asked ${p.object} to keep the contact secret.`,
  ],
  ON_STREET: [
    (n, _p, place) =>
      `${n} has been approached by older males near ${withArticle(place)} on several occasions.`,
    (n) => `${n} has been seen in the town centre late at night with adults not known to the family.`,
  ],
  THIRD_PARTY_INTRODUCTION: [
    (n) => `${n} was introduced to older males by a friend and has been spending time with them.`,
    (n) => `${n} was introduced to adults by another young person who is already known to the CSE team.`,
  ],
  PARTY: [(n) => `${n} has been attending parties at an address where adults give alcohol to young people.`],
  FAMILY_OR_FRIEND: [
    (n, p) => `${n} has been spending time with an adult friend of the family who gives ${p.object} money.`,
  ],
  POSITION_OF_TRUST: [
    (_n, p) =>
      `Concerns have been raised that an adult who works with young people has been contacting ${p.object} privately.`,
  ],
  TRANSPORT: [
    (n, p) => `${n} has been seen getting into cars and taxis with adults ${p.subject} will not name.`,
  ],
  HOTEL_OR_FOOD_OUTLET: [
    (n, p, place) =>
      `${n} has been spending time at ${withArticle(place)} with adults who are not known to ${p.possessive} family.`,
  ],
  SCHOOL: [
    (n, p) =>
      `School staff are concerned about older pupils pressuring ${n} to meet people ${p.subject} does not know.`,
  ],
  CARE_PLACEMENT: [
    (n) => `Placement staff report that ${n} is being collected from near the home by unknown adults.`,
  ],
  OTHER: [
    (n, p) => `${n} is spending time with older people and is secretive about where ${p.subject} goes.`,
  ],
  UNKNOWN: [
    (n, p) => `${n} is spending time with older people and is secretive about where ${p.subject} goes.`,
  ],
};

const BOYFRIEND_OPENING: Template = (n, p) =>
  `${n} describes an older 'boyfriend' who ${p.subject} says is in his twenties.`;

const FOLLOW_UPS: Partial<Readonly<Record<CseIndicator, Template>>> = {
  GOING_MISSING: (n) => `${n} has been reported missing several times recently.`,
  UNEXPLAINED_GIFTS_OR_MONEY: (_n, p) =>
    `${cap(p.subject)} has new clothes and a phone that ${p.subject} cannot explain.`,
  SCHOOL_ABSENCE: (_n, p) => `${cap(p.possessive)} school attendance has fallen this term.`,
  SUBSTANCE_MISUSE: (_n, p) => `${cap(p.subject)} has come home under the influence of alcohol.`,
  CHANGE_IN_BEHAVIOUR: (_n, p) => `Carers report a change in ${p.possessive} mood and behaviour.`,
  SELF_HARM: () => 'There are concerns about self-harm.',
  MULTIPLE_PHONES_OR_SIMS: (_n, p) => `${cap(p.subject)} has been seen with more than one phone.`,
  DISCLOSURE: (_n, p) => `${cap(p.subject)} has spoken to a trusted adult about what has been happening.`,
  ASSOCIATING_WITH_KNOWN_VICTIMS: (_n, p) =>
    `${cap(p.subject)} is friends with young people already known to the CSE team.`,
  SHARING_IMAGES: (_n, p) => `${cap(p.subject)} has been asked to send images of ${p.object}self.`,
  SEXUAL_HEALTH_CLINIC_ATTENDANCE: (_n, p) =>
    `${cap(p.subject)} has attended a sexual health clinic more than once.`,
  LATE_NIGHTS_OUT: (_n, p) => `${cap(p.subject)} has been staying out late and overnight.`,
  PICKED_UP_BY_UNKNOWN_ADULTS: (_n, p) =>
    `${cap(p.subject)} has been picked up from school by unknown adults in cars.`,
  FOUND_OUT_OF_AREA: (_n, p) => `${cap(p.subject)} has been found in other towns with no explanation.`,
};

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export interface ConcernsInput {
  readonly name: string;
  readonly gender: Gender;
  readonly model: ExploitationModel;
  readonly method: ContactMethod;
  readonly indicators: readonly CseIndicator[];
  /** Short description of the first place of concern, e.g. "takeaway on a high street". */
  readonly place: string | null;
}

export function describeConcerns(rng: Rng, input: ConcernsInput): string {
  const p = pronounsFor(input.gender);
  const place = input.place ?? 'local park';
  const opening =
    input.model === 'BOYFRIEND' && rng.chance(0.5) && input.gender !== 'MALE'
      ? BOYFRIEND_OPENING
      : rng.pick(OPENINGS[input.method]);
  const sentences = [opening(input.name, p, place)];
  const followable = input.indicators.filter((i) => FOLLOW_UPS[i] !== undefined);
  if (followable.length > 0 && rng.chance(0.8))
    sentences.push(FOLLOW_UPS[rng.pick(followable)]!(input.name, p, place));
  return sentences.join(' ');
}
