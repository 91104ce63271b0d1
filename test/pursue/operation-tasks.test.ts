/**
 * Issue 17 item 5, tasks inside an operation, through the pages (both engines): a police officer gives a
 * colleague a task with a due date (refused by field otherwise, nothing saved, what was typed kept); it is in
 * the colleague's My work, not the officer's, until marked done there; another agency neither sees nor adds
 * one (404, audited); a closed operation takes no task and its open tasks leave My work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ukDate } from '../../src/platform/time/display.ts';
import { formatLocalDate, toLocalDate } from '../../src/platform/time/zoned-time.ts';
import { insertTask } from '../../src/pursue/operation-task-store.ts';
import {
  createAgencyWithTeam,
  createTestApp,
  createTestUser,
  type PageClient,
  signIn,
  type TestApp,
  type TestUser,
} from '../support/app.ts';
import { actAs, testPrincipal } from '../support/principals.ts';

let t: TestApp;
let officer: PageClient;
let colleague: TestUser;
let analyst: TestUser;
let council: TestUser;
let operationId = '';
let policeId = '';

const TASK = 'Check the CCTV at the bus station';
const dayFromNow = (days: number) => formatLocalDate(toLocalDate(new Date(Date.now() + days * 86_400_000)));
const dateFields = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return { 'dueOn-day': String(Number(day)), 'dueOn-month': String(Number(month)), 'dueOn-year': year! };
};
const tasks = async () =>
  (
    await t.superuserQuery(
      'SELECT description, owner_user_id, due_on::text AS due_on, done_at FROM pursue_operation_task ORDER BY created_at',
    )
  ).rows;
const audited = async (action: string, subjectType: string) =>
  Number(
    (
      await t.superuserQuery(
        'SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND subject_type = $2',
        [action, subjectType],
      )
    ).rows[0].n,
  );

beforeAll(async () => {
  t = await createTestApp();
  const police = await createAgencyWithTeam(t, { type: 'POLICE', area: 'LANCASHIRE' });
  const councilAgency = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'LANCASHIRE' });
  policeId = police.agencyId;
  const inPolice = { agencyId: police.agencyId, teamIds: [police.teamId] };
  const me = await createTestUser(t, ['CSE_OFFICER'], { ...inPolice, displayName: 'Alex Officer' });
  colleague = await createTestUser(t, ['CSE_OFFICER'], { ...inPolice, displayName: 'Sam Colleague' });
  analyst = await createTestUser(t, ['ANALYST'], { ...inPolice, displayName: 'Robin Analyst' });
  council = await createTestUser(t, ['CSE_OFFICER'], {
    agencyId: councilAgency.agencyId,
    teamIds: [councilAgency.teamId],
    displayName: 'Casey Council',
  });
  officer = await signIn(t, me);
  await officer.get('/pursue/operations/new');
  const started = await officer.post('/pursue/operations', {
    name: 'Operation Kestrel',
    objectives: 'Disrupt the group.',
  });
  operationId = /operations\/([0-9a-f-]{36})/.exec(started.headers.location as string)![1]!;
});
afterAll(() => t?.close());

describe('tasks inside a Pursue operation', () => {
  it('offers the agency’s case workers as owners, and refuses bad input by field, saving nothing', async () => {
    const page = await officer.get(`/pursue/operations/${operationId}`);
    expect(page.body).toContain('Tasks');
    expect(page.body).toContain('No tasks have been given in this operation.');
    expect(page.body).toContain(`<option value="${colleague.id}">Sam Colleague</option>`);
    expect(page.body).not.toContain('Robin Analyst'); // cannot run an operation
    expect(page.body).not.toContain('Casey Council'); // another agency

    const empty = await officer.post(`/pursue/operations/${operationId}/tasks`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter what is to be done');
    expect(empty.body).toContain('Select who will do the task');
    expect(empty.body).toContain('Enter the due date');

    // Someone of another agency, and someone of the agency who does not run operations: not owners.
    for (const stranger of [council, analyst]) {
      await officer.get(`/pursue/operations/${operationId}`);
      const refused = await officer.post(`/pursue/operations/${operationId}/tasks`, {
        description: TASK,
        owner: stranger.id,
        ...dateFields(dayFromNow(7)),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Select someone of your agency who works on operations');
    }

    await officer.get(`/pursue/operations/${operationId}`);
    const unreal = await officer.post(`/pursue/operations/${operationId}/tasks`, {
      description: TASK,
      owner: colleague.id,
      'dueOn-day': '31',
      'dueOn-month': '2',
      'dueOn-year': '2027',
    });
    expect(unreal.statusCode).toBe(400);
    expect(unreal.body).toContain('The due date must be a real date');
    // What was typed is kept: the description, the owner chosen and the date's boxes.
    expect(unreal.body).toContain(TASK);
    expect(unreal.body).toContain(`<option value="${colleague.id}" selected>Sam Colleague</option>`);
    expect(unreal.body).toMatch(/name="dueOn-day"[^>]*value="31"/);

    await officer.get(`/pursue/operations/${operationId}`);
    const past = await officer.post(`/pursue/operations/${operationId}/tasks`, {
      description: TASK,
      owner: colleague.id,
      ...dateFields(dayFromNow(-1)),
    });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('The due date must be today or in the future');
    expect(await tasks()).toEqual([]);
  });

  it('adds a task for a colleague, listed with their name and the due date in words', async () => {
    const due = dayFromNow(7);
    await officer.get(`/pursue/operations/${operationId}`);
    const added = await officer.post(`/pursue/operations/${operationId}/tasks`, {
      description: TASK,
      owner: colleague.id,
      ...dateFields(due),
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`/pursue/operations/${operationId}?notice=task-added#tasks`);
    expect(await tasks()).toEqual([
      { description: TASK, owner_user_id: colleague.id, due_on: due, done_at: null },
    ]);
    expect(await audited('OPERATION_TASK_ADD', 'pursue_operation_task')).toBe(1);
    const page = await officer.get(`/pursue/operations/${operationId}?notice=task-added`);
    expect(page.body).toContain('The task has been added');
    const table = page.body.slice(page.body.indexOf('id="tasks"'));
    expect(table).toContain(TASK);
    expect(table).toContain('Sam Colleague');
    expect(table).toContain(ukDate(due));
    expect(table).toContain('Not done');
    expect(table).toContain('Mark as done');
  });

  it('is in the colleague’s My work, not the officer’s, until marked done there', async () => {
    expect((await officer.get('/my-work')).body).not.toContain(TASK);
    const sam = await signIn(t, colleague);
    const work = await sam.get('/my-work');
    const row = work.body.slice(work.body.indexOf('Operation task due'));
    expect(row).toContain(TASK);
    expect(row).toContain('Operation Kestrel');
    expect(row).toContain(`href="/pursue/operations/${operationId}#tasks"`);
    const [, done] = /action="(\/pursue\/operations\/[^"]+\/done\?from=my-work)"/.exec(row) ?? [];
    expect(done).toBeDefined();

    const marked = await sam.post(done!);
    expect(marked.statusCode).toBe(303);
    expect(marked.headers.location).toBe('/my-work?notice=task-done');
    expect(await audited('OPERATION_TASK_DONE', 'pursue_operation_task')).toBe(1);
    const after = await sam.get('/my-work?notice=task-done');
    expect(after.body).toContain('The task has been marked as done');
    expect(after.body).not.toContain(TASK);
    const page = await sam.get(`/pursue/operations/${operationId}`);
    expect(page.body).toMatch(/Done \d{1,2} \w+ \d{4} at [^<]+ by Sam Colleague/);
    expect(page.body).not.toContain('Mark as done');
    expect((await sam.post(done!)).statusCode).toBe(409);
  });

  it('is neither seen nor added to by another agency: 404 and an audited denial', async () => {
    const other = await signIn(t, council);
    const deniedBefore = await audited('ACCESS_DENIED', 'pursue_operation');
    expect((await other.get(`/pursue/operations/${operationId}`)).statusCode).toBe(404);
    await other.get('/my-work');
    const add = await other.post(`/pursue/operations/${operationId}/tasks`, {
      description: 'Not ours',
      owner: council.id,
      ...dateFields(dayFromNow(3)),
    });
    expect(add.statusCode).toBe(404);
    expect(await audited('ACCESS_DENIED', 'pursue_operation')).toBe(deniedBefore + 2);
    expect(await tasks()).toHaveLength(1);
  });

  it('is refused by the database itself when given to someone of another agency', async () => {
    const principal = testPrincipal(policeId, ['CSE_OFFICER'], ['LANCASHIRE'], 1);
    const by = { userId: principal.userId, label: principal.label, agencyId: policeId };
    const task = (owner: TestUser) => ({
      description: 'Straight to the store',
      ownerUserId: owner.id,
      ownerLabel: owner.username,
      dueOn: dayFromNow(2),
    });
    await expect(
      actAs(t.db, principal, (tx) => insertTask(tx, operationId, task(council), by)),
    ).rejects.toThrow(/row-level security/);
    // The same write for a colleague of the agency is accepted (and rolled back here).
    await expect(
      actAs(t.db, principal, async (tx) => {
        await insertTask(tx, operationId, task(colleague), by);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await tasks()).toHaveLength(1);
  });

  it('takes no task once closed, and its open tasks leave My work', async () => {
    await officer.get(`/pursue/operations/${operationId}`);
    await officer.post(`/pursue/operations/${operationId}/tasks`, {
      description: 'Visit the takeaway',
      owner: colleague.id,
      ...dateFields(dayFromNow(0)),
    });
    const sam = await signIn(t, colleague);
    expect((await sam.get('/my-work')).body).toContain('Visit the takeaway');
    await officer.get(`/pursue/operations/${operationId}`);
    await officer.post(`/pursue/operations/${operationId}/close`, { outcome: 'Two charged.' });
    const page = await officer.get(`/pursue/operations/${operationId}`);
    expect(page.body).toContain('Visit the takeaway');
    expect(page.body).not.toContain('id="task-form"');
    expect(page.body).not.toContain('Mark as done');
    const late = await officer.post(`/pursue/operations/${operationId}/tasks`, {
      description: 'Too late',
      owner: colleague.id,
      ...dateFields(dayFromNow(1)),
    });
    expect(late.statusCode).toBe(409);
    expect(await tasks()).toHaveLength(2);
    expect((await sam.get('/my-work')).body).not.toContain('Visit the takeaway');
  });
});
