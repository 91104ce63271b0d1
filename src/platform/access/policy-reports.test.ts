import { describe, expect, it } from 'vitest';
import { permissionsOf } from './permissions.ts';
import { decideBriefingMode, mayChooseOperationalFigures } from './policy-reports.ts';
import type { Principal } from './principal.ts';
import { testUserPrincipal } from './test-principal.ts';

function principal(permissions: Principal['permissions']): Principal {
  return testUserPrincipal({ agencyId: null, roles: [], permissions });
}

describe('briefing mode', () => {
  const published = principal(new Set(['stats:published']));
  const operational = principal(new Set(['stats:published', 'stats:operational']));

  it('published figures are for anyone the route admits', () => {
    expect(decideBriefingMode(published, 'published')).toEqual({ allowed: true });
    expect(decideBriefingMode(operational, 'published')).toEqual({ allowed: true });
  });

  it('operational figures need stats:operational, and a refusal names it', () => {
    expect(decideBriefingMode(operational, 'operational')).toEqual({ allowed: true });
    expect(decideBriefingMode(published, 'operational')).toEqual({
      allowed: false,
      reason: 'NO_PERMISSION',
      permission: 'stats:operational',
    });
  });

  it('the operational choice is offered only to those who may use it', () => {
    expect(mayChooseOperationalFigures(published)).toBe(false);
    expect(mayChooseOperationalFigures(operational)).toBe(true);
    expect(mayChooseOperationalFigures(principal(permissionsOf([])))).toBe(false);
  });
});
