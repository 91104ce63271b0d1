/**
 * Every denial is audited (SECURITY 17): not only the route's own permission check and records out of
 * scope, but a permission a handler finds missing (here: recording a CSE risk assessment without case work
 * or MASH triage).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/admin/service.ts';
import { systemContext, withTransaction } from '../../src/platform/db/transaction.ts';
import { createAgencyWithTeam, createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let readOnly: { id: string; secret: string };

beforeAll(async () => {
  t = await createTestApp();
  const { agencyId } = await createAgencyWithTeam(t, { type: 'CHILDRENS_SOCIAL_CARE', area: 'BLACKPOOL' });
  const issued = await withTransaction(t.db, systemContext('test'), (tx) =>
    issueToken(
      tx,
      { name: 'Read-only case system', agencyId, permissions: ['case:read'], expiresInDays: 1 },
      null,
    ),
  );
  readOnly = { id: issued.id, secret: issued.secret };
});
afterAll(async () => {
  await t?.close();
});

describe('a denial found inside a handler', () => {
  it('answers 403 and writes one ACCESS_DENIED event naming the route', async () => {
    const before = await t.superuserQuery(`SELECT coalesce(max(seq), 0)::int AS n FROM audit_event`);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/people/${randomUUID()}/risk-assessments`,
      headers: { authorization: `Bearer ${readOnly.secret}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ templateId: 'banded-v1', answers: {}, disclosure: false }),
    });
    expect(response.statusCode, response.body).toBe(403);
    const events = await t.superuserQuery(
      `SELECT action, outcome, actor_label, details FROM audit_event WHERE seq > $1 ORDER BY seq`,
      [before.rows[0].n],
    );
    expect(events.rows).toEqual([
      expect.objectContaining({
        action: 'ACCESS_DENIED',
        outcome: 'DENIED',
        details: { reason: 'NO_PERMISSION', route: 'POST /api/v1/people/:id/risk-assessments' },
      }),
    ]);
  });
});
