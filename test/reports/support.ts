/**
 * Report tests' helpers: an app (with the report routes, as buildApp registers them), and a
 * hand-built dataset whose every figure is known.
 */
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

/** The report routes are registered by buildApp itself: the ordinary test app has them. */
export const createReportApp = (): Promise<TestApp> => createTestApp();

/** The test app with the known dataset loaded. */
export async function createKnownReportApp(): Promise<TestApp> {
  const t = await createReportApp();
  await insertDataset((sql, params) => t.superuserQuery(sql, params), knownDataset());
  return t;
}

/** A test database (no app) with the known dataset loaded, for the command line. */
export async function createKnownReportDatabase(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  await insertDataset((sql, params) => t.superuserQuery(sql, params), knownDataset());
  return t;
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

export interface ChildSpec {
  gender: string;
  ethnicity: string | null;
  living: string | null;
  camhs: boolean | null;
  dob: string;
  /** The person's missing flags as they stand today (the briefing reads the episodes instead). */
  repeatMissing: boolean;
  missingMoreThanOnce: boolean;
  /** When each of the child's missing episodes started. */
  missingEpisodes: string[];
}

export interface ReferralSpec {
  child: number;
  receivedAt: string;
  category: string;
  model: string;
  contact: string;
  outcome: string | null;
  area: string;
  division: string | null;
  suspects: number[];
}

export interface SuspectSpec {
  gender: string;
  ethnicity: string;
  role: string;
  status: string;
  division: string;
  area: string;
  receivedAt: string;
}

export interface DisposalSpec {
  suspect: number;
  type: string;
  date: string;
  sentenceMonths: number | null;
}

export interface EpisodeSpec {
  referral: number;
  rag: string;
  /** Hours after receipt the decision was made (null: not decided). */
  decidedAfterHours: number | null;
  withinDay: boolean;
  withinRag: boolean;
}

export interface Dataset {
  children: ChildSpec[];
  referrals: ReferralSpec[];
  suspects: SuspectSpec[];
  disposals: DisposalSpec[];
  episodes: EpisodeSpec[];
}

const I = (i: number) => i;

/**
 * Children 0 and 1 are repeat missing at each of their referrals (three episodes within 90 days before
 * every one), children 2 to 4 missing more than once (two episodes, months before their first referral):
 * 6 and 12 of the period's referrals.
 */
function missingEpisodesOf(child: number): string[] {
  if (child === 0) return ['2026-03-10T12:00:00Z', '2026-03-12T12:00:00Z', '2026-03-14T12:00:00Z'];
  if (child === 1) return ['2026-06-20T12:00:00Z', '2026-06-22T12:00:00Z', '2026-06-24T12:00:00Z'];
  if (child < 5) return ['2025-12-01T12:00:00Z', '2025-12-05T12:00:00Z'];
  return [];
}

/** The known dataset: 20 children, 27 referrals in the period (plus one each side), 8 suspects. */
export function knownDataset(): Dataset {
  const children: ChildSpec[] = Array.from({ length: 20 }, (_, i) => ({
    gender: i === 0 ? 'MALE' : 'FEMALE',
    ethnicity: i === 1 ? 'ASIAN_PAKISTANI' : i === 2 ? null : i === 3 ? 'WHITE_IRISH' : 'WHITE_BRITISH',
    living: [3, 4, 5].includes(i)
      ? 'FOSTER_CARE'
      : i === 6
        ? 'RESIDENTIAL_CHILDRENS_HOME'
        : i === 7
          ? null
          : 'FAMILY_HOME',
    camhs: i < 4 ? true : i === 19 ? null : false,
    dob: i === 7 ? '2010-01-15' : i === 8 ? '2014-03-01' : '2012-01-15',
    repeatMissing: i < 2,
    missingMoreThanOnce: i < 5,
    missingEpisodes: missingEpisodesOf(i),
  }));
  const referrals: ReferralSpec[] = [];
  // Children 0-2 are referred three times, child 3 twice, everyone else once.
  const times = (i: number) => (i < 3 ? 3 : i === 3 ? 2 : 1);
  let k = 0;
  for (let child = 0; child < 20; child++) {
    for (let j = 0; j < times(child); j++) {
      const day = 1 + (k % 27);
      const month = 4 + (k % 6);
      referrals.push({
        child,
        receivedAt: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00Z`,
        category: k % 3 === 0 ? 'VICTIM_OF_CRIME' : 'RISK_ASSESSED_VULNERABILITY',
        model: k < 3 ? 'ONLINE_ONLY' : 'BOYFRIEND',
        contact: k % 4 === 0 ? 'ON_STREET' : 'ONLINE_SOCIAL_MEDIA',
        outcome:
          k < 10
            ? 'NO_OUTCOME_REQUIRED'
            : k < 16
              ? 'S47'
              : k < 19
                ? 'S17'
                : k < 21
                  ? 'S20'
                  : k === 21
                    ? 'S31'
                    : null,
        area: k % 2 === 0 ? 'LANCASHIRE' : 'BLACKPOOL',
        division: k % 2 === 0 ? 'EAST' : 'WEST',
        suspects: k === 0 ? [0, 1] : k === 1 ? [2, 1] : k === 2 ? [3] : k === 5 ? [4] : [],
      });
      k++;
    }
  }
  // Outside the period: just before it (previous period) and just after its last day (UK time).
  referrals.push({ ...referrals[4]!, child: 10, receivedAt: '2026-01-10T10:00:00Z', suspects: [] });
  referrals.push({ ...referrals[4]!, child: 11, receivedAt: '2026-09-30T23:30:00Z', suspects: [] });
  // Inside: 00:30 on 1 April in the UK (BST) is still 31 March in UTC.
  referrals[26] = { ...referrals[26]!, receivedAt: '2026-03-31T23:30:00Z' };
  const suspects: SuspectSpec[] = Array.from({ length: 8 }, (_, i) => ({
    gender: i < 2 ? 'FEMALE' : 'MALE',
    ethnicity: i === 2 || i === 3 ? 'ASIAN_PAKISTANI' : i === 4 ? 'ASIAN_INDIAN' : 'WHITE_BRITISH',
    role: i === 0 ? 'ENCOURAGED_VICTIMS' : i === 1 ? 'ALLOWED_PREMISES_USE' : 'PRIMARY_OFFENDER',
    status: i < 3 ? 'OFFENDER' : 'SUSPECT',
    division: i < 4 ? 'EAST' : 'WEST',
    area: i < 4 ? 'LANCASHIRE' : 'BLACKPOOL',
    receivedAt: `2026-0${5 + (i % 4)}-1${I(i % 9)}T09:00:00Z`,
  }));
  const disposals: DisposalSpec[] = [
    { suspect: 2, type: 'CHARGE', date: '2026-05-01', sentenceMonths: null },
    { suspect: 3, type: 'CHARGE', date: '2026-05-02', sentenceMonths: null },
    { suspect: 2, type: 'CONVICTION', date: '2026-08-01', sentenceMonths: 30 },
    { suspect: 3, type: 'CONVICTION', date: '2026-09-30', sentenceMonths: 54 },
    { suspect: 4, type: 'CAWN_S2', date: '2026-06-01', sentenceMonths: null },
    { suspect: 5, type: 'INTELLIGENCE', date: '2026-07-01', sentenceMonths: null },
    { suspect: 6, type: 'CONVICTION', date: '2026-10-01', sentenceMonths: 120 },
  ];
  const episodes: EpisodeSpec[] = Array.from({ length: 10 }, (_, i) => ({
    referral: i,
    rag: i < 4 ? 'RED' : 'AMBER',
    decidedAfterHours: i === 9 ? null : 2,
    withinDay: i < 8,
    withinRag: i !== 0 && i !== 9,
  }));
  return { children, referrals, suspects, disposals, episodes };
}

/** Writes the dataset as the system would have (the triggers fill the referral facts). */
export async function insertDataset(query: Query, d: Dataset): Promise<{ agencyId: string }> {
  const agencyId = randomUUID();
  await query(
    `INSERT INTO agency (id, code, name, type, area) VALUES ($1, 'RPT-POLICE', 'Report police', 'POLICE', 'LANCASHIRE')`,
    [agencyId],
  );
  const childIds = d.children.map(() => randomUUID());
  for (const [i, c] of d.children.entries()) {
    await query(
      `INSERT INTO person (id, forename, surname, dob, gender, agency_ids, areas, repeat_missing, missing_more_than_once)
       VALUES ($1, 'Child', $2, $3, $4, ARRAY[$5::uuid], '{LANCASHIRE}', $6, $7)`,
      [childIds[i], `Known${i}`, c.dob, c.gender, agencyId, c.repeatMissing, c.missingMoreThanOnce],
    );
  }
  // Half the children's episodes are on file before their referrals, half recorded after them.
  const insertEpisodes = async (even: boolean) => {
    for (const [i, c] of d.children.entries())
      for (const at of i % 2 === (even ? 0 : 1) ? c.missingEpisodes : [])
        await query(
          `INSERT INTO missing_episode (person_id, type, from_kind, reported_at, reported_by_agency_id,
             reported_by_label, recorded_by_label, initial_risk_grade, risk_grade, area)
           VALUES ($1, 'MISSING', 'HOME', $2, $3, 'Parent or carer', 'test', 'MEDIUM', 'MEDIUM', 'LANCASHIRE')`,
          [childIds[i], at, agencyId],
        );
  };
  await insertEpisodes(true);
  const suspectIds = d.suspects.map(() => randomUUID());
  const suspectRecords = d.suspects.map(() => randomUUID());
  for (const [i, s] of d.suspects.entries()) {
    await query(
      `INSERT INTO person (id, forename, surname, gender, agency_ids, areas) VALUES ($1, 'Suspect', $2, $3, ARRAY[$4::uuid], ARRAY[$5])`,
      [suspectIds[i], `Known${i}`, s.gender, agencyId, s.area],
    );
    await query(
      `INSERT INTO source_record (id, person_id, agency_id, submitted_by_label, provenance, subject_role, forename, surname, gender, ethnicity)
       VALUES ($1, $2, $3, 'test', 'test', 'SUSPECT', 'Suspect', $4, $5, $6)`,
      [suspectRecords[i], suspectIds[i], agencyId, `Known${i}`, s.gender, s.ethnicity],
    );
  }
  const referralIds: string[] = [];
  for (const [k, r] of d.referrals.entries()) {
    const c = d.children[r.child]!;
    const recordId = randomUUID();
    await query(
      `INSERT INTO source_record (id, person_id, agency_id, submitted_by_label, provenance, subject_role, forename, surname,
         dob, gender, ethnicity, living_situation, camhs_contact)
       VALUES ($1, $2, $3, 'test', 'test', 'CHILD', 'Child', $4, $5, $6, $7, $8, $9)`,
      [
        recordId,
        childIds[r.child],
        agencyId,
        `Known${r.child}`,
        c.dob,
        c.gender,
        c.ethnicity,
        c.living,
        c.camhs,
      ],
    );
    const id = randomUUID();
    referralIds.push(id);
    await query(
      `INSERT INTO victim_referral (id, reference, person_id, child_source_record_id, referring_agency_id, referred_by_label,
         practitioner_name, cin_referral_source, received_at, exploitation_type, category, concerns, exploitation_model,
         contact_method, consent, urgency, area, division, outcome, prior_referrals_12m, prior_referrals_ever)
       VALUES ($1, $2, $3, $4, $5, 'test', 'Test Practitioner', '6', $6, 'CSE', $7, 'Known concerns', $8, $9, 'YES',
         'ROUTINE', $10, $11, $12, 0, 0)`,
      [
        id,
        `VR-T-${k}`,
        childIds[r.child],
        recordId,
        agencyId,
        r.receivedAt,
        r.category,
        r.model,
        r.contact,
        r.area,
        r.division,
        r.outcome,
      ],
    );
    for (const s of r.suspects) {
      await query(`INSERT INTO referral_person (referral_id, person_id, role) VALUES ($1, $2, 'SUSPECT')`, [
        id,
        suspectIds[s],
      ]);
    }
  }
  const suspectReferralIds: string[] = [];
  for (const [i, s] of d.suspects.entries()) {
    const id = randomUUID();
    suspectReferralIds.push(id);
    await query(
      `INSERT INTO suspect_referral (id, reference, person_id, source_record_id, referring_agency_id, referred_by_label,
         practitioner_name, received_at, status, role, source, division, area)
       VALUES ($1, $2, $3, $4, $5, 'test', 'Test Practitioner', $6, $7, $8, 'POLICE_INTELLIGENCE', $9, $10)`,
      [
        id,
        `SR-T-${i}`,
        suspectIds[i],
        suspectRecords[i],
        agencyId,
        s.receivedAt,
        s.status,
        s.role,
        s.division,
        s.area,
      ],
    );
  }
  for (const x of d.disposals) {
    await query(
      `INSERT INTO disposal (person_id, suspect_referral_id, type, disposed_at, sentence_months, recorded_by_label)
       VALUES ($1, $2, $3, $4, $5, 'test')`,
      [suspectIds[x.suspect], suspectReferralIds[x.suspect], x.type, x.date, x.sentenceMonths],
    );
  }
  await insertEpisodes(false);
  for (const e of d.episodes) {
    const r = d.referrals[e.referral]!;
    const received = new Date(r.receivedAt);
    const decided =
      e.decidedAfterHours === null ? null : new Date(received.getTime() + e.decidedAfterHours * 3_600_000);
    const dayDeadline = new Date(received.getTime() + (e.withinDay ? 24 : 1) * 3_600_000);
    const ragDeadline = new Date(received.getTime() + (e.withinRag ? 4 : 1) * 3_600_000);
    await query(
      `INSERT INTO mash_episode (referral_id, person_id, area, received_at, stage, rag, rag_deadline, decision_deadline, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        referralIds[e.referral],
        childIds[r.child],
        r.area,
        received,
        decided ? 'CLOSED' : 'RESEARCH',
        e.rag,
        ragDeadline,
        dayDeadline,
        decided,
      ],
    );
  }
  return { agencyId };
}
