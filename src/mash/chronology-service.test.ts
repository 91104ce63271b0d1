import { describe, expect, it } from 'vitest';
import { testRow } from '../platform/chronology/test-row.ts';
import { mashSummary, withheldEntry } from './chronology-service.ts';

describe('the MASH’s chronology lines, in words', () => {
  it('words each stage with labels, never codes', () => {
    expect(mashSummary(testRow({ kind: 'EPISODE_OPENED', d1: 'VR-2026-000001' }))).toBe(
      'Received in the MASH: referral VR-2026-000001',
    );
    expect(mashSummary(testRow({ kind: 'RAG', d2: 'AMBER' }))).toBe('RAG rating set to Amber');
    expect(mashSummary(testRow({ kind: 'RAG', d1: 'AMBER', d2: 'BLUE' }))).toBe(
      'RAG rating changed from Amber to Blue (no concern)',
    );
    expect(mashSummary(testRow({ kind: 'RESEARCH_REQUESTED', d1: 'Lancashire Police' }))).toBe(
      'Research asked of Lancashire Police',
    );
    expect(mashSummary(testRow({ kind: 'RESEARCH_GIVEN', agency_name: 'Health', d1: 'true' }))).toBe(
      'Health gave research',
    );
    expect(mashSummary(testRow({ kind: 'RESEARCH_GIVEN', agency_name: 'Police', d1: 'false' }))).toBe(
      'Police gave research, to be held in the MASH',
    );
    expect(
      mashSummary(testRow({ kind: 'SHARING', d1: 'SHARE', d2: 'South CSE team', d3: 'CA1989_S47' })),
    ).toBe('Decided to share with South CSE team (Children Act 1989 section 47)');
    expect(mashSummary(testRow({ kind: 'SHARING', d1: 'NOT_SHARE', d3: 'CONSENT' }))).toBe(
      'Decided not to share (Consent)',
    );
    expect(mashSummary(testRow({ kind: 'STRATEGY', d1: 'true', d2: '1' }))).toBe(
      'Strategy discussion held, section 47 enquiry agreed; 1 action agreed',
    );
    expect(mashSummary(testRow({ kind: 'STRATEGY_ACTION', d1: 'Visit', d2: 'Sam', d3: '2026-12-05' }))).toBe(
      'Action done: Visit (Sam), due 5 December 2026',
    );
    expect(
      mashSummary(testRow({ kind: 'DECISION', d1: 'S47', d2: 'REFERRAL_TO_CSC', d3: 'STRATEGY_S47' })),
    ).toBe(
      'Decision: Section 47 enquiry (at risk of significant harm); Strategy discussion and/or section 47 enquiry',
    );
    expect(mashSummary(testRow({ kind: 'CONFERENCE' }))).toBe('Initial child protection conference held');
  });

  it('says only who holds research the viewer may not read, and when, with no link', () => {
    const at = new Date('2026-12-04T10:00:00Z');
    expect(
      withheldEntry(
        { episode_id: 'e1', agency_id: 'a1', agency_name: 'Lancashire Police', contributed_at: at },
        0,
      ),
    ).toEqual({
      key: 'RESEARCH_HELD:e1:a1:0',
      at,
      kind: 'RESEARCH_HELD',
      summary: 'Lancashire Police research held in the MASH',
      who: null,
      agencyId: 'a1',
      agencyName: 'Lancashire Police',
      href: null,
    });
  });
});
