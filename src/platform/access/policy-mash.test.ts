/** Each episode action for each role, in and out of the hub's area, on an open and a closed episode. */
import { describe, expect, it } from 'vitest';
import { ROLE_NAMES, type Role } from './permissions.ts';
import {
  EPISODE_ACTIONS,
  type EpisodeAction,
  episodeControls,
  inMashHub,
  mayActOnEpisode,
  mayAssessRisk,
} from './policy-mash.ts';
import type { Principal } from './principal.ts';
import { principalWithRoles } from './test-principal.ts';

function member(role: Role, areas: string[] = ['BLACKPOOL'], agencyId: string | null = 'agency'): Principal {
  return principalWithRoles([role], { userId: 'u', label: 'u', agencyId, areas });
}

const OPEN = { area: 'BLACKPOOL', open: true, agencyKnown: true };
const CLOSED = { ...OPEN, open: false };
const ELSEWHERE = { ...OPEN, area: 'BLACKBURN' };

/** What a practitioner may do on an open episode of its own hub (the first RAG is tested on its own below). */
const PRACTITIONER_OPEN: readonly EpisodeAction[] = [
  'research',
  'propose',
  'icpc',
  'contribute',
  'share',
  'strategy',
  'complete',
  'transfer',
];

/** What each role may do on an open episode of its own hub: a manager approves what practitioners propose. */
const EXPECTED_OPEN: Record<Role, readonly EpisodeAction[]> = {
  REFERRER: [],
  MASH_PRACTITIONER: PRACTITIONER_OPEN,
  MASH_MANAGER: [...PRACTITIONER_OPEN.filter((a) => a !== 'propose'), 'rag', 'approve', 'allocate', 'decide'],
  CSE_OFFICER: [],
  ANALYST: [],
  PARTNERSHIP_MEMBER: [],
  AUDITOR: [],
  ADMINISTRATOR: [],
};

/** Once decided, only sharing decisions, completing actions and the conference's date remain. */
const AFTER_DECISION: readonly EpisodeAction[] = ['share', 'complete', 'icpc'];

describe('episode actions', () => {
  for (const role of ROLE_NAMES) {
    describe(role, () => {
      for (const action of EPISODE_ACTIONS) {
        const open = EXPECTED_OPEN[role].includes(action);
        it(`${open ? 'may' : 'may not'} ${action} on an open episode of its hub`, () => {
          expect(mayActOnEpisode(member(role), action, OPEN)).toBe(open);
        });
        it(`${open && AFTER_DECISION.includes(action) ? 'may' : 'may not'} ${action} once decided`, () => {
          expect(mayActOnEpisode(member(role), action, CLOSED)).toBe(open && AFTER_DECISION.includes(action));
        });
        it(`may not ${action} on another area’s episode`, () => {
          expect(mayActOnEpisode(member(role), action, ELSEWHERE)).toBe(false);
        });
      }
    });
  }

  it('refuses a contribution from a principal of no known agency', () => {
    expect(mayActOnEpisode(member('MASH_MANAGER'), 'contribute', { ...OPEN, agencyKnown: false })).toBe(
      false,
    );
    expect(mayActOnEpisode(member('MASH_MANAGER'), 'research', { ...OPEN, agencyKnown: false })).toBe(true);
  });

  it('lets a practitioner set the first RAG but only a manager change it', () => {
    const untriaged = { ...OPEN, rated: false };
    expect(mayActOnEpisode(member('MASH_PRACTITIONER'), 'rag', untriaged)).toBe(true);
    expect(mayActOnEpisode(member('MASH_PRACTITIONER'), 'rag', { ...OPEN, rated: true })).toBe(false);
    expect(mayActOnEpisode(member('MASH_MANAGER'), 'rag', untriaged)).toBe(true);
    expect(mayActOnEpisode(member('MASH_MANAGER'), 'rag', { ...OPEN, rated: true })).toBe(true);
    expect(mayActOnEpisode(member('MASH_PRACTITIONER'), 'rag', { ...untriaged, open: false })).toBe(false);
    expect(mayActOnEpisode(member('CSE_OFFICER'), 'rag', untriaged)).toBe(false);
  });

  it('gives the page every control at once, the same as one by one', () => {
    const manager = member('MASH_MANAGER');
    expect(episodeControls(manager, CLOSED)).toEqual({
      rag: false,
      research: false,
      propose: false,
      approve: false,
      allocate: false,
      icpc: true,
      contribute: false,
      share: true,
      strategy: false,
      complete: true,
      decide: false,
      transfer: false,
    });
    expect(episodeControls(member('CSE_OFFICER'), OPEN)).toEqual(
      Object.fromEntries(EPISODE_ACTIONS.map((a) => [a, false])),
    );
  });

  it('counts as the hub only a triager of a team in the area', () => {
    expect(inMashHub(member('MASH_PRACTITIONER'), 'BLACKPOOL')).toBe(true);
    expect(inMashHub(member('MASH_PRACTITIONER', []), 'BLACKPOOL')).toBe(false);
    expect(inMashHub(member('CSE_OFFICER'), 'BLACKPOOL')).toBe(false);
  });
});

describe('CSE risk assessors', () => {
  const assessors: Role[] = ['MASH_PRACTITIONER', 'MASH_MANAGER', 'CSE_OFFICER'];
  for (const role of ROLE_NAMES) {
    it(`${role} ${assessors.includes(role) ? 'may' : 'may not'} assess, in or out of any hub`, () => {
      expect(mayAssessRisk(member(role))).toBe(assessors.includes(role));
      expect(mayAssessRisk(member(role, []))).toBe(assessors.includes(role));
    });
  }
});
