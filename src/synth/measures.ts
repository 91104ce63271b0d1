/**
 * The briefing's figures measured on a generated population, so that calibration tests and the
 * generator's own report use one definition of each. Pure counting; nothing here generates.
 */

import { isRepeatMissing as isRepeatMissingAt } from '../missing/repeat-missing.ts';
import { ethnicGroupOf, isInCare } from '../platform/codes/people.ts';
import type { ContactMethod, ExploitationModel, SuspectRole } from '../platform/codes/referral.ts';
import { isOnlineContact } from '../platform/codes/referral.ts';
import { ageOn, dayNumber, utcMsToUkLocal } from './calendar.ts';
import type { DivisionCode } from './partnership-types.ts';
import type { MissingEpisode, Person, PopulationChunk } from './types.ts';

type Measurable = Omit<PopulationChunk, 'chunkIndex'>;

const DAY_MS = 86_400_000;

/** Three or more episodes reported within any rolling 90 days (the default local rule). */
export function isRepeatMissing(episodes: readonly MissingEpisode[], count = 3, days = 90): boolean {
  const times = episodes.map((e) => Date.parse(e.reportedAt)).sort((a, b) => a - b);
  for (let i = 0; i + count - 1 < times.length; i++) {
    if (times[i + count - 1]! - times[i]! <= days * DAY_MS) return true;
  }
  return false;
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export interface CalibrationFigures {
  victimReferrals: number;
  distinctChildren: number;
  childrenReferredMoreThanOnce: number;
  referralsFromRepeatChildren: number;
  repeatChildrenReferralShare: number;
  femaleChildShare: number;
  whiteChildShare: number;
  femaleReferralShare: number;
  whiteReferralShare: number;
  age13to15ReferralShare: number;
  minAge: number;
  maxAge: number;
  familyHomeReferralShare: number;
  inCareReferralShare: number;
  camhsReferralShare: number;
  outcomes: Record<string, number>;
  childrenWithS20: number;
  childrenWithS31: number;
  suspectReferrals: number;
  distinctSuspectsLinked: number;
  femaleSuspectShare: number;
  femaleSuspectRoles: Record<string, number>;
  suspectEthnicityShare: Record<string, number>;
  asianShareByDivision: Record<DivisionCode, number>;
  contactMethods: Record<ContactMethod, number>;
  onlineContactShare: number;
  models: Record<ExploitationModel, number>;
  /** Children repeat missing at any time in the period, counted on every referral of theirs. */
  repeatMissingReferralShare: number;
  missingMoreThanOnceReferralShare: number;
  /** As the briefing counts them (decision 0025): the child's episodes started by the referral's receipt. */
  repeatMissingAtReferralShare: number;
  missingMoreThanOnceAtReferralShare: number;
  episodesPerChildByLivingSituation: Record<string, number>;
  convictionYears: number;
  convictions: number;
  sourceRecordsPerChild: number;
  relationships: Record<string, number>;
}

export function measure(population: Measurable): CalibrationFigures {
  const refs = population.victimReferrals;
  const people = new Map<string, Person>(population.people.map((p) => [p.trueId, p]));
  const childOf = (r: (typeof refs)[number]): Person => people.get(r.childTrueId)!;
  const perChild = countBy(refs, (r) => r.childTrueId);
  const childIds = Object.keys(perChild);
  const repeatChildren = childIds.filter((id) => perChild[id]! > 1);
  const children = childIds.map((id) => people.get(id)!);

  const episodesByChild = new Map<string, MissingEpisode[]>();
  for (const e of population.missingEpisodes) {
    episodesByChild.set(e.childTrueId, [...(episodesByChild.get(e.childTrueId) ?? []), e]);
  }
  const startsBefore = (r: (typeof refs)[number]): Date[] =>
    (episodesByChild.get(r.childTrueId) ?? [])
      .map((e) => new Date(e.reportedAt))
      .filter((t) => t.getTime() <= Date.parse(r.receivedAt));
  const ageAtReferral = (r: (typeof refs)[number]): number =>
    ageOn(childOf(r).dob, utcMsToUkLocal(Date.parse(r.receivedAt)).day);
  const ages = refs.map(ageAtReferral);

  const outcomes = countBy(refs, (r) => r.outcome);
  const childrenWith = (outcome: string): number =>
    new Set(refs.filter((r) => r.outcome === outcome).map((r) => r.childTrueId)).size;

  const suspectRefs = population.suspectReferrals;
  const linkedSuspects = new Set(refs.flatMap((r) => r.suspectTrueIds));
  const suspects = [...linkedSuspects].map((id) => people.get(id)!);
  const femaleSuspects = suspects.filter((s) => s.gender === 'FEMALE');
  const femaleRoleCounts = countBy(
    suspectRefs.filter((r) => r.gender === 'FEMALE'),
    (r) => r.role as SuspectRole,
  );
  const ethnicityCounts = countBy(suspectRefs, (r) => r.ethnicity);
  const suspectEthnicityShare = Object.fromEntries(
    Object.entries(ethnicityCounts).map(([k, v]) => [k, share(v, suspectRefs.length)]),
  );
  const asianShareByDivision = Object.fromEntries(
    (['EAST', 'SOUTH', 'WEST'] as const).map((d) => {
      const inDivision = suspectRefs.filter((r) => r.division === d);
      return [
        d,
        share(inDivision.filter((r) => ethnicGroupOf(r.ethnicity) === 'ASIAN').length, inDivision.length),
      ];
    }),
  ) as Record<DivisionCode, number>;

  const episodesPerChildByLivingSituation: Record<string, number> = {};
  const byLiving = countBy(children, (c) => c.livingSituation);
  for (const [living, n] of Object.entries(byLiving)) {
    const episodes = children
      .filter((c) => c.livingSituation === living)
      .reduce((sum, c) => sum + (episodesByChild.get(c.trueId)?.length ?? 0), 0);
    episodesPerChildByLivingSituation[living] = episodes / n;
  }

  const convictions = population.disposals.filter((d) => d.type === 'CONVICTION');
  const childRecords = population.sourceRecords.filter((s) => s.subjectRole === 'CHILD');

  return {
    victimReferrals: refs.length,
    distinctChildren: childIds.length,
    childrenReferredMoreThanOnce: repeatChildren.length,
    referralsFromRepeatChildren: repeatChildren.reduce((sum, id) => sum + perChild[id]!, 0),
    repeatChildrenReferralShare: share(
      repeatChildren.reduce((sum, id) => sum + perChild[id]!, 0),
      refs.length,
    ),
    femaleChildShare: share(children.filter((c) => c.gender === 'FEMALE').length, children.length),
    whiteChildShare: share(
      children.filter((c) => ethnicGroupOf(c.ethnicity) === 'WHITE').length,
      children.length,
    ),
    femaleReferralShare: share(refs.filter((r) => childOf(r).gender === 'FEMALE').length, refs.length),
    whiteReferralShare: share(
      refs.filter((r) => ethnicGroupOf(childOf(r).ethnicity) === 'WHITE').length,
      refs.length,
    ),
    age13to15ReferralShare: share(ages.filter((a) => a >= 13 && a <= 15).length, refs.length),
    minAge: Math.min(...ages),
    maxAge: Math.max(...ages),
    familyHomeReferralShare: share(
      refs.filter((r) => childOf(r).livingSituation === 'FAMILY_HOME').length,
      refs.length,
    ),
    inCareReferralShare: share(refs.filter((r) => isInCare(childOf(r).livingSituation)).length, refs.length),
    camhsReferralShare: share(refs.filter((r) => childOf(r).camhsContact).length, refs.length),
    outcomes,
    childrenWithS20: childrenWith('S20'),
    childrenWithS31: childrenWith('S31'),
    suspectReferrals: suspectRefs.length,
    distinctSuspectsLinked: linkedSuspects.size,
    femaleSuspectShare: share(femaleSuspects.length, suspects.length),
    femaleSuspectRoles: femaleRoleCounts,
    suspectEthnicityShare,
    asianShareByDivision,
    contactMethods: countBy(refs, (r) => r.contactMethod) as Record<ContactMethod, number>,
    onlineContactShare: share(refs.filter((r) => isOnlineContact(r.contactMethod)).length, refs.length),
    models: countBy(refs, (r) => r.model) as Record<ExploitationModel, number>,
    repeatMissingReferralShare: share(
      refs.filter((r) => isRepeatMissing(episodesByChild.get(r.childTrueId) ?? [])).length,
      refs.length,
    ),
    missingMoreThanOnceReferralShare: share(
      refs.filter((r) => (episodesByChild.get(r.childTrueId)?.length ?? 0) > 1).length,
      refs.length,
    ),
    repeatMissingAtReferralShare: share(
      refs.filter((r) => isRepeatMissingAt(startsBefore(r), new Date(r.receivedAt))).length,
      refs.length,
    ),
    missingMoreThanOnceAtReferralShare: share(
      refs.filter((r) => startsBefore(r).length > 1).length,
      refs.length,
    ),
    episodesPerChildByLivingSituation,
    convictionYears: convictions.reduce((sum, d) => sum + (d.sentenceMonths ?? 0), 0) / 12,
    convictions: convictions.length,
    sourceRecordsPerChild: share(childRecords.length, childIds.length),
    relationships: countBy(population.relationships, (r) => r.type),
  };
}

/** Days between two ISO dates, for tests that check order. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}
