import { describe, expect, it } from 'vitest';
import { allCodes } from '../support/code-lists.ts';
import { wordProblems } from '../support/page-words.ts';

const codes = allCodes();

describe('the page check of words a person reads', () => {
  it('knows the codes of every list: areas, placement kinds, RAG, statuses, audit actions', () => {
    for (const code of [
      'LANCASHIRE',
      'BLACKBURN_WITH_DARWEN',
      'RESIDENTIAL_CHILDRENS_HOME',
      'MEDIUM',
      'ACCEPTED',
      'PERSON_VIEW',
    ])
      expect(codes.has(code), code).toBe(true);
  });

  it('catches a planted code', () => {
    const problems = wordProblems('Area\nLANCASHIRE\nKind: RESIDENTIAL_CHILDRENS_HOME', codes);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('"LANCASHIRE"');
    expect(problems[1]).toContain('"RESIDENTIAL_CHILDRENS_HOME"');
  });

  it('catches dates in other styles', () => {
    expect(wordProblems('Received 2026-12-04', codes)[0]).toContain('ISO date');
    expect(wordProblems('Received 2026-12-04 14:05:00 UTC', codes).join()).toContain('UTC');
    expect(wordProblems('at 2026-12-04T14:05', codes).join()).toContain('ISO time');
    expect(wordProblems('14 Dec 2026, 14:30', codes).join()).toContain('short month');
    expect(wordProblems('Born 04/12/2011', codes).join()).toContain('dd/mm/yyyy');
  });

  it('passes labels, acronyms and GOV.UK dates', () => {
    const page = [
      'OFFICIAL-SENSITIVE',
      'Area: Blackburn with Darwen. Placement: Residential children’s home. RAG: Amber. Response: Accepted.',
      'CSE risk assessment, NHS number 943 476 5919, agency LCC-CSC, note POLICE-HELD: held in the MASH',
      'Received 4 December 2026 at 2:05pm, born 5 March 2011, seen 14 May 2025 at midnight',
    ].join('\n');
    expect(wordProblems(page, codes)).toEqual([]);
  });
});
