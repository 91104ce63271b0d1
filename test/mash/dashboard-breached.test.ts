/**
 * The manager's dashboard counts the hub's open episodes past their RAG deadline in SQL (issue 22: it read
 * every open episode to count them): open and past the deadline counts; met later, not yet due, untriaged,
 * closed, or in another hub does not.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breachedNow } from '../../src/mash/dashboard-service.ts';
import { contextFor, type Principal } from '../../src/platform/access/principal.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../support/engines.ts';

const HOUR = 3_600_000;
const NOW = new Date('2026-11-18T12:00:00Z');
const AGENCY = randomUUID();
let database: TestDatabase;

async function episode(area: string, ragDeadline: Date | null, closed = false): Promise<void> {
  const q = database.superuserQuery;
  const person = (await q(`INSERT INTO person (forename) VALUES ('Dashboard') RETURNING id`)).rows[0].id;
  const referral = (
    await q(
      `INSERT INTO victim_referral (reference, person_id, referring_agency_id, referred_by_label, practitioner_name,
         cin_referral_source, received_at, exploitation_type, category, concerns, exploitation_model, contact_method,
         consent, urgency, area, prior_referrals_12m, prior_referrals_ever)
       VALUES ($1, $2, $3, 'test', 'test', '2A', $4, 'CSE', 'VICTIM_OF_CRIME', 'x', 'BOYFRIEND',
               'ONLINE_SOCIAL_MEDIA', 'YES', 'URGENT', $5, 0, 0) RETURNING id`,
      [`VR-DASH-${randomUUID().slice(0, 8)}`, person, AGENCY, new Date(NOW.getTime() - 48 * HOUR), area],
    )
  ).rows[0].id;
  await q(
    `INSERT INTO mash_episode (referral_id, person_id, area, received_at, stage, rag, rag_deadline,
       decision_deadline, closed_at)
     VALUES ($1, $2, $3, $4, 'RESEARCH', $5, $6, $4::timestamptz + interval '3 days', $7)`,
    [
      referral,
      person,
      area,
      new Date(NOW.getTime() - 48 * HOUR),
      ragDeadline ? 'AMBER' : null,
      ragDeadline,
      closed ? NOW : null,
    ],
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.superuserQuery(
    `INSERT INTO agency (id, code, name, type, area) VALUES ($1, 'DASH-CSC', 'Dashboard council', 'CHILDRENS_SOCIAL_CARE', 'BLACKPOOL')`,
    [AGENCY],
  );
  await episode('BLACKPOOL', new Date(NOW.getTime() - HOUR)); // past: counts
  await episode('BLACKPOOL', new Date(NOW.getTime() - 30 * HOUR)); // long past: counts
  await episode('BLACKPOOL', new Date(NOW.getTime() + HOUR)); // not yet due
  await episode('BLACKPOOL', null); // untriaged: no RAG deadline
  await episode('BLACKPOOL', new Date(NOW.getTime() - HOUR), true); // closed
  await episode('LANCASHIRE', new Date(NOW.getTime() - HOUR)); // another hub
});
afterAll(async () => {
  await database?.dispose();
});

const manager: Principal = {
  kind: 'user',
  userId: randomUUID(),
  tokenId: null,
  label: 'manager',
  agencyId: AGENCY,
  areas: ['BLACKPOOL'],
  teamIds: [],
  roles: [],
  permissions: new Set(['mash:triage', 'mash:decide', 'case:read']),
};

describe('the dashboard’s episodes past their RAG deadline', () => {
  it('counts the hub’s open episodes whose RAG deadline has passed', async () => {
    const n = await withTransaction(database.db, contextFor(manager, randomUUID()), (tx) =>
      breachedNow(tx, NOW),
    );
    expect(n).toBe(2);
  });
});
