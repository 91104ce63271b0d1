/**
 * Loads the synthetic population into the database, chunk by chunk: each chunk's people, source records,
 * addresses, referrals and links in bulk (multi-row INSERT ... SELECT FROM unnest) in one system
 * transaction, with its ground truth in `synth_truth`, and beside them the MASH's work on every referral,
 * missing episodes, the children's missing facts, disposals and the referral's division (`load-parts.ts`;
 * each only when its tables exist). Deterministic for a seed, never applied twice: a chunk (and each part
 * of it) already loaded is skipped, so an interrupted load resumes, a larger scale of the same seed
 * extends a smaller one, and a part whose tables arrived since is filled in. Run after
 * `loadDemoPartnership` (agencies must exist).
 */
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Database } from '../platform/db/database.ts';
import { systemContext, type Tx, withTransaction } from '../platform/db/transaction.ts';
import { mashWindow, planMash } from './load-mash.ts';
import {
  placementRows,
  planDisposals,
  planMissing,
  planMissingFlags,
  repeatMissingChildren,
} from './load-missing.ts';
import {
  baseKeyOf,
  bulkInserter,
  detectSchema,
  type Part,
  partKeyOf,
  partsFor,
  type Schema,
  writeDisposals,
  writeDivision,
  writeMash,
  writeMissing,
  writeMissingFlags,
  writePlacements,
} from './load-parts.ts';
import { type ChunkIdentity, type ChunkRows, chunkKeyOf, planChunk } from './load-plan.ts';
import { chunkFractions, describePopulation, generatePopulationChunks } from './population.ts';
import type { PopulationChunk } from './types.ts';

export interface LoadOptions {
  scale?: number;
  seed?: number;
  months?: number;
  /** Last day of the period (ISO date); the generator's default otherwise. */
  periodEnd?: string;
  /** Called after each chunk (loaded or skipped). */
  onProgress?: (progress: LoadProgress) => void;
  /** Rows per INSERT statement. */
  batchSize?: number;
  /**
   * Referrals received in this many working days at the end of the period stay open in the MASH (at
   * triage, research or discussion) instead of decided. 0 (the default) decides every referral, so that the
   * outcome figures are the generator's exactly; the demo uses `DEMO_OPEN_WORKING_DAYS`.
   */
  openWorkingDays?: number;
  /** Called with a line for each part skipped because its tables are not in the database. */
  onNotice?: (message: string) => void;
}

export interface LoadProgress {
  chunksDone: number;
  chunks: number;
  /** Rows written so far in this run. */
  rows: number;
}

export interface LoadCounts {
  persons: number;
  sourceRecords: number;
  addresses: number;
  victimReferrals: number;
  referralPeople: number;
  suspectReferrals: number;
  suspectChildLinks: number;
  mashEpisodes: number;
  mashDecisions: number;
  contributions: number;
  riskAssessments: number;
  missingEpisodes: number;
  disposals: number;
}

export interface LoadResult {
  /**
   * `loaded`: chunks were written (`chunksSkipped` > 0 when a part was loaded before); `already-loaded`:
   * nothing to do; `refused`: the database holds another population or referrals not made by the loader.
   */
  status: 'loaded' | 'already-loaded' | 'refused';
  message: string;
  chunks: number;
  chunksLoaded: number;
  chunksSkipped: number;
  counts: LoadCounts;
  rows: number;
  ms: number;
  /** Parts skipped because their tables are not in the database yet. */
  notices: string[];
}

const CONTEXT = 'demo-load';

function emptyCounts(): LoadCounts {
  return {
    persons: 0,
    sourceRecords: 0,
    addresses: 0,
    victimReferrals: 0,
    referralPeople: 0,
    suspectReferrals: 0,
    suspectChildLinks: 0,
    mashEpisodes: 0,
    mashDecisions: 0,
    contributions: 0,
    riskAssessments: 0,
    missingEpisodes: 0,
    disposals: 0,
  };
}

function rowsOf(c: LoadCounts): number {
  return Object.values(c).reduce((a, b) => a + b, 0);
}

export async function loadPopulation(db: Database, options: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const generate = {
    scale: options.scale,
    seed: options.seed,
    months: options.months,
    periodEnd: options.periodEnd,
  };
  const meta = describePopulation(generate);
  const fractions = chunkFractions(meta.scale);
  const identities: ChunkIdentity[] = fractions.map((fraction, chunkIndex) => ({
    seed: meta.seed,
    periodEnd: meta.periodEnd,
    months: meta.months,
    chunkIndex,
    fraction,
  }));
  const keys = identities.map(chunkKeyOf);
  const batchSize = options.batchSize ?? 1000;
  const window = mashWindow(meta.periodEnd, meta.months, options.openWorkingDays ?? 0);
  const what = `seed ${meta.seed}, scale ${meta.scale}, ${meta.months} months to ${meta.periodEnd}`;

  const state = await withTransaction(db, systemContext(CONTEXT), async (tx) => {
    const loaded = await tx.query<{ chunk_key: string }>('SELECT chunk_key FROM synth_chunk');
    const referrals = await tx.one<{ n: number }>(
      'SELECT (SELECT count(*) FROM victim_referral) + (SELECT count(*) FROM suspect_referral) AS n',
    );
    const agencies = await tx.query<{ id: string; code: string }>('SELECT id, code FROM agency');
    return {
      loaded: new Set(loaded.map((r) => r.chunk_key)),
      referrals: Number(referrals.n),
      agencyIds: new Map(agencies.map((a) => [a.code, a.id] as const)),
      schema: await detectSchema(tx),
    };
  });
  const { parts, notices } = partsFor(state.schema);
  for (const notice of notices) options.onNotice?.(notice);
  const partKeys = keys.flatMap((k) => parts.map((p) => partKeyOf(k, p)));
  const result = (status: LoadResult['status'], message: string, extra: Partial<LoadResult> = {}) => ({
    status,
    message,
    chunks: keys.length,
    chunksLoaded: 0,
    chunksSkipped: 0,
    counts: emptyCounts(),
    rows: 0,
    ms: Date.now() - started,
    notices,
    ...extra,
  });

  if ([...keys, ...partKeys].every((k) => state.loaded.has(k)))
    return result('already-loaded', `The synthetic population (${what}) is already loaded.`);
  const planned = new Set(keys);
  const foreign = [...state.loaded].filter((k) => !planned.has(baseKeyOf(k)));
  if (foreign.length > 0) {
    const loadedSeeds = [...new Set(foreign.map((k) => /\|seed=(-?\d+)\|/.exec(k)?.[1] ?? '?'))];
    return result(
      'refused',
      `Another synthetic population is already loaded (seed ${loadedSeeds.join(', ')}, ${state.loaded.size} chunks) ` +
        `and ${what} would not extend it: load into an empty database, or repeat the seed, scale and months ` +
        'it was loaded with.',
    );
  }
  if (state.loaded.size === 0 && state.referrals > 0) {
    return result(
      'refused',
      `The database already holds ${state.referrals} referrals not made by the synthetic loader: ` +
        'load the synthetic population into a database without referrals.',
    );
  }

  const counts = emptyCounts();
  let chunksDone = 0;
  let chunksLoaded = 0;
  for (const chunk of generatePopulationChunks(generate)) {
    const identity = identities[chunk.chunkIndex]!;
    const key = keys[chunk.chunkIndex]!;
    const core = !state.loaded.has(key);
    const todo = parts.filter((p) => !state.loaded.has(partKeyOf(key, p)));
    if (core || todo.length > 0) {
      const rows = planChunk(chunk, identity, state.agencyIds);
      const written = await withTransaction(db, systemContext(CONTEXT), async (tx) => {
        const c = core ? await writeChunk(tx, identity, rows, batchSize) : emptyCounts();
        if (!c) return null;
        const insert = bulkInserter(tx, batchSize);
        for (const part of todo) {
          if (!(await claim(tx, identity, partKeyOf(key, part)))) continue;
          await writePart(tx, insert, part, { chunk, identity, rows, counts: c });
        }
        return c;
      });
      if (written) {
        chunksLoaded++;
        for (const k of Object.keys(counts) as (keyof LoadCounts)[]) counts[k] += written[k];
      }
    }
    chunksDone++;
    options.onProgress?.({ chunksDone, chunks: keys.length, rows: rowsOf(counts) });
  }
  const chunksSkipped = keys.length - chunksLoaded;
  if (chunksLoaded > 0) await analyse(db, state.schema);
  await withTransaction(db, systemContext(CONTEXT), (tx) =>
    appendAuditEvent(tx, {
      action: 'SYNTHETIC_POPULATION_LOADED',
      details: {
        seed: meta.seed,
        scale: meta.scale,
        months: meta.months,
        chunksLoaded,
        chunksSkipped,
        counts,
      },
    }),
  );
  return result(
    'loaded',
    `Synthetic population loaded (${what}): ${counts.persons} people, ${counts.sourceRecords} source records, ` +
      `${counts.victimReferrals} victim referrals, ${counts.suspectReferrals} suspect referrals` +
      (chunksSkipped > 0 ? ` (${chunksSkipped} of ${keys.length} chunks were already loaded)` : '') +
      '.',
    { chunksLoaded, chunksSkipped, counts, rows: rowsOf(counts) },
  );

  async function writePart(
    tx: Tx,
    insert: ReturnType<typeof bulkInserter>,
    part: Part,
    c: { chunk: PopulationChunk; identity: ChunkIdentity; rows: ChunkRows; counts: LoadCounts },
  ): Promise<void> {
    const schema: Schema = state.schema;
    switch (part) {
      case 'mash': {
        const mash = planMash(c.chunk, c.identity, c.rows, state.agencyIds, {
          window,
          repeatMissingTrueIds: repeatMissingChildren(c.chunk),
        });
        await writeMash(insert, mash);
        c.counts.mashEpisodes += mash.episodes.length;
        c.counts.mashDecisions += mash.decisions.length;
        c.counts.contributions += mash.contributions.length;
        c.counts.riskAssessments += mash.riskAssessments.length;
        return;
      }
      case 'missing': {
        const missing = planMissing(c.chunk, c.identity, c.rows, state.agencyIds, window.asOfMs);
        await writePlacements(tx, placementRows(), state.agencyIds);
        await writeMissing(insert, missing, schema);
        c.counts.missingEpisodes += missing.episodes.length;
        return;
      }
      case 'missing-flags':
        await writeMissingFlags(insert, planMissingFlags(c.chunk, c.rows), schema);
        return;
      case 'disposals': {
        const disposals = planDisposals(c.chunk, c.rows);
        await writeDisposals(insert, disposals);
        c.counts.disposals += disposals.length;
        return;
      }
      case 'division': {
        const division = new Map(c.chunk.victimReferrals.map((v) => [v.reference, v.division] as const));
        await writeDivision(
          insert,
          c.rows.victimReferrals.map((v) => ({ id: v.id, division: division.get(v.reference)! })),
        );
        return;
      }
    }
  }
}

/** Claims a part of a chunk (its `synth_chunk` row is the lock); false when it was written before. */
async function claim(tx: Tx, identity: ChunkIdentity, key: string): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO synth_chunk (chunk_key, seed, chunk_index, source_records, victim_referrals, suspect_referrals)
     VALUES ($1, $2, $3, 0, 0, 0) ON CONFLICT (chunk_key) DO NOTHING RETURNING chunk_key`,
    [key, identity.seed, identity.chunkIndex],
  );
  return rows.length > 0;
}

/**
 * Fresh planner statistics after a bulk load, so that search uses its indexes at once (the embedded
 * engine has no autovacuum). Runs as the connection's own role, which owns the tables; a role that does
 * not is skipped with a notice, never an error.
 */
async function analyse(db: Database, schema: Schema): Promise<void> {
  const tables = [
    'person',
    'source_record',
    'source_address',
    'victim_referral',
    'referral_person',
    'suspect_referral',
    'suspect_child_link',
    'synth_truth',
    ...(schema.mash
      ? ['mash_episode', 'rag_change', 'research_request', 'contribution', 'mash_decision', 'risk_assessment']
      : []),
    ...(schema.missing ? ['missing_episode'] : []),
    ...(schema.returnInterviews ? ['return_home_interview'] : []),
    ...(schema.disposal ? ['disposal'] : []),
  ];
  await db.pool.query(`ANALYZE ${tables.join(', ')}`);
}

/** Writes one chunk; null when another loader claimed it first (the claim row is the lock). */
async function writeChunk(
  tx: Tx,
  identity: ChunkIdentity,
  rows: ChunkRows,
  batchSize: number,
): Promise<LoadCounts | null> {
  const claimed = await tx.query(
    `INSERT INTO synth_chunk (chunk_key, seed, chunk_index, source_records, victim_referrals, suspect_referrals)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (chunk_key) DO NOTHING RETURNING chunk_key`,
    [
      rows.chunkKey,
      identity.seed,
      identity.chunkIndex,
      rows.sourceRecords.length,
      rows.victimReferrals.length,
      rows.suspectReferrals.length,
    ],
  );
  if (claimed.length === 0) return null;
  const insert = bulkInserter(tx, batchSize);

  await insert(
    rows.persons,
    `INSERT INTO person (id, forename, surname, dob, estimated_age, gender, agency_ids, areas, created_at, updated_at)
     SELECT id, forename, surname, dob, estimated_age, gender,
            ARRAY(SELECT jsonb_array_elements_text(agency_ids))::uuid[], ARRAY(SELECT jsonb_array_elements_text(areas)),
            created_at, updated_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::int[], $6::text[], $7::jsonb[], $8::jsonb[],
                   $9::timestamptz[], $10::timestamptz[])
         AS x(id, forename, surname, dob, estimated_age, gender, agency_ids, areas, created_at, updated_at)`,
    (p) => [
      p.id,
      p.forename,
      p.surname,
      p.dob,
      p.estimatedAge,
      p.gender,
      JSON.stringify(p.agencyIds),
      JSON.stringify(p.areas),
      p.createdAt,
      p.updatedAt,
    ],
  );
  await insert(
    rows.sourceRecords,
    `INSERT INTO source_record (id, person_id, agency_id, submitted_by_label, submitted_at, provenance, subject_role,
       forename, surname, aliases, dob, estimated_age, age_explanation, gender, ethnicity, nhs_number, school_upn,
       police_ref, la_id, living_situation, looked_after, learning_disability_or_sen, camhs_contact,
       search_name, forename_dm, surname_dm, surname_dm_alt)
     SELECT id, person_id, agency_id, submitted_by_label, submitted_at, provenance, subject_role,
            forename, surname, ARRAY(SELECT jsonb_array_elements_text(aliases)), dob, estimated_age, age_explanation,
            gender, ethnicity, nhs_number, school_upn, police_ref, la_id, living_situation, looked_after,
            learning_disability_or_sen, camhs_contact, search_name, forename_dm, surname_dm, surname_dm_alt
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::jsonb[], $11::date[], $12::int[], $13::text[], $14::text[], $15::text[],
                   $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::boolean[], $22::boolean[],
                   $23::boolean[], $24::text[], $25::text[], $26::text[], $27::text[])
         AS x(id, person_id, agency_id, submitted_by_label, submitted_at, provenance, subject_role, forename, surname,
              aliases, dob, estimated_age, age_explanation, gender, ethnicity, nhs_number, school_upn, police_ref,
              la_id, living_situation, looked_after, learning_disability_or_sen, camhs_contact, search_name,
              forename_dm, surname_dm, surname_dm_alt)`,
    (s) => {
      const d = s.details;
      return [
        s.id,
        s.personId,
        s.agencyId,
        s.submittedByLabel,
        s.submittedAt,
        s.provenance,
        s.subjectRole,
        d.forename,
        d.surname,
        JSON.stringify(d.aliases),
        d.dob,
        d.estimatedAge,
        d.ageExplanation,
        d.gender,
        d.ethnicity,
        d.nhsNumber,
        d.schoolUpn,
        d.policeRef,
        d.laId,
        d.livingSituation,
        d.lookedAfter,
        d.learningDisabilityOrSen,
        d.camhsContact,
        s.keys.searchName,
        s.keys.forenameDm,
        s.keys.surnameDm,
        s.keys.surnameDmAlt,
      ];
    },
  );
  await insert(
    rows.addresses,
    `INSERT INTO source_address (id, source_record_id, line1, town, postcode, postcode_key)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])`,
    (a) => [a.id, a.sourceRecordId, a.line1, a.town, a.postcode, a.postcodeKey],
  );
  await insert(
    rows.sourceRecords,
    `INSERT INTO synth_truth (source_record_id, true_id) SELECT * FROM unnest($1::uuid[], $2::text[])`,
    (s) => [s.id, s.trueId],
  );
  await insert(
    rows.victimReferrals,
    `INSERT INTO victim_referral (id, reference, person_id, child_source_record_id, referring_agency_id,
       referred_by_label, practitioner_name, practitioner_role, cin_referral_source, received_at, exploitation_type,
       category, concerns, indicators, exploitation_model, contact_method, places, consent, urgency, area, status,
       prior_referrals_12m, prior_referrals_ever, created_at)
     SELECT id, reference, person_id, child_source_record_id, referring_agency_id, referred_by_label,
            practitioner_name, practitioner_role, cin_referral_source, received_at, exploitation_type, category,
            concerns, ARRAY(SELECT jsonb_array_elements_text(indicators)), exploitation_model, contact_method,
            places, consent, urgency, area, 'RECEIVED', prior_12m, prior_ever, received_at
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::timestamptz[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::text[],
                   $16::text[], $17::jsonb[], $18::text[], $19::text[], $20::text[], $21::int[], $22::int[])
         AS x(id, reference, person_id, child_source_record_id, referring_agency_id, referred_by_label,
              practitioner_name, practitioner_role, cin_referral_source, received_at, exploitation_type, category,
              concerns, indicators, exploitation_model, contact_method, places, consent, urgency, area, prior_12m,
              prior_ever)`,
    (v) => [
      v.id,
      v.reference,
      v.personId,
      v.childSourceRecordId,
      v.referringAgencyId,
      v.referredByLabel,
      v.practitionerName,
      v.practitionerRole,
      v.cinReferralSource,
      v.receivedAt,
      v.exploitationType,
      v.category,
      v.concerns,
      JSON.stringify(v.indicators),
      v.exploitationModel,
      v.contactMethod,
      JSON.stringify(v.places),
      v.consent,
      v.urgency,
      v.area,
      v.priorReferrals12m,
      v.priorReferralsEver,
    ],
  );
  await insert(
    rows.referralPeople,
    `INSERT INTO referral_person (referral_id, person_id, source_record_id, role)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])`,
    (r) => [r.referralId, r.personId, r.sourceRecordId, r.role],
  );
  await insert(
    rows.suspectReferrals,
    `INSERT INTO suspect_referral (id, reference, person_id, source_record_id, referring_agency_id, referred_by_label,
       practitioner_name, received_at, status, role, source, division, area, created_at)
     SELECT id, reference, person_id, source_record_id, referring_agency_id, referred_by_label, practitioner_name,
            received_at, status, role, source, division, area, received_at
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
                   $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS x(id, reference, person_id, source_record_id, referring_agency_id, referred_by_label, practitioner_name,
              received_at, status, role, source, division, area)`,
    (s) => [
      s.id,
      s.reference,
      s.personId,
      s.sourceRecordId,
      s.referringAgencyId,
      s.referredByLabel,
      s.practitionerName,
      s.receivedAt,
      s.status,
      s.role,
      s.source,
      s.division,
      s.area,
    ],
  );
  await insert(
    rows.suspectChildLinks,
    `INSERT INTO suspect_child_link (suspect_referral_id, child_person_id, link_type)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
    (l) => [l.suspectReferralId, l.childPersonId, l.linkType],
  );
  // References continue after the loaded ones, so that the service never issues one twice.
  await insert(
    rows.counters,
    `INSERT INTO reference_counter (prefix, year, last)
     SELECT * FROM unnest($1::text[], $2::int[], $3::int[])
     ON CONFLICT (prefix, year) DO UPDATE SET last = greatest(reference_counter.last, excluded.last)`,
    (c) => [c.prefix, c.year, c.last],
  );
  return {
    ...emptyCounts(),
    persons: rows.persons.length,
    sourceRecords: rows.sourceRecords.length,
    addresses: rows.addresses.length,
    victimReferrals: rows.victimReferrals.length,
    referralPeople: rows.referralPeople.length,
    suspectReferrals: rows.suspectReferrals.length,
    suspectChildLinks: rows.suspectChildLinks.length,
  };
}
