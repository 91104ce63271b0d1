import { describe, expect, it } from 'vitest';
import { permissionsOf } from './permissions.ts';
import {
  decidePersonRead,
  mayMergePeople,
  mayShowPerson,
  personPageAbilities,
  readPermissionOf,
} from './policy-people.ts';
import { testUserPrincipal } from './test-principal.ts';

const principal = testUserPrincipal;

const hubPractitioner = () =>
  principal({
    agencyId: 'police',
    areas: ['lancashire'],
    roles: ['MASH_PRACTITIONER'],
    permissions: permissionsOf(['MASH_PRACTITIONER']),
  });

describe('reading people', () => {
  it('a referrer reads with their own agency’s permission, a case reader with case:read', () => {
    expect(readPermissionOf(principal())).toBe('referral:read-own-agency');
    expect(readPermissionOf(hubPractitioner())).toBe('case:read');
  });

  it('a referrer reads only their own agency’s people; a hub practitioner their area’s', () => {
    expect(decidePersonRead(principal(), { agencyIds: ['school'] }).allowed).toBe(true);
    expect(decidePersonRead(principal(), { agencyIds: ['police'], areas: ['lancashire'] })).toEqual({
      allowed: false,
      reason: 'OUT_OF_SCOPE',
    });
    expect(
      decidePersonRead(hubPractitioner(), { agencyIds: ['school'], areas: ['lancashire'] }).allowed,
    ).toBe(true);
  });

  it('a restricted person is never shown without opening, even to their case team', () => {
    const record = { agencyIds: ['school'], restricted: true, caseTeamUserIds: ['u1'] };
    expect(mayShowPerson(principal(), record)).toBe(false);
    expect(decidePersonRead(principal(), record)).toEqual({
      allowed: false,
      reason: 'JUSTIFICATION_REQUIRED',
    });
    expect(mayShowPerson(principal(), { agencyIds: ['school'] })).toBe(true);
    expect(mayShowPerson(principal(), { agencyIds: ['police'] })).toBe(false);
  });
});

describe('the person page', () => {
  it('offers casework, merging and restriction only to those who hold them', () => {
    expect(personPageAbilities(principal(), { agencyIds: ['school'] }, null)).toEqual({
      seesCasework: false,
      caseWork: false,
      canMerge: false,
      canRestrict: false,
    });
    const manager = principal({
      agencyId: 'police',
      areas: ['lancashire'],
      roles: ['MASH_MANAGER'],
      permissions: permissionsOf(['MASH_MANAGER']),
    });
    const abilities = personPageAbilities(manager, { agencyIds: ['school'], areas: ['lancashire'] }, null);
    expect(abilities.seesCasework).toBe(true);
    expect(abilities.canRestrict).toBe(true);
    expect(abilities.canMerge).toBe(mayMergePeople(manager));
  });

  it('never offers a merge on a record already merged into another', () => {
    const merger = principal({ permissions: new Set([...permissionsOf(['REFERRER']), 'people:merge']) });
    expect(mayMergePeople(merger)).toBe(true);
    expect(personPageAbilities(merger, { agencyIds: ['school'] }, null).canMerge).toBe(true);
    expect(personPageAbilities(merger, { agencyIds: ['school'] }, 'other').canMerge).toBe(false);
  });
});
