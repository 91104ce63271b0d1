import { describe, expect, it } from 'vitest';
import type { ChronologyEntry } from '../platform/chronology/entry.ts';
import { assemble, compareEntries, filterFrom } from './service.ts';
import { chronologyView, lineView, noteView, personStoryView } from './view.ts';

const A1 = '11111111-1111-4111-8111-111111111111';
const A2 = '22222222-2222-4222-8222-222222222222';

function entry(over: Partial<ChronologyEntry>): ChronologyEntry {
  return {
    key: `${over.kind ?? 'REFERRAL'}:${Math.random()}`,
    at: new Date('2026-12-04T14:05:00Z'),
    kind: 'REFERRAL',
    summary: 'Referral VR-2026-000001 made',
    who: 'Pat Teacher',
    agencyId: A1,
    agencyName: 'Example School',
    href: '/referrals/r1',
    ...over,
  };
}

describe('the chronology’s lines', () => {
  it('shows when in GOV.UK style, the kind as a label, and who with their agency', () => {
    expect(lineView(entry({}))).toEqual({
      when: '4 December 2026 at 2:05pm',
      kind: 'Referral',
      summary: 'Referral VR-2026-000001 made',
      who: 'Pat Teacher, Example School',
      href: '/referrals/r1',
    });
    expect(lineView(entry({ kind: 'CONFERENCE', dateOnly: true, who: null })).when).toBe('4 December 2026');
    expect(lineView(entry({ who: null, agencyName: null })).who).toBe('Not recorded');
  });

  it('sorts oldest first, and at one instant in the story’s order (a referral before its episode)', () => {
    const at = new Date('2026-12-04T10:00:00Z');
    const lines = [
      entry({ kind: 'EPISODE_OPENED', at, key: 'EPISODE_OPENED:e' }),
      entry({ kind: 'REFERRAL', at, key: 'REFERRAL:r' }),
      entry({ kind: 'MISSING', at: new Date('2026-11-01T10:00:00Z'), key: 'MISSING:m' }),
    ];
    expect(lines.sort(compareEntries).map((l) => l.kind)).toEqual(['MISSING', 'REFERRAL', 'EPISODE_OPENED']);
  });

  it('filters by kind of work and by agency, offering the agencies of the kinds shown', () => {
    const lines = [
      entry({ kind: 'REFERRAL' }),
      entry({ kind: 'RAG', agencyId: A2, agencyName: 'Council' }),
      entry({ kind: 'MISSING', agencyId: A2, agencyName: 'Council' }),
    ];
    const mash = assemble([...lines], { groups: ['MASH'], agencyIds: [] });
    expect(mash.entries.map((e) => e.kind)).toEqual(['RAG']);
    expect(mash.agencies).toEqual([{ id: A2, name: 'Council' }]);
    const council = assemble([...lines], { groups: [], agencyIds: [A2] });
    expect(council.entries.map((e) => e.kind).sort()).toEqual(['MISSING', 'RAG']);
    expect(council.agencies.map((a) => a.name)).toEqual(['Council', 'Example School']);
  });

  it('reads filters from codes and ids only, dropping anything else', () => {
    expect(filterFrom({ kind: ['MASH', 'NOPE', 'MASH'], agency: [A1.toUpperCase(), 'Jane Smith'] })).toEqual({
      groups: ['MASH'],
      agencyIds: [A1],
    });
    expect(filterFrom({ kind: 'NOTES' })).toEqual({ groups: ['NOTES'], agencyIds: [] });
    expect(filterFrom(undefined)).toEqual({ groups: [], agencyIds: [] });
  });

  it('builds the page: filter choices ticked, a print link carrying the filters, a note link for writers', () => {
    const view = chronologyView(
      { id: 'p1', forename: 'Kelsey', surname: 'Thornbury' },
      { entries: [entry({})], agencies: [{ id: A1, name: 'Example School' }] },
      { groups: ['REFERRALS'], agencyIds: [A1] },
      { canWrite: false, now: new Date('2026-12-06T09:00:00Z') },
    );
    expect(view.title).toBe('Chronology: Kelsey Thornbury');
    expect(view.kindItems.find((i) => i.value === 'REFERRALS')?.checked).toBe(true);
    expect(view.agencyItems).toEqual([{ value: A1, text: 'Example School', checked: true }]);
    expect(view.printHref).toBe(`/people/p1/chronology/print?kind=REFERRALS&agency=${A1}`);
    expect(view.newNoteHref).toBeNull();
    expect(view.printedAt).toBe('6 December 2026 at 9am');
    expect(view.filterWords).toBe('Filtered by kinds: Referrals; agencies: Example School');
  });

  it('gives the person page the latest lines, newest first, and the records about the child', () => {
    const lines = [
      'REFERRAL',
      'EPISODE_OPENED',
      'RAG',
      'MISSING',
      'RETURN',
      'CASE_NOTE',
      'RISK_ASSESSMENT',
    ].map((kind, i) =>
      entry({
        kind: kind as ChronologyEntry['kind'],
        at: new Date(Date.UTC(2026, 0, i + 1)),
        href: `/x/${i}`,
      }),
    );
    const story = personStoryView('p1', lines);
    expect(story.latest.map((l) => l.kind)).toEqual([
      'CSE risk assessment',
      'Case note',
      'Return',
      'Missing episode',
      'RAG rating',
    ]);
    expect(story.records.map((l) => l.kind)).toEqual(['Referral', 'MASH episode opened', 'Missing episode']);
  });
});

describe('a case note’s page', () => {
  const note = {
    id: 'n1',
    person_id: 'p1',
    note_type: 'MANAGEMENT_OVERSIGHT',
    occurred_on: '2026-12-04',
    occurred_time: '14:05',
    body: 'Reviewed the plan.',
    author_name: 'Jo Hub Manager',
    author_label: 'jo.manager',
    agency_id: A1,
    agency_name: 'Lancashire County Council',
    recorded_at: new Date('2026-12-04T15:00:00Z'),
    corrects_id: null,
    corrected_by_id: null,
  };

  it('shows type, when, who (name and agency, not the username) and offers a correction', () => {
    const view = noteView(note, null, { canWrite: true });
    expect(view).toMatchObject({
      type: 'Management oversight',
      occurred: '4 December 2026 at 2:05pm',
      recorded: '4 December 2026 at 3pm',
      author: 'Jo Hub Manager, Lancashire County Council',
      correctedByHref: null,
      corrects: null,
      correctHref: '/people/p1/notes/new?corrects=n1',
    });
  });

  it('links a corrected note to its correction and the correction to the note it corrects', () => {
    expect(noteView({ ...note, corrected_by_id: 'n2' }, null, { canWrite: true })).toMatchObject({
      correctedByHref: '/people/p1/notes/n2',
      correctHref: null,
    });
    const correction = noteView({ ...note, id: 'n2', corrects_id: 'n1', occurred_time: null }, note, {
      canWrite: false,
    });
    expect(correction.corrects).toEqual({
      href: '/people/p1/notes/n1',
      words: '4 December 2026 at 2:05pm by Jo Hub Manager',
    });
    expect(correction.occurred).toBe('4 December 2026');
    expect(correction.correctHref).toBeNull();
  });
});
