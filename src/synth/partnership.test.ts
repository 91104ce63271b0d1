import { describe, expect, it } from 'vitest';
import { parseUkPostcode } from '../people/postcode.ts';
import { isCode } from '../platform/codes/code-list.ts';
import { AGENCY_TYPES } from '../platform/codes/referral.ts';
import { CHILDRENS_HOMES } from './childrens-homes.ts';
import {
  AGENCIES,
  DEMO_PARTNERSHIP,
  districtOf,
  PARTNERSHIP_AREAS,
  POSTCODE_DISTRICTS,
  SCHOOLS,
  TEAMS,
} from './partnership.ts';

describe('demo partnership', () => {
  it('has unique agency and team codes, every team belonging to an agency', () => {
    const agencyCodes = AGENCIES.map((a) => a.code);
    expect(new Set(agencyCodes).size).toBe(agencyCodes.length);
    expect(new Set(TEAMS.map((t) => t.code)).size).toBe(TEAMS.length);
    for (const t of TEAMS) expect(agencyCodes).toContain(t.agencyCode);
    for (const a of AGENCIES) expect(isCode(AGENCY_TYPES, a.type)).toBe(true);
  });

  it('marks only the councils’ children’s services and the children’s charities as holding return home interviews', () => {
    const providers = AGENCIES.filter((a) => a.providesReturnInterviews);
    // VOL-RHI holds the generated episodes' interviews (missing-episodes.ts): it must be on the form's list.
    expect(providers.map((a) => a.code)).toEqual(['LCC-CSC', 'BWD-CSC', 'BPL-CSC', 'VOL-BCC', 'VOL-RHI']);
    for (const a of providers) expect(['CHILDRENS_SOCIAL_CARE', 'VOLUNTARY']).toContain(a.type);
  });

  it('has a council and a MASH for each of the three areas, and a CSE team per division', () => {
    expect(PARTNERSHIP_AREAS.map((a) => a.name)).toEqual([
      'Lancashire',
      'Blackburn with Darwen',
      'Blackpool',
    ]);
    for (const area of PARTNERSHIP_AREAS) {
      expect(AGENCIES.find((a) => a.code === area.councilAgencyCode)?.type).toBe('CHILDRENS_SOCIAL_CARE');
      expect(TEAMS.find((t) => t.code === area.mashTeamCode)?.kind).toBe('MASH');
    }
    for (const d of DEMO_PARTNERSHIP.divisions)
      expect(TEAMS.some((t) => t.kind === 'CSE' && t.division === d.code)).toBe(true);
    expect(TEAMS.some((t) => t.kind === 'CAMHS')).toBe(true);
    expect(PARTNERSHIP_AREAS.reduce((s, a) => s + a.referralShare, 0)).toBeCloseTo(1);
  });

  it('maps Blackburn with Darwen to East and Blackpool to West, using the PR, BB, FY, LA and BL districts', () => {
    for (const d of POSTCODE_DISTRICTS) {
      if (d.area === 'BLACKBURN_WITH_DARWEN') expect(d.division).toBe('EAST');
      if (d.area === 'BLACKPOOL') expect(d.division).toBe('WEST');
      expect(d.district).toMatch(/^(PR|BB|FY|LA|BL)\d+$/);
    }
    expect(new Set(POSTCODE_DISTRICTS.filter((d) => d.area === 'LANCASHIRE').map((d) => d.division))).toEqual(
      new Set(['EAST', 'SOUTH', 'WEST']),
    );
  });

  it('gives every agency, school and children home a well-formed postcode in its area', () => {
    for (const a of AGENCIES) expect(parseUkPostcode(a.postcode)?.full).toBe(a.postcode);
    for (const h of CHILDRENS_HOMES) {
      expect(districtOf(h.postcode)?.area).toBe(h.area);
      expect(districtOf(h.postcode)?.division).toBe(h.division);
    }
    for (const s of SCHOOLS) expect(districtOf(s.postcode)?.division).toBe(s.division);
    expect(SCHOOLS.length).toBeGreaterThanOrEqual(10);
    expect(CHILDRENS_HOMES.length).toBe(8);
  });
});
