import { describe, expect, it } from 'vitest';
import { decideCaseNoteWrite, mayWriteCaseNotes } from './policy-notes.ts';
import { principalWithRoles } from './test-principal.ts';

const child = { agencyIds: ['school'], areas: ['LANCASHIRE'] };

describe('who may write a case note', () => {
  it('a CSE officer of the child’s hub area, or of an agency that recorded the child', () => {
    expect(
      decideCaseNoteWrite(
        principalWithRoles(['CSE_OFFICER'], { agencyId: 'police', areas: ['LANCASHIRE'] }),
        child,
      ),
    ).toEqual({ allowed: true });
    expect(
      decideCaseNoteWrite(principalWithRoles(['CSE_OFFICER'], { agencyId: 'school', areas: [] }), child),
    ).toEqual({ allowed: true });
  });

  it('not a CSE officer elsewhere, nor anyone without case work (a referrer, the MASH manager)', () => {
    expect(
      decideCaseNoteWrite(
        principalWithRoles(['CSE_OFFICER'], { agencyId: 'police', areas: ['BLACKPOOL'] }),
        child,
      ),
    ).toEqual({ allowed: false, reason: 'OUT_OF_SCOPE' });
    expect(decideCaseNoteWrite(principalWithRoles(['REFERRER'], { agencyId: 'school' }), child)).toEqual({
      allowed: false,
      reason: 'NO_PERMISSION',
    });
    const manager = principalWithRoles(['MASH_MANAGER'], { agencyId: 'council', areas: ['LANCASHIRE'] });
    expect(decideCaseNoteWrite(manager, child)).toEqual({ allowed: false, reason: 'NO_PERMISSION' });
    expect(mayWriteCaseNotes(manager)).toBe(false);
  });

  it('a restricted child only by the case team, with a justification', () => {
    const officer = principalWithRoles(['CSE_OFFICER'], {
      userId: 'u1',
      agencyId: 'police',
      areas: ['LANCASHIRE'],
    });
    const restricted = { ...child, restricted: true, caseTeamUserIds: ['u1'] };
    expect(decideCaseNoteWrite(officer, { ...restricted, caseTeamUserIds: ['u2'] }).allowed).toBe(false);
    expect(decideCaseNoteWrite(officer, restricted)).toEqual({
      allowed: false,
      reason: 'JUSTIFICATION_REQUIRED',
    });
    expect(decideCaseNoteWrite(officer, restricted, 'Visiting the child today')).toEqual({ allowed: true });
  });
});
