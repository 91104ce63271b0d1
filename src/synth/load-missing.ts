/**
 * Missing episodes, the children's repeat-missing facts and suspects' disposals, as the missing module and
 * the police would have recorded them. Pure (no I/O): the loader writes the rows.
 *
 * An episode sits on the registry person of the child's first referral. The child's facts are set on every
 * registry person of the child (a child intake split in two carries them on both), worked out from all the
 * child's episodes in the period with the missing module's own rules: `repeat_missing` when a run of N
 * episodes within the window began in the period (`repeatMissingTriggeredBy`), `repeat_missing_since` the
 * start of the latest run, `missing_more_than_once` when there was more than one episode.
 */
import type {
  FoundWithBulkRow,
  MashTaskBulkRow,
  MissingEpisodeBulkRow,
  ReturnInterviewBulkRow,
} from '../missing/bulk-store.ts';
import { DEFAULT_REPEAT_MISSING_RULE, episodesInWindow } from '../missing/repeat-missing.ts';
import type { DisposalBulkRow } from '../pursue/bulk-store.ts';
import { CHILDRENS_HOMES } from './childrens-homes.ts';
import { personsByTrueId } from './load-mash.ts';
import type { ChunkIdentity } from './load-plan.ts';
import { stableUuid } from './load-plan.ts';
import type { ChunkRows } from './load-plan-rows.ts';
import { agencyByCode } from './partnership.ts';
import { createRng } from './random.ts';
import type { MissingEpisode, PopulationChunk } from './types.ts';

const HOUR = 3_600_000;

export const REPEAT_MISSING_TASK = 'REPEAT_MISSING_STRATEGY_DISCUSSION';

export interface PlacementRow {
  code: string;
  name: string;
  kind: string;
  area: string;
  postcode: string;
  agencyCode: string | null;
}

export interface MissingFlagRow {
  personId: string;
  repeatMissing: boolean;
  repeatMissingSince: string | null;
  missingMoreThanOnce: boolean;
}

export interface MissingRows {
  episodes: MissingEpisodeBulkRow[];
  foundWith: FoundWithBulkRow[];
  interviews: ReturnInterviewBulkRow[];
  tasks: MashTaskBulkRow[];
}

/** The children's homes as placements (reference data): the council runs its own, the rest are private. */
export function placementRows(): PlacementRow[] {
  const council = { LANCASHIRE: 'LCC-CSC', BLACKBURN_WITH_DARWEN: 'BWD-CSC', BLACKPOOL: 'BPL-CSC' } as const;
  return CHILDRENS_HOMES.map((h) => ({
    code: h.code,
    name: h.name,
    kind: 'RESIDENTIAL_CHILDRENS_HOME',
    area: h.area,
    postcode: h.postcode,
    agencyCode: h.provider === 'LOCAL_AUTHORITY' ? council[h.area] : null,
  }));
}

const FROM_KIND: Record<MissingEpisode['from']['kind'], MissingEpisodeBulkRow['fromKind']> = {
  FAMILY_HOME: 'HOME',
  KINSHIP_PLACEMENT: 'HOME',
  FOSTER_PLACEMENT: 'PLACEMENT',
  CHILDRENS_HOME: 'PLACEMENT',
  OTHER: 'OTHER',
};

const TYPE: Record<MissingEpisode['type'], string> = {
  MISSING: 'MISSING',
  ABSENT: 'ABSENT',
  MISSING_FROM_CARE: 'MISSING_FROM_CARE',
  AWAY_WITHOUT_AUTHORISATION: 'AWAY_FROM_PLACEMENT_WITHOUT_AUTHORISATION',
};

const REPORTED_BY: Record<MissingEpisode['reportedByKind'], string> = {
  PARENT_OR_CARER: 'Parent or carer',
  FOSTER_CARER: 'Foster carer',
  RESIDENTIAL_STAFF: 'Residential staff',
  SCHOOL: 'School',
  OTHER: 'Other',
};

const CIRCUMSTANCES: Record<MissingEpisodeBulkRow['fromKind'], readonly string[]> = {
  HOME: [
    'Did not come home at the agreed time and could not be contacted.',
    'Left home after an argument and did not return.',
    'Did not return from school; phone switched off.',
  ],
  PLACEMENT: [
    'Did not return to the placement at the agreed time.',
    'Left the placement during the evening without permission.',
  ],
  OTHER: ['Not seen at the accommodation since the evening before.'],
};

/** The registry person each true child's episodes and tasks sit on: the person of their first referral. */
function mainPersonOf(chunk: PopulationChunk, rows: ChunkRows): (trueId: string) => string | undefined {
  const byTrueId = personsByTrueId(rows);
  const first = new Map<string, string>();
  const generated = new Map(chunk.victimReferrals.map((v) => [v.reference, v] as const));
  // rows.victimReferrals are in order of receipt.
  for (const r of rows.victimReferrals) {
    const trueId = generated.get(r.reference)?.childTrueId;
    if (trueId && !first.has(trueId)) first.set(trueId, r.personId);
  }
  return (trueId) => first.get(trueId) ?? byTrueId.get(trueId)?.[0];
}

/**
 * Onsets of repeat missing (the episodes at which a run begins) under the missing module's rule. Taken in
 * order of report, an episode starts a run exactly when the rule's window ending at it holds N − 1 earlier
 * episodes: what `repeatMissingTriggeredBy` decides for the latest episode, with each window measured once
 * rather than once for every earlier episode (the window is on the London wall clock, which is costly).
 */
function onsets(episodes: readonly MissingEpisode[]): MissingEpisode[] {
  const sorted = [...episodes].sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
  const starts = sorted.map((e) => new Date(e.reportedAt));
  const rule = DEFAULT_REPEAT_MISSING_RULE;
  return sorted.filter(
    (_, i) => episodesInWindow(starts.slice(0, i), starts[i]!, rule) === rule.episodes - 1,
  );
}

/**
 * Each child's episodes with the onsets of repeat missing among them, worked out once a chunk: the rule
 * measures its window on the London wall clock, which is costly, and the MASH, missing and flags parts
 * all ask.
 */
const childrenEpisodes = new WeakMap<
  PopulationChunk,
  Map<string, { episodes: MissingEpisode[]; onsets: MissingEpisode[] }>
>();

function episodesByChild(
  chunk: PopulationChunk,
): Map<string, { episodes: MissingEpisode[]; onsets: MissingEpisode[] }> {
  const known = childrenEpisodes.get(chunk);
  if (known) return known;
  const grouped = new Map<string, MissingEpisode[]>();
  for (const e of chunk.missingEpisodes)
    grouped.set(e.childTrueId, [...(grouped.get(e.childTrueId) ?? []), e]);
  const out = new Map(
    [...grouped].map(([trueId, episodes]) => [trueId, { episodes, onsets: onsets(episodes) }]),
  );
  childrenEpisodes.set(chunk, out);
  return out;
}

/** True children who were repeat missing in the period (for the risk tool's missing indicator). */
export function repeatMissingChildren(chunk: PopulationChunk): Set<string> {
  const out = new Set<string>();
  for (const [trueId, child] of episodesByChild(chunk)) if (child.onsets.length > 0) out.add(trueId);
  return out;
}

/** The facts of every registry person of a child who went missing (children never missing keep the defaults). */
export function planMissingFlags(chunk: PopulationChunk, rows: ChunkRows): MissingFlagRow[] {
  const persons = personsByTrueId(rows);
  const out: MissingFlagRow[] = [];
  for (const [trueId, { episodes, onsets: runs }] of episodesByChild(chunk)) {
    for (const personId of persons.get(trueId) ?? []) {
      out.push({
        personId,
        repeatMissing: runs.length > 0,
        repeatMissingSince: runs.length > 0 ? runs[runs.length - 1]!.reportedAt : null,
        missingMoreThanOnce: episodes.length > 1,
      });
    }
  }
  return out;
}

export function planMissing(
  chunk: PopulationChunk,
  identity: ChunkIdentity,
  rows: ChunkRows,
  agencyIds: ReadonlyMap<string, string>,
  asOfMs: number,
): MissingRows {
  const uuid = (kind: string, id: string) => stableUuid(rows.chunkKey, kind, id);
  const agencyId = (code: string) => {
    const id = agencyIds.get(code);
    if (!id) throw new Error(`agency ${code} is not in the database: load the demo partnership first`);
    return id;
  };
  const mainPerson = mainPersonOf(chunk, rows);
  const persons = personsByTrueId(rows);
  const people = new Map(chunk.people.map((p) => [p.trueId, p] as const));
  const homes = new Map(CHILDRENS_HOMES.map((h) => [h.code, h] as const));
  const out: MissingRows = { episodes: [], foundWith: [], interviews: [], tasks: [] };

  for (const e of chunk.missingEpisodes) {
    const personId = mainPerson(e.childTrueId);
    const child = people.get(e.childTrueId);
    if (!personId || !child) throw new Error(`missing episode ${e.episodeId} has no loaded child`);
    const rng = createRng(identity.seed, 'load-missing', e.episodeId);
    const id = uuid('missing_episode', e.episodeId);
    const reportedMs = Date.parse(e.reportedAt);
    const returnedMs = Date.parse(e.returnedAt);
    // A child who comes home after "now" is still missing: no return, no interview yet.
    const stillMissing = returnedMs >= asOfMs;
    const fromKind = FROM_KIND[e.from.kind];
    const home = e.from.childrensHomeCode ? homes.get(e.from.childrensHomeCode) : undefined;
    const reporter = REPORTED_BY[e.reportedByKind];
    out.episodes.push({
      id,
      personId,
      type: TYPE[e.type],
      fromKind,
      placementCode: home?.code ?? null,
      fromPostcode: e.from.postcode || null,
      reportedAt: e.reportedAt,
      reportedByAgencyId: agencyId(e.reportedByAgencyCode),
      reportedByLabel: home ? `${reporter}, ${home.name}` : reporter,
      recordedByLabel:
        e.reportedByAgencyCode === 'POL'
          ? 'Missing from Home Coordinators, Lancashire Constabulary (demo)'
          : agencyByCode(e.reportedByAgencyCode).name,
      lastSeenAt: new Date(reportedMs - rng.int(1, 6) * HOUR).toISOString(),
      returnedAt: stillMissing ? null : e.returnedAt,
      foundWhere: stillMissing ? null : e.foundWhere,
      foundPostcode: stillMissing ? null : e.foundPostcode,
      circumstances: rng.pick(CIRCUMSTANCES[fromKind]),
      exploitationSuspected: e.exploitationSuspected,
      riskGrade: e.riskGrade,
      area: child.area,
      externalRef: e.episodeId,
    });
    if (!stillMissing && e.withWhom.trueId && (e.withWhom.kind === 'PEER' || e.withWhom.kind === 'SUSPECT')) {
      const withId = persons.get(e.withWhom.trueId)?.[0];
      if (withId && withId !== personId)
        out.foundWith.push({
          episodeId: id,
          personId: withId,
          relation: e.withWhom.kind === 'PEER' ? 'Peer' : 'Adult of concern',
        });
    }
    const rhi = e.returnHomeInterview;
    if (stillMissing) continue;
    // Nothing is recorded after "now": a child who came home in the last days was offered an interview
    // that is still due (the missing service's due list holds only recent returns).
    const offeredMs = Math.min(returnedMs + rng.int(2, 20) * HOUR, Math.max(returnedMs, asOfMs - 60_000));
    const completedMs = rhi.completedAt ? Date.parse(rhi.completedAt) : null;
    const respondedMs = completedMs
      ? Math.min(completedMs, offeredMs + rng.int(1, 24) * HOUR)
      : offeredMs + rng.int(1, 24) * HOUR;
    const responded = rhi.response !== null && Math.max(respondedMs, offeredMs) < asOfMs;
    const completed = completedMs !== null && completedMs < asOfMs;
    const disclosed = Boolean(rhi.completedAt) && e.exploitationSuspected && rng.chance(0.4);
    out.interviews.push({
      episodeId: id,
      offered: rhi.offered,
      offeredAt: rhi.offered ? new Date(offeredMs).toISOString() : null,
      notOfferedReason: rhi.offered ? null : rhi.notOfferedReason,
      notOfferedByLabel: rhi.offered ? null : 'Return Home Interviews, Safe Return Interview Service (demo)',
      notOfferedAt: rhi.offered ? null : new Date(Math.min(returnedMs + 24 * HOUR, offeredMs)).toISOString(),
      response: responded ? rhi.response : null,
      respondedAt: responded ? new Date(Math.max(respondedMs, offeredMs)).toISOString() : null,
      completedAt: completed ? rhi.completedAt : null,
      byAgencyId: rhi.byAgencyCode ? agencyId(rhi.byAgencyCode) : null,
      byName: rhi.byAgencyCode ? 'Return home interview worker' : null,
      disclosures:
        completed && disclosed
          ? 'Spoke about spending time with older people; details passed to the MASH.'
          : null,
      recordedByLabel: 'Return Home Interviews, Safe Return Interview Service (demo)',
    });
  }

  // A strategy discussion task at every onset of repeat missing, done by the MASH within two days.
  for (const [trueId, missing] of episodesByChild(chunk)) {
    const personId = mainPerson(trueId);
    const child = people.get(trueId);
    if (!personId || !child) continue;
    for (const onset of missing.onsets) {
      const createdMs = Date.parse(onset.reportedAt);
      const doneMs = createdMs + 2 * 24 * HOUR;
      const done = doneMs < asOfMs;
      out.tasks.push({
        id: uuid('mash_task', onset.episodeId),
        personId,
        area: child.area,
        description:
          'Repeat missing: 3 or more missing episodes within 90 days. ' +
          'Hold a strategy discussion about the child’s safety and the risk of exploitation.',
        sourceEpisodeId: uuid('missing_episode', onset.episodeId),
        createdAt: onset.reportedAt,
        doneAt: done ? new Date(doneMs).toISOString() : null,
        doneByLabel: done ? `MASH manager` : null,
      });
    }
  }
  return out;
}

export function planDisposals(chunk: PopulationChunk, rows: ChunkRows): DisposalBulkRow[] {
  const uuid = (kind: string, id: string) => stableUuid(rows.chunkKey, kind, id);
  const persons = personsByTrueId(rows);
  const suspectReferral = new Map(rows.suspectReferrals.map((s) => [s.reference, s] as const));
  return chunk.disposals.map((d) => {
    const referral = suspectReferral.get(d.suspectReferralRef);
    const personId = referral?.personId ?? persons.get(d.suspectTrueId)?.[0];
    if (!personId) throw new Error(`disposal ${d.disposalId} has no loaded suspect`);
    return {
      id: uuid('disposal', d.disposalId),
      personId,
      suspectReferralId: referral?.id ?? null,
      type: d.type,
      disposedAt: d.date,
      sentenceMonths: d.sentenceMonths,
      orderYears: d.orderYears,
      expiresOn: d.expiresOn,
      childPersonId: d.childTrueId ? (persons.get(d.childTrueId)?.[0] ?? null) : null,
      recordedByLabel: 'Lancashire Constabulary (demo)',
    };
  });
}
