/**
 * Ground truth holds together: every reference resolves, every code is in its list, identifiers are valid
 * unless deliberately corrupted, dates sit inside the period and in the right order.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { isRepeatMissing } from '../missing/repeat-missing.ts';
import { isValidNhsNumber } from '../people/nhs-number.ts';
import { parseUkPostcode } from '../people/postcode.ts';
import { isCode } from '../platform/codes/code-list.ts';
import { ETHNICITIES, GENDERS, IDENTIFIER_KINDS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import {
  CIN_ASSESSMENT_FACTORS,
  CIN_REFERRAL_SOURCES,
  CONSENT_STATUSES,
  CONTACT_METHODS,
  CSE_INDICATORS,
  DISPOSALS,
  EXPLOITATION_MODELS,
  EXPLOITATION_TYPES,
  isCinSourceConsistentWith,
  MISSING_EPISODE_TYPES,
  MISSING_RISK_GRADES,
  RAG_RATINGS,
  REFERRAL_CATEGORIES,
  SOCIAL_CARE_OUTCOMES,
  SUSPECT_LINK_TYPES,
  SUSPECT_REFERRAL_SOURCES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
  URGENCIES,
} from '../platform/codes/referral.ts';
import { ageOn, dayNumber, periodBoundsMs, periodEnding, utcMsToUkLocal } from './calendar.ts';
import { CHILDRENS_HOMES } from './childrens-homes.ts';
import { upnCheckLetter } from './identifiers.ts';
import { isRepeatMissing as isRepeatMissingInPeriod } from './measures.ts';
import { agencyByCode, POSTCODE_DISTRICTS, TEAMS } from './partnership.ts';
import { generatePopulation } from './population.ts';
import { SOURCE_RECORD_ERRORS } from './record-errors.ts';
import type { Population } from './types.ts';

let p: Population;
let bounds: { fromMs: number; toMs: number };
beforeAll(() => {
  p = generatePopulation({ seed: 1 });
  bounds = periodBoundsMs(periodEnding(p.meta.periodEnd, p.meta.months));
});

const inPeriod = (iso: string): boolean => {
  const ms = Date.parse(iso);
  return ms >= bounds.fromMs && ms < bounds.toMs;
};
const inPeriodDate = (date: string): boolean =>
  dayNumber(date) >= dayNumber(p.meta.periodStart) && dayNumber(date) <= dayNumber(p.meta.periodEnd);

describe('ground truth', () => {
  it('resolves every source record, referral and link to a real person', () => {
    const people = new Map(p.people.map((x) => [x.trueId, x]));
    const records = new Map(p.sourceRecords.map((r) => [r.sourceRecordId, r]));
    for (const r of p.sourceRecords) expect(people.has(r.trueId)).toBe(true);
    for (const r of p.victimReferrals) {
      expect(records.get(r.childSourceRecordId)?.trueId).toBe(r.childTrueId);
      expect(people.get(r.childTrueId)?.role).toBe('CHILD');
      expect(r.suspectSourceRecordIds.map((id) => records.get(id)?.trueId)).toEqual(r.suspectTrueIds);
      for (const id of r.suspectTrueIds) expect(people.get(id)?.role).toBe('SUSPECT');
      if (r.introducedByTrueId) expect(people.get(r.introducedByTrueId)?.role).toBe('CHILD');
    }
    for (const s of p.suspectReferrals) {
      expect(records.get(s.suspectSourceRecordId)?.trueId).toBe(s.suspectTrueId);
      expect(s.linkedChildren.length).toBeGreaterThan(0);
      for (const l of s.linkedChildren)
        expect(records.get(l.childSourceRecordId)?.trueId).toBe(l.childTrueId);
    }
    for (const e of p.missingEpisodes) {
      expect(people.get(e.childTrueId)?.role).toBe('CHILD');
      if (e.withWhom.trueId) expect(people.has(e.withWhom.trueId)).toBe(true);
    }
    for (const rel of p.relationships) {
      expect(people.has(rel.fromTrueId) && people.has(rel.toTrueId)).toBe(true);
    }
    for (const d of p.disposals) expect(people.get(d.suspectTrueId)?.role).toBe('SUSPECT');
  });

  it('has several records for many children, and every kind of error somewhere', () => {
    const perChild = new Map<string, number>();
    for (const r of p.sourceRecords)
      if (r.subjectRole === 'CHILD') perChild.set(r.trueId, (perChild.get(r.trueId) ?? 0) + 1);
    expect([...perChild.values()].filter((n) => n > 1).length).toBeGreaterThan(perChild.size * 0.3);
    const seen = new Set(p.sourceRecords.flatMap((r) => r.errors));
    for (const error of SOURCE_RECORD_ERRORS) expect(seen, error).toContain(error);
  });

  it('records errors that match what the record shows', () => {
    const people = new Map(p.people.map((x) => [x.trueId, x]));
    for (const r of p.sourceRecords) {
      const person = people.get(r.trueId)!;
      if (r.errors.includes('MISSING_DOB')) expect(r.dob).toBeNull();
      if (r.errors.includes('DOB_DAY_MONTH_SWAP')) expect(r.dob).not.toBe(person.dob);
      if (r.errors.includes('NICKNAME')) expect(r.forename).not.toBe(person.forename);
      if (r.errors.includes('SURNAME_CHANGE')) expect(person.previousSurnames).toContain(r.surname);
      if (r.errors.includes('MISSING_POSTCODE')) expect(r.postcode).toBeNull();
      if (r.errors.length === 0) {
        expect(r.forename).toBe(person.forename);
        expect(r.surname).toBe(person.surname);
        expect(r.dob).toBe(person.dob);
      }
    }
  });
});

describe('codes and identifiers', () => {
  it('uses only codes from the code lists and agencies and teams of the partnership', () => {
    for (const x of p.people) {
      expect(
        isCode(GENDERS, x.gender) &&
          isCode(ETHNICITIES, x.ethnicity) &&
          isCode(LIVING_SITUATIONS, x.livingSituation),
      ).toBe(true);
      if (x.childrensHomeCode) expect(CHILDRENS_HOMES.some((h) => h.code === x.childrensHomeCode)).toBe(true);
    }
    for (const r of p.sourceRecords) {
      agencyByCode(r.agencyCode);
      expect(isCode(GENDERS, r.gender)).toBe(true);
      if (r.ethnicity) expect(isCode(ETHNICITIES, r.ethnicity)).toBe(true);
      for (const id of r.identifiers) expect(isCode(IDENTIFIER_KINDS, id.kind)).toBe(true);
    }
    const teamCodes = new Set(TEAMS.map((t) => t.code));
    for (const r of p.victimReferrals) {
      const agency = agencyByCode(r.referringAgencyCode);
      expect(
        isCinSourceConsistentWith(agency.type, r.cinReferralSource),
        `${agency.type} ${r.cinReferralSource}`,
      ).toBe(true);
      if (r.referringTeamCode) expect(teamCodes.has(r.referringTeamCode)).toBe(true);
      expect(teamCodes.has(r.mashTeamCode)).toBe(true);
      expect(isCode(CIN_REFERRAL_SOURCES, r.cinReferralSource)).toBe(true);
      expect(isCode(EXPLOITATION_TYPES, r.exploitationType)).toBe(true);
      expect(isCode(REFERRAL_CATEGORIES, r.category)).toBe(true);
      expect(isCode(EXPLOITATION_MODELS, r.model)).toBe(true);
      expect(isCode(CONTACT_METHODS, r.contactMethod)).toBe(true);
      expect(isCode(CONSENT_STATUSES, r.consent)).toBe(true);
      expect(isCode(URGENCIES, r.urgency)).toBe(true);
      expect(isCode(RAG_RATINGS, r.ragRating)).toBe(true);
      expect(isCode(SOCIAL_CARE_OUTCOMES, r.outcome)).toBe(true);
      for (const i of r.indicators) expect(isCode(CSE_INDICATORS, i)).toBe(true);
      for (const f of r.assessmentFactors) expect(isCode(CIN_ASSESSMENT_FACTORS, f)).toBe(true);
    }
    for (const s of p.suspectReferrals) {
      agencyByCode(s.agencyCode);
      expect(
        isCode(SUSPECT_STATUSES, s.status) &&
          isCode(SUSPECT_ROLES, s.role) &&
          isCode(SUSPECT_REFERRAL_SOURCES, s.source),
      ).toBe(true);
      for (const l of s.linkedChildren) expect(isCode(SUSPECT_LINK_TYPES, l.linkType)).toBe(true);
    }
    for (const d of p.disposals) expect(isCode(DISPOSALS, d.type)).toBe(true);
    for (const e of p.missingEpisodes) {
      expect(isCode(MISSING_EPISODE_TYPES, e.type) && isCode(MISSING_RISK_GRADES, e.riskGrade)).toBe(true);
      agencyByCode(e.reportedByAgencyCode);
    }
  });

  it('has valid NHS numbers and UPNs, except NHS numbers marked as corrupted', () => {
    for (const x of p.people) {
      expect(isValidNhsNumber(x.nhsNumber)).toBe(true);
      if (x.schoolUpn) expect(upnCheckLetter(x.schoolUpn.slice(1))).toBe(x.schoolUpn[0]);
    }
    let corrupted = 0;
    for (const r of p.sourceRecords) {
      for (const id of r.identifiers.filter((i) => i.kind === 'NHS_NUMBER')) {
        expect(isValidNhsNumber(id.value)).toBe(!id.corrupted);
        if (id.corrupted) {
          corrupted++;
          expect(r.errors).toContain('NHS_NUMBER_CORRUPTED');
        }
      }
    }
    expect(corrupted).toBeGreaterThan(0);
  });

  it('has UK postcodes inside the partnership districts', () => {
    const districts = new Set(POSTCODE_DISTRICTS.map((d) => d.district));
    const check = (postcode: string): void => {
      const parsed = parseUkPostcode(postcode);
      expect(parsed?.full).toBe(postcode);
      expect(districts.has(parsed!.district)).toBe(true);
    };
    for (const x of p.people) for (const a of x.addresses) check(a.postcode);
    for (const r of p.sourceRecords) if (r.postcode) check(r.postcode);
    for (const place of p.places) check(place.postcode);
  });
});

describe('dates', () => {
  it('keeps arrivals, submissions, reports and disposals inside the period', () => {
    for (const r of p.victimReferrals) expect(inPeriod(r.receivedAt), r.receivedAt).toBe(true);
    for (const r of p.suspectReferrals) expect(inPeriod(r.receivedAt), r.receivedAt).toBe(true);
    for (const r of p.sourceRecords) expect(inPeriod(r.submittedAt), r.submittedAt).toBe(true);
    for (const e of p.missingEpisodes) expect(inPeriod(e.reportedAt), e.reportedAt).toBe(true);
    for (const d of p.disposals) expect(inPeriodDate(d.date), d.date).toBe(true);
  });

  it('puts things in order: decision after receipt, return after report, interview after return', () => {
    for (const r of p.victimReferrals)
      expect(Date.parse(r.decidedAt)).toBeGreaterThan(Date.parse(r.receivedAt));
    const byChild = new Map<string, typeof p.missingEpisodes>();
    for (const e of p.missingEpisodes) {
      expect(Date.parse(e.returnedAt)).toBeGreaterThan(Date.parse(e.reportedAt));
      const rhi = e.returnHomeInterview;
      if (rhi.completedAt) {
        const hours = (Date.parse(rhi.completedAt) - Date.parse(e.returnedAt)) / 3_600_000;
        expect(hours).toBeGreaterThan(0);
        expect(rhi.completedWithin72Hours).toBe(hours <= 72);
      }
      byChild.set(e.childTrueId, [...(byChild.get(e.childTrueId) ?? []), e]);
    }
    for (const episodes of byChild.values()) {
      for (let i = 1; i < episodes.length; i++) {
        expect(Date.parse(episodes[i]!.reportedAt)).toBeGreaterThan(Date.parse(episodes[i - 1]!.returnedAt));
      }
    }
    for (const x of p.people) {
      for (const a of x.addresses) if (a.to) expect(a.to >= a.from).toBe(true);
      expect(x.addresses.at(-1)?.to).toBeNull();
    }
  });

  it('has the episodes that make a child repeat missing or missing more than once before the referral', () => {
    // Going missing is what leads to the referral. Only a referral in the period's first week may come too
    // soon to have its child's episodes before it.
    const episodesOf = new Map<string, typeof p.missingEpisodes>();
    for (const e of p.missingEpisodes)
      episodesOf.set(e.childTrueId, [...(episodesOf.get(e.childTrueId) ?? []), e]);
    const firstReferral = new Map<string, number>();
    let checked = 0;
    for (const r of p.victimReferrals) {
      const receivedMs = Date.parse(r.receivedAt);
      const episodes = episodesOf.get(r.childTrueId) ?? [];
      const starts = episodes.map((e) => new Date(e.reportedAt));
      const before = starts.filter((t) => t.getTime() <= receivedMs);
      const first = !firstReferral.has(r.childTrueId);
      if (first) firstReferral.set(r.childTrueId, receivedMs);
      if (receivedMs < bounds.fromMs + 7 * 86_400_000) continue;
      if (isRepeatMissingInPeriod(episodes)) {
        checked++;
        expect(isRepeatMissing(before, new Date(receivedMs)), r.reference).toBe(true);
      }
      if (first && starts.length > 1) expect(before.length, r.reference).toBeGreaterThanOrEqual(2);
    }
    expect(checked).toBeGreaterThan(90);
  });

  it('refers only children under 18, and issues warning notices only where the law allows', () => {
    const people = new Map(p.people.map((x) => [x.trueId, x]));
    for (const r of p.victimReferrals) {
      const age = ageOn(people.get(r.childTrueId)!.dob, utcMsToUkLocal(Date.parse(r.receivedAt)).day);
      expect(age).toBeGreaterThanOrEqual(10);
      expect(age).toBeLessThan(18);
    }
    for (const d of p.disposals) {
      if (d.type === 'CAWN_S2')
        expect(ageOn(people.get(d.childTrueId!)!.dob, dayNumber(d.date))).toBeLessThan(16);
      if (d.type === 'CAWN_S49') expect(people.get(d.childTrueId!)!.lookedAfter).toBe(true);
      if (d.type === 'CONVICTION') expect(d.sentenceMonths).toBeGreaterThan(0);
      if (d.type === 'SHPO') expect(d.orderYears).toBeGreaterThanOrEqual(5);
      if (d.type === 'SRO') expect(d.orderYears).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('case text', () => {
  it('is one or two short sentences naming no one but the child', () => {
    for (const r of p.victimReferrals) {
      const sentences = r.concerns.split(/(?<=\.)\s+/);
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(2);
      expect(r.concerns.length).toBeLessThan(260);
    }
  });
});
