/**
 * The briefing benchmark's data, made in SQL with generate_series and random codes (the synthetic generator
 * would take far longer at this size): `referrals` victim referrals in the six months to 30 September 2026
 * and a quarter as many in the six months before, from children drawn from 60% as many people (so that
 * some are referred more than once); a MASH episode for every referral; 0.47 suspect referrals per victim
 * referral from a pool of suspects; a suspect named on half the referrals; disposals. The row triggers
 * that copy facts at intake are disabled during the fill and the facts they would copy are generated
 * directly; the statistics triggers (statement-level) run as they would for any bulk load.
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '../../src/platform/db/database.ts';

const pick = (codes: string[]) =>
  `(ARRAY[${codes.map((c) => `'${c}'`).join(',')}])[1 + floor(random() * ${codes.length})::int]`;

export async function fillBriefingData(
  db: Database,
  REFERRALS: number,
): Promise<{ seconds: number; rows: number }> {
  const started = performance.now();
  const q = (sql: string) => db.pool.query(sql);
  const children = Math.round(REFERRALS * 0.6);
  const suspects = Math.round(REFERRALS * 0.3);
  const previous = Math.round(REFERRALS / 4);
  await q('ALTER TABLE victim_referral DISABLE TRIGGER victim_referral_facts');
  await q('ALTER TABLE suspect_referral DISABLE TRIGGER suspect_referral_facts');
  await q(
    `INSERT INTO agency (id, code, name, type, area) VALUES ('00000000-0000-4000-8000-000000000001', 'BENCH', 'Bench police', 'POLICE', 'LANCASHIRE')`,
  );
  // An agency in each of the other two areas the referrals are spread over, so that the partnership has
  // three areas, as Lancashire's has, and a published briefing reads all four scopes (decision 0023).
  await q(
    `INSERT INTO agency (id, code, name, type, area) VALUES
       ('00000000-0000-4000-8000-000000000002', 'BENCH-BWD', 'Bench council (Blackburn with Darwen)', 'CHILDRENS_SOCIAL_CARE', 'BLACKBURN_WITH_DARWEN'),
       ('00000000-0000-4000-8000-000000000003', 'BENCH-BPL', 'Bench council (Blackpool)', 'CHILDRENS_SOCIAL_CARE', 'BLACKPOOL')`,
  );
  await q(`INSERT INTO person (id, gender, agency_ids, areas, repeat_missing, missing_more_than_once)
           SELECT md5('c' || i)::uuid, CASE WHEN random() < 0.98 THEN 'FEMALE' ELSE 'MALE' END,
                  '{00000000-0000-4000-8000-000000000001}', '{LANCASHIRE}', random() < 0.16, random() < 0.4
             FROM generate_series(1, ${children}) i`);
  await q(`INSERT INTO person (id, gender, agency_ids, areas)
           SELECT md5('s' || i)::uuid, CASE WHEN random() < 0.06 THEN 'FEMALE' ELSE 'MALE' END,
                  '{00000000-0000-4000-8000-000000000001}', '{LANCASHIRE}'
             FROM generate_series(1, ${suspects}) i`);
  await q(`INSERT INTO source_record (id, person_id, agency_id, submitted_by_label, provenance, subject_role, gender)
           SELECT md5('s' || i)::uuid, md5('s' || i)::uuid, '00000000-0000-4000-8000-000000000001', 'bench', 'bench', 'SUSPECT', 'MALE'
             FROM generate_series(1, ${suspects}) i`);
  const area = pick(['LANCASHIRE', 'LANCASHIRE', 'BLACKBURN_WITH_DARWEN', 'BLACKPOOL']);
  await q(`INSERT INTO victim_referral (id, reference, person_id, referring_agency_id, referred_by_label, practitioner_name,
             cin_referral_source, received_at, exploitation_type, category, concerns, exploitation_model, contact_method,
             consent, urgency, area, division, outcome, prior_referrals_12m, prior_referrals_ever,
             child_gender, child_ethnicity, child_living_situation, child_camhs_contact, child_age)
           SELECT md5('v' || i)::uuid, 'VR-B-' || i, md5('c' || (1 + floor(random() * ${children}))::int)::uuid,
                  '00000000-0000-4000-8000-000000000001', 'bench', 'bench', '6',
                  CASE WHEN i <= ${REFERRALS} THEN timestamptz '2026-04-01 00:00+01' + random() * interval '182 days'
                       ELSE timestamptz '2025-10-01 00:00+01' + random() * interval '181 days' END,
                  'CSE', ${pick(['VICTIM_OF_CRIME', 'RISK_ASSESSED_VULNERABILITY'])}, 'bench',
                  ${pick(['BOYFRIEND', 'INAPPROPRIATE_RELATIONSHIP', 'PEER_ON_PEER', 'PARTY', 'ORGANISED_NETWORK', 'ONLINE_ONLY', 'UNKNOWN'])},
                  ${pick(['ONLINE_SOCIAL_MEDIA', 'ONLINE_SOCIAL_MEDIA', 'ONLINE_GAMING', 'ON_STREET', 'THIRD_PARTY_INTRODUCTION', 'PARTY', 'POSITION_OF_TRUST', 'OTHER'])},
                  'YES', 'ROUTINE', ${area}, ${pick(['EAST', 'SOUTH', 'WEST'])},
                  ${pick(['NO_OUTCOME_REQUIRED', 'NO_OUTCOME_REQUIRED', 'NO_OUTCOME_REQUIRED', 'S47', 'S17', 'S20', 'S31'])}, 0, 0,
                  CASE WHEN random() < 0.98 THEN 'FEMALE' ELSE 'MALE' END,
                  ${pick(['WHITE_BRITISH', 'WHITE_BRITISH', 'WHITE_BRITISH', 'WHITE_OTHER', 'ASIAN_PAKISTANI', 'MIXED_OTHER'])},
                  ${pick(['FAMILY_HOME', 'FAMILY_HOME', 'FAMILY_HOME', 'FOSTER_CARE', 'RESIDENTIAL_CHILDRENS_HOME'])},
                  random() < 0.12, 10 + floor(random() * 8)::int
             FROM generate_series(1, ${REFERRALS + previous}) i`);
  await q(`INSERT INTO mash_episode (referral_id, person_id, area, received_at, stage, rag, rag_deadline, decision_deadline, decided_at)
           SELECT id, person_id, area, received_at, 'CLOSED', ${pick(['RED', 'AMBER', 'GREEN', 'BLUE'])},
                  received_at + interval '24 hours', received_at + interval '24 hours',
                  received_at + random() * interval '36 hours'
             FROM victim_referral`);
  await q(`INSERT INTO suspect_referral (id, reference, person_id, source_record_id, referring_agency_id, referred_by_label,
             practitioner_name, received_at, status, role, source, division, area, suspect_gender, suspect_ethnicity)
           SELECT md5('r' || i)::uuid, 'SR-B-' || i, md5('s' || k)::uuid, md5('s' || k)::uuid,
                  '00000000-0000-4000-8000-000000000001', 'bench', 'bench',
                  timestamptz '2025-10-01 00:00+01' + random() * interval '364 days',
                  ${pick(['SUSPECT', 'SUSPECT', 'OFFENDER'])}, ${pick(['PRIMARY_OFFENDER', 'CO_OFFENDER', 'ENCOURAGED_VICTIMS', 'ALLOWED_PREMISES_USE'])},
                  'POLICE_INTELLIGENCE', ${pick(['EAST', 'SOUTH', 'WEST'])}, ${area},
                  CASE WHEN random() < 0.06 THEN 'FEMALE' ELSE 'MALE' END,
                  ${pick(['WHITE_BRITISH', 'WHITE_BRITISH', 'WHITE_BRITISH', 'WHITE_BRITISH', 'ASIAN_PAKISTANI', 'ASIAN_INDIAN'])}
             FROM (SELECT i, 1 + floor(random() * ${suspects})::int AS k
                     FROM generate_series(1, ${Math.round((REFERRALS + previous) * 0.47)}) i) x`);
  await q(`INSERT INTO referral_person (referral_id, person_id, role)
           SELECT id, md5('s' || (1 + floor(random() * ${suspects}))::int)::uuid, 'SUSPECT'
             FROM victim_referral WHERE random() < 0.5`);
  // A sentence only on a conviction (migration 040 checks it).
  await q(`INSERT INTO disposal (person_id, suspect_referral_id, type, disposed_at, sentence_months, recorded_by_label)
           SELECT person_id, id, type, day, CASE WHEN type = 'CONVICTION' THEN (6 + random() * 60)::int END, 'bench'
             FROM (SELECT person_id, id, ${pick(['CHARGE', 'CONVICTION', 'CAWN_S2', 'SHPO', 'INTELLIGENCE', 'NFA'])} AS type,
                          (received_at + interval '20 days')::date AS day
                     FROM suspect_referral WHERE random() < 0.05) chosen`);
  await q('ALTER TABLE victim_referral ENABLE TRIGGER victim_referral_facts');
  await q('ALTER TABLE suspect_referral ENABLE TRIGGER suspect_referral_facts');
  await q('ANALYZE');
  const rows = await db.pool.query(
    `SELECT (SELECT count(*) FROM victim_referral) + (SELECT count(*) FROM mash_episode) + (SELECT count(*) FROM suspect_referral)
          + (SELECT count(*) FROM referral_person) + (SELECT count(*) FROM person) + (SELECT count(*) FROM disposal) AS n`,
  );
  return { seconds: (performance.now() - started) / 1000, rows: Number(rows.rows[0].n) };
}
