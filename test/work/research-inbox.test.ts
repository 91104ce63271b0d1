/**
 * Research reaches the agency asked (issue 13): only agencies that can research are offered; each request
 * is due by the episode's RAG in working hours; the asked police MASH practitioner finds it in My work and
 * answers it there; research not given in time shows on the hub's queue as "Research overdue".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { researchDueAt } from '../../src/mash/research-rules.ts';
import { requestResearch } from '../../src/mash/research-service.ts';
import { contextFor } from '../../src/platform/access/principal.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import { createTestApp, type PageClient, signIn, type TestApp, type TestUser } from '../support/app.ts';
import { createAgencies, memberOf, principalOf, referVictim } from '../support/factories/index.ts';

let t: TestApp;
const agencies: Record<string, string> = {};
const teams: Record<string, string> = {};
const people: Record<string, TestUser> = {};
const clients: Record<string, PageClient> = {};
let episodeId: string;

const researchRows = async () =>
  (
    await t.superuserQuery(
      `SELECT a.name, q.agency_id, q.status, q.requested_at, q.due_at FROM research_request q
         JOIN agency a ON a.id = q.agency_id WHERE q.episode_id = $1 ORDER BY q.requested_at`,
      [episodeId],
    )
  ).rows as Array<{ name: string; agency_id: string; status: string; requested_at: Date; due_at: Date }>;

/** The research form of the episode page (the strategy form lists every agency, so look only here). */
const researchForm = (body: string) => {
  const start = body.indexOf('id="research-form"');
  return start < 0 ? '' : body.slice(start, body.indexOf('</details>', start));
};

beforeAll(async () => {
  t = await createTestApp();
  await createAgencies(
    t,
    [
      ['school', 'EDUCATION'],
      ['contactSchool', 'EDUCATION'],
      ['council', 'CHILDRENS_SOCIAL_CARE'],
      ['police', 'POLICE'],
    ],
    agencies,
    teams,
  );
  // The education service has named a research contact to the hub; the other school has not.
  await t.superuserQuery(`UPDATE agency SET research_contact = 'Safeguarding adviser desk' WHERE id = $1`, [
    agencies['contactSchool'],
  ]);
  const at = (name: string) => ({ agencyId: agencies[name]!, teamId: teams[name]! });
  people['referrer'] = await memberOf(t, at('school'), ['REFERRER']);
  people['manager'] = await memberOf(t, at('council'), ['MASH_MANAGER']);
  people['police'] = await memberOf(t, at('police'), ['MASH_PRACTITIONER']);
  people['admin'] = await memberOf(t, at('council'), ['ADMINISTRATOR']);
  // The same force's MASH desk for another hub (Lancashire).
  const lancashireDesk = await t.superuserQuery(
    `INSERT INTO team (agency_id, name, area) VALUES ($1, 'Police MASH desk, Lancashire', 'LANCASHIRE') RETURNING id`,
    [agencies['police']],
  );
  people['otherDesk'] = await memberOf(
    t,
    { agencyId: agencies['police']!, teamId: lancashireDesk.rows[0].id },
    ['MASH_PRACTITIONER'],
  );
  for (const who of ['manager', 'police', 'admin', 'otherDesk']) clients[who] = await signIn(t, people[who]!);
  await referVictim(t.db, people['referrer']!);
  episodeId = (await t.superuserQuery('SELECT id FROM mash_episode')).rows[0].id;
});

afterAll(async () => {
  await t?.close();
});

describe('research reaches the asked agency', () => {
  it('offers only agencies that can research, each labelled with its type', async () => {
    const page = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    const form = researchForm(page.body);
    expect(form).toContain(`value="${agencies['police']}"`);
    expect(form).toContain(`value="${agencies['council']}"`);
    expect(form).toContain(`value="${agencies['contactSchool']}"`);
    // A school with neither a MASH researcher nor a research contact cannot be asked.
    expect(form).not.toContain(`value="${agencies['school']}"`);
    expect(form).toContain('Police');
    expect(form).toContain('Education');
  });

  it('refuses an agency that cannot research, naming the field, and saves nothing', async () => {
    await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    const refused = await clients['manager']!.post(`/mash/episodes/${episodeId}/research-requests`, {
      agencyIds: [agencies['police']!, agencies['school']!],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#research-agencies"');
    expect(refused.body).toContain('only agencies with a MASH researcher or a research contact can be asked');
    expect(await researchRows()).toHaveLength(0);
  });

  it('sets the due time by the RAG: Red is 4 working hours from the request', async () => {
    await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    const rag = await clients['manager']!.post(`/mash/episodes/${episodeId}/rag`, {
      rag: 'RED',
      rationale: 'Seen with an older adult tonight',
      expectedCurrent: '',
    });
    expect(rag.statusCode).toBe(303);
    await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    const asked = await clients['manager']!.post(`/mash/episodes/${episodeId}/research-requests`, {
      agencyIds: [agencies['police']!],
    });
    expect(asked.statusCode).toBe(303);
    const [police] = await researchRows();
    expect(police!.due_at.getTime()).toBe(researchDueAt(police!.requested_at, 'RED').getTime());
    expect(police!.due_at.getTime()).toBeGreaterThan(police!.requested_at.getTime());
    const page = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    expect(page.body).toContain('<th scope="col" class="govuk-table__header">Due</th>');
  });

  it('counts working hours across a weekend: Red asked at 15:00 on a Friday is due 11:00 on Monday', async () => {
    const principal = await principalOf(t.db, people['manager']!);
    const friday = new Date('2026-03-06T15:00:00Z');
    await withTransaction(t.db, contextFor(principal, 'test'), (tx) =>
      requestResearch(tx, principal, episodeId, [agencies['contactSchool']!], friday),
    );
    const row = (await researchRows()).find((r) => r.agency_id === agencies['contactSchool']);
    expect(row!.due_at.toISOString()).toBe('2026-03-09T11:00:00.000Z');
  });

  it('puts the request in the police MASH practitioner’s My work, answered there and then gone', async () => {
    const work = await clients['police']!.get('/my-work');
    expect(work.statusCode).toBe(200);
    const link = `/mash/episodes/${episodeId}#contribution-form`;
    expect(work.body).toContain(`href="${link}"`);
    expect(work.body).toContain('Research request');
    expect(work.body).toContain('Your agency');
    expect(work.body).toContain('Research requested by');
    // The force's desk for another hub is not shown this hub's request: it could not answer it there.
    const elsewhere = await clients['otherDesk']!.get('/my-work');
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.body).not.toContain(`href="${link}"`);
    // The contribution form is on the episode page, which the police practitioner of the hub may use.
    const episode = await clients['police']!.get(`/mash/episodes/${episodeId}`);
    expect(episode.body).toContain('id="contribution-form"');
    const answered = await clients['police']!.post(`/mash/episodes/${episodeId}/contributions`, {
      summary: 'Two missing reports; seen with a known adult.',
      releasable: 'no',
      handlingCode: '4',
    });
    expect(answered.statusCode).toBe(303);
    const police = (await researchRows()).find((r) => r.agency_id === agencies['police']);
    expect(police!.status).toBe('CONTRIBUTED');
    const owned = await t.superuserQuery('SELECT agency_id, releasable FROM contribution');
    expect(owned.rows).toEqual([{ agency_id: agencies['police'], releasable: false }]);
    const after = await clients['police']!.get('/my-work');
    expect(after.body).not.toContain(`href="${link}"`);
    const audit = await t.superuserQuery(
      "SELECT count(*)::int AS n FROM audit_event WHERE action = 'MY_WORK_VIEW'",
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('shows the hub research overdue, naming the agency', async () => {
    const queue = await clients['manager']!.get('/mash');
    expect(queue.body).toContain('Research overdue');
    const start = queue.body.indexOf('id="research-overdue"');
    expect(start).toBeGreaterThan(0);
    const table = queue.body.slice(start, queue.body.indexOf('</table>', start));
    // The education service's request (due on a Monday in March) is overdue; the police answered in time.
    const rows = await researchRows();
    const nameOf = (agency: string) => rows.find((r) => r.agency_id === agencies[agency])!.name;
    expect(table).toContain(nameOf('contactSchool'));
    expect(table).not.toContain(nameOf('police'));
  });

  it('lets an administrator record a research contact, after which the school can be asked', async () => {
    const page = await clients['admin']!.get(`/admin/agencies/${agencies['school']}`);
    expect(page.body).toContain('id="researchContact"');
    const name = (await t.superuserQuery('SELECT name, type FROM agency WHERE id = $1', [agencies['school']]))
      .rows[0];
    const tooShort = await clients['admin']!.post(`/admin/agencies/${agencies['school']}`, {
      ...name,
      area: 'BLACKPOOL',
      researchContact: 'x',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('href="#researchContact"');
    await clients['admin']!.get(`/admin/agencies/${agencies['school']}`);
    const saved = await clients['admin']!.post(`/admin/agencies/${agencies['school']}`, {
      ...name,
      area: 'BLACKPOOL',
      researchContact: 'Designated safeguarding lead',
    });
    expect(saved.statusCode).toBe(303);
    const episode = await clients['manager']!.get(`/mash/episodes/${episodeId}`);
    expect(researchForm(episode.body)).toContain(`value="${agencies['school']}"`);
  });
});
