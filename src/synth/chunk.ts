/**
 * One chunk of the population: a complete, self-contained slice (a scale-1 partnership's six months, or a
 * fraction of one, or more months) with its own children, suspects, referrals and episodes. Chunks are
 * generated independently from (seed, chunk index), which keeps memory flat at scale 100 and makes chunk 0
 * of every scale the same.
 */

import { base, en, en_GB, Faker } from '@faker-js/faker';
import { planAssociates } from './associates.ts';
import { type Period, utcMsToUkLocal } from './calendar.ts';
import { type ChildPlan, planChildren } from './children.ts';
import { describeConcerns } from './concerns.ts';
import { generateDisposals } from './disposals.ts';
import { PEOPLE_PER_CHUNK_LIMIT } from './identifiers.ts';
import { ids } from './ids.ts';
import { generateMissingEpisodes } from './missing-episodes.ts';
import { buildNetwork } from './network.ts';
import { assessmentFactorsFor, assignOutcomes, decisionTime, ragFor, urgencyFor } from './outcomes.ts';
import { agencyByCode, areaByCode } from './partnership.ts';
import type { DivisionCode } from './partnership-types.ts';
import { generatePlaces } from './places.ts';
import { createRng } from './random.ts';
import { drawReferralDetails, inListOrder, type ReferralDetails } from './referral-details.ts';
import { chooseReferrer, PractitionerPool, type Referrer } from './referrers.ts';
import { fullRecord, type RecordMaker, suspectAsNamedByReferrer } from './source-records.ts';
import { linkSuspects, linkTypeFor } from './suspect-links.ts';
import { generateSuspectReferrals, type SuspectLinkFact } from './suspect-referrals.ts';
import { planSuspects } from './suspects.ts';
import { arrivalMoment, type Moment, spacedArrivals, workingDaysIn } from './timing.ts';
import type { PlaceOfConcern, PopulationChunk, SourceRecord, VictimReferral } from './types.ts';

/** Source records per referred child across agencies, on average. */
const SOURCE_RECORDS_PER_CHILD = 1.6;
/** Share of victim referrals arriving outside working hours. */
const OUT_OF_HOURS_SHARE = 0.15;
/** Unreferred peers per referred child. */
const ASSOCIATES_PER_CHILD = 0.1;

export interface ChunkSpec {
  readonly seed: number;
  readonly chunkIndex: number;
  readonly period: Period;
  /** Six-month scale-1 partnerships this chunk stands for (fraction of a partnership × months / 6). */
  readonly factor: number;
}

interface Draft {
  readonly child: ChildPlan;
  readonly received: Moment;
  readonly referrer: Referrer;
  readonly details: ReferralDetails;
  readonly childRecord: SourceRecord;
}

export function generateChunk(spec: ChunkSpec): PopulationChunk {
  const { seed, chunkIndex, period, factor } = spec;
  const stream = (name: string) => createRng(seed, chunkIndex, name);
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed([seed, chunkIndex]);
  let recordCount = 0;
  const maker: RecordMaker = {
    rng: stream('records'),
    nextId: () => ids.sourceRecord(chunkIndex, recordCount++),
  };
  const practitioners = new PractitionerPool(stream('practitioners'), faker);
  const workingDays = workingDaysIn(period);

  const places = generatePlaces(stream('places'), chunkIndex);
  const placesByDivision = new Map<DivisionCode, PlaceOfConcern[]>();
  for (const p of places) placesByDivision.set(p.division, [...(placesByDivision.get(p.division) ?? []), p]);

  const children = planChildren({
    rng: stream('children'),
    faker,
    chunkIndex,
    period,
    factor,
    firstLocalIndex: 0,
  });

  // Victim referrals: when, from whom, about what.
  const timingRng = stream('referral-timing');
  const scheduled = children
    .flatMap((child) =>
      spacedArrivals(timingRng, period, workingDays, child.referralCount, 7, OUT_OF_HOURS_SHARE).map(
        (received) => ({
          child,
          received,
        }),
      ),
    )
    .sort(
      (a, b) =>
        a.received.utcMs - b.received.utcMs || a.child.person.trueId.localeCompare(b.child.person.trueId),
    );
  if (scheduled.length >= 10_000)
    throw new Error('too many victim referrals in one chunk for the reference scheme');
  const detailRng = stream('referral-details');
  const drafts: Draft[] = scheduled.map(({ child, received }) => {
    const referrer = chooseReferrer(detailRng, practitioners, child);
    return {
      child,
      received,
      referrer,
      details: drawReferralDetails(detailRng, child, placesByDivision.get(child.person.division) ?? []),
      childRecord: fullRecord(maker, child.person, referrer.agency, received.utcMs, received.day),
    };
  });
  const references = drafts.map((d, n) =>
    ids.victimReferral(new Date(d.received.utcMs).getUTCFullYear(), chunkIndex, n),
  );

  const outcomeRng = stream('outcomes');
  const outcomes = assignOutcomes(
    outcomeRng,
    drafts.map((d) => ({ child: d.child, category: d.details.category, indicators: d.details.indicators })),
    factor,
  );

  // Suspects, named in victim referrals.
  const referralsByDivision: Record<DivisionCode, number> = { EAST: 0, SOUTH: 0, WEST: 0 };
  for (const d of drafts) referralsByDivision[d.child.person.division]++;
  const suspects = planSuspects({
    rng: stream('suspects'),
    faker,
    chunkIndex,
    period,
    factor,
    firstLocalIndex: children.length,
    referralsByDivision,
  });
  const linkRng = stream('suspect-links');
  const linked = linkSuspects(
    linkRng,
    drafts.map((d) => ({
      childTrueId: d.child.person.trueId,
      division: d.child.person.division,
      model: d.details.model,
      contactMethod: d.details.contactMethod,
      category: d.details.category,
    })),
    suspects,
  );
  const namedRecords: SourceRecord[] = [];
  const linksBySuspect = new Map<string, SuspectLinkFact[]>();
  const suspectRecordIds = drafts.map((d, n) =>
    linked[n]!.map((i) => {
      const suspect = suspects[i]!;
      const record = suspectAsNamedByReferrer(
        maker,
        suspect.person,
        d.referrer.agency,
        d.received.utcMs,
        d.received.day,
      );
      namedRecords.push(record);
      const facts = linksBySuspect.get(suspect.person.trueId) ?? [];
      facts.push({
        childTrueId: d.child.person.trueId,
        childSourceRecordId: d.childRecord.sourceRecordId,
        linkType: linkTypeFor(linkRng, suspect, {
          childTrueId: d.child.person.trueId,
          division: d.child.person.division,
          model: d.details.model,
          contactMethod: d.details.contactMethod,
          category: d.details.category,
        }),
        victimReferralRef: references[n]!,
        receivedMs: d.received.utcMs,
      });
      linksBySuspect.set(suspect.person.trueId, facts);
      return record.sourceRecordId;
    }),
  );
  const suspectTrueIds = linked.map((list) => list.map((i) => suspects[i]!.person.trueId));

  // The victim network.
  const associateRng = stream('associates');
  const associates = planAssociates(
    associateRng,
    faker,
    chunkIndex,
    period,
    children.length + suspects.length,
    Array.from(
      { length: Math.round(children.length * ASSOCIATES_PER_CHILD) },
      () => associateRng.pick(children).person.division,
    ),
  );
  const peopleCount = children.length + suspects.length + associates.length;
  if (peopleCount > PEOPLE_PER_CHUNK_LIMIT) throw new Error('too many people in one chunk for the id scheme');
  const network = buildNetwork(
    stream('network'),
    drafts.map((d, n) => ({
      child: d.child,
      division: d.child.person.division,
      introducedByThirdParty: d.details.contactMethod === 'THIRD_PARTY_INTRODUCTION',
      suspectTrueIds: suspectTrueIds[n]!,
    })),
    children,
    associates,
  );
  const childIds = new Set(children.map((c) => c.person.trueId));

  // Finish the referrals.
  const finishRng = stream('referral-finish');
  const victimReferrals: VictimReferral[] = drafts.map((d, n) => {
    const person = d.child.person;
    const indicators = new Set(d.details.indicators);
    const knowsVictims = (network.peersOf.get(person.trueId) ?? []).some((id) => childIds.has(id));
    if (knowsVictims && finishRng.chance(0.6)) indicators.add('ASSOCIATING_WITH_KNOWN_VICTIMS');
    const ordered = inListOrder(indicators);
    const outcome = outcomes[n]!;
    const ragRating = ragFor(finishRng, outcome);
    return {
      reference: references[n]!,
      receivedAt: new Date(d.received.utcMs).toISOString(),
      outOfHours: d.received.outOfHours,
      referringAgencyCode: d.referrer.agency.code,
      referringTeamCode: d.referrer.teamCode,
      referrerName: d.referrer.name,
      referrerRole: d.referrer.role,
      cinReferralSource: d.referrer.cinSource,
      childSourceRecordId: d.childRecord.sourceRecordId,
      exploitationType: d.details.exploitationType,
      category: d.details.category,
      concerns: describeConcerns(finishRng, {
        name: d.childRecord.forename ?? person.forename,
        gender: person.gender,
        model: d.details.model,
        method: d.details.contactMethod,
        indicators: ordered,
        place: d.details.places[0]?.kind ?? null,
      }),
      indicators: ordered,
      model: d.details.model,
      contactMethod: d.details.contactMethod,
      suspectSourceRecordIds: suspectRecordIds[n]!,
      placesOfConcern: d.details.places.map((p) => ({
        placeId: p.placeId,
        description: p.description,
        postcode: p.postcode,
      })),
      consent: d.details.consent,
      urgency: urgencyFor(finishRng, ragRating),
      area: person.area,
      division: person.division,
      mashTeamCode: areaByCode(person.area).mashTeamCode,
      childTrueId: person.trueId,
      suspectTrueIds: suspectTrueIds[n]!,
      introducedByTrueId: network.introducedBy[n] ?? null,
      outcome,
      assessmentFactors: assessmentFactorsFor(
        finishRng,
        outcome,
        d.child,
        d.details.exploitationType,
        ordered,
      ),
      ragRating,
      decidedAt: new Date(decisionTime(finishRng, d.received, ragRating)).toISOString(),
    };
  });

  // Suspect referrals and what happened to suspects.
  const suspectReferralOutput = generateSuspectReferrals(
    stream('suspect-referrals'),
    maker,
    practitioners,
    chunkIndex,
    period,
    factor,
    suspects,
    linksBySuspect,
  );
  const peopleById = new Map(children.map((c) => [c.person.trueId, c.person] as const));
  const disposals = generateDisposals(
    stream('disposals'),
    chunkIndex,
    period,
    factor,
    suspects
      .filter((s) => suspectReferralOutput.firstBySuspect.has(s.person.trueId))
      .map((s) => ({
        suspect: s,
        firstReferral: suspectReferralOutput.firstBySuspect.get(s.person.trueId)!,
        children: [...new Set((linksBySuspect.get(s.person.trueId) ?? []).map((l) => l.childTrueId))].map(
          (id) => peopleById.get(id)!,
        ),
      })),
  );

  // Missing episodes.
  const suspectsOf = new Map<string, string[]>();
  const referralDaysOf = new Map<string, number[]>();
  // The drafts are in order of receipt, so each child's days come earliest first.
  for (const d of drafts)
    referralDaysOf.set(d.child.person.trueId, [
      ...(referralDaysOf.get(d.child.person.trueId) ?? []),
      d.received.day,
    ]);
  for (const r of victimReferrals) {
    suspectsOf.set(r.childTrueId, [
      ...new Set([...(suspectsOf.get(r.childTrueId) ?? []), ...r.suspectTrueIds]),
    ]);
  }
  const missingEpisodes = generateMissingEpisodes(
    stream('missing'),
    chunkIndex,
    period,
    children,
    {
      suspectsOf,
      peersOf: network.peersOf,
      placesByDivision,
      referralDaysOf,
    },
    0,
  );

  const extraRecords = extraChildRecords(
    stream('extra-records'),
    maker,
    spec,
    children,
    drafts,
    missingEpisodes,
    workingDays,
  );

  return {
    chunkIndex,
    people: [...children.map((c) => c.person), ...suspects.map((s) => s.person), ...associates],
    sourceRecords: [
      ...drafts.map((d) => d.childRecord),
      ...namedRecords,
      ...suspectReferralOutput.sourceRecords,
      ...extraRecords,
    ],
    places,
    victimReferrals,
    suspectReferrals: suspectReferralOutput.referrals,
    disposals,
    missingEpisodes,
    relationships: network.relationships,
  };
}

/**
 * Records agencies hold beyond the referrals themselves (a police record from a missing report, a health
 * or school record found in MASH research), bringing the average to SOURCE_RECORDS_PER_CHILD.
 */
function extraChildRecords(
  rng: ReturnType<typeof createRng>,
  maker: RecordMaker,
  spec: ChunkSpec,
  children: readonly ChildPlan[],
  drafts: readonly Draft[],
  missingEpisodes: PopulationChunk['missingEpisodes'],
  workingDays: readonly number[],
): SourceRecord[] {
  const target = Math.round(children.length * SOURCE_RECORDS_PER_CHILD) - drafts.length;
  const policeRecorded = new Set(
    drafts.filter((d) => d.referrer.agency.type === 'POLICE').map((d) => d.child.person.trueId),
  );
  const firstMissing = new Map<string, number>();
  for (const e of missingEpisodes) {
    if (!firstMissing.has(e.childTrueId)) firstMissing.set(e.childTrueId, Date.parse(e.reportedAt));
  }
  const out: SourceRecord[] = [];
  const order = rng.shuffle(children);
  for (let i = 0; out.length < target && order.length > 0; i++) {
    const child = order[i % order.length]!;
    const person = child.person;
    const missingMs = firstMissing.get(person.trueId);
    if (missingMs !== undefined && !policeRecorded.has(person.trueId)) {
      policeRecorded.add(person.trueId);
      out.push(fullRecord(maker, person, agencyByCode('POL'), missingMs, utcMsToUkLocal(missingMs).day));
      continue;
    }
    const at = arrivalMoment(rng, spec.period, workingDays, 0.05);
    const agencyCode = rng.weighted<string>([
      ['NHS-LSC', 40],
      [person.schoolCode ?? 'NHS-LSC', 30],
      [areaByCode(person.area).councilAgencyCode, 20],
      ['POL', 10],
    ]);
    out.push(fullRecord(maker, person, agencyByCode(agencyCode), at.utcMs, at.day));
  }
  return out;
}
