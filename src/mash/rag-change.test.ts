import { describe, expect, it } from 'vitest';
import { applyRagChange, type RagChange, type RagHistory, validateRagChange } from './rag-change.ts';

const at = (iso: string) => new Date(iso);
const receivedAt = at('2024-06-14T16:30:00+01:00');
const now = at('2024-06-18T12:00:00+01:00');
const triaged: RagHistory = {
  receivedAt,
  changes: [
    {
      from: null,
      to: 'AMBER',
      changedBy: 'manager-1',
      changedAt: at('2024-06-14T16:45:00+01:00'),
      rationale: 'Missing overnight twice, no disclosure',
    },
  ],
};
const raiseToRed: RagChange = {
  from: 'AMBER',
  to: 'RED',
  changedBy: 'manager-2',
  changedAt: at('2024-06-17T10:00:00+01:00'),
  rationale: 'Police research shows contact with a suspect',
};

const codes = (change: Partial<RagChange>, history: RagHistory = triaged) =>
  validateRagChange(history, { ...raiseToRed, ...change }, now).map((e) => `${e.field}:${e.code}`);

describe('RAG change', () => {
  it('recomputes the deadline from MASH receipt, not from the change', () => {
    const result = applyRagChange(triaged, raiseToRed, now);
    expect(result).toMatchObject({ ok: true, rag: 'RED', deadline: at('2024-06-17T12:30:00+01:00') });
    if (result.ok) expect(result.history.changes).toHaveLength(2);
  });

  it('needs a rationale of at least 10 characters', () => {
    expect(codes({ rationale: '  ten chars! ' })).toEqual([]);
    expect(codes({ rationale: 'see notes' })).toEqual(['rationale:RATIONALE_REQUIRED']);
    expect(codes({ rationale: '          ' })).toEqual(['rationale:RATIONALE_REQUIRED']);
  });

  it('needs who and when, within receipt and now and after the previous change', () => {
    expect(codes({ changedBy: ' ' })).toEqual(['changedBy:REQUIRED']);
    expect(codes({ changedAt: new Date('x') })).toEqual(['changedAt:REQUIRED']);
    expect(codes({ changedAt: at('2024-06-14T16:00:00+01:00') })).toEqual(['changedAt:BEFORE_RECEIPT']);
    expect(codes({ changedAt: at('2024-06-14T16:40:00+01:00') })).toEqual(['changedAt:OUT_OF_ORDER']);
    expect(codes({ changedAt: at('2024-06-18T12:01:00+01:00') })).toEqual(['changedAt:IN_FUTURE']);
  });

  it('refuses a change to the same rating, an unknown rating, or one made on a stale view', () => {
    expect(codes({ to: 'AMBER' })).toEqual(['to:UNCHANGED']);
    expect(codes({ to: 'PURPLE' as RagChange['to'] })).toEqual(['to:INVALID_RAG']);
    expect(codes({ from: 'GREEN' })).toEqual(['from:STALE']);
  });

  it('needs a rationale for the first rating at triage too', () => {
    const first = { ...raiseToRed, from: null, rationale: '' };
    expect(applyRagChange({ receivedAt, changes: [] }, first, now)).toMatchObject({
      ok: false,
      errors: [{ field: 'rationale', code: 'RATIONALE_REQUIRED' }],
    });
  });
});
