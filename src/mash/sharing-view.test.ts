/** Sharing grants as pages show them: the form's lists, the hub's grants, "Shared with you" in pages. */
import { describe, expect, it } from 'vitest';
import { blankSharing } from './form.ts';
import type { GrantRow, SharedWithRow } from './sharing-service.ts';
import { grantsView, sharedListView, sharingFormLists } from './sharing-view.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

const grant: GrantRow = {
  id: 'g1',
  decision_id: 'd1',
  episode_id: 'e1',
  referral_id: 'r1',
  person_id: 'p1',
  area: 'LANCASHIRE',
  recipient_kind: 'TEAM',
  recipient_id: 't1',
  recipient_label: 'South CSE team, Lancashire Constabulary',
  items: ['REFERRAL', 'DECISION'],
  contribution_ids: ['c1'],
  risk_assessment_id: 'ra1',
  granted_by_label: 'Morgan Manager',
  starts_at: new Date(NOW.getTime() - DAY),
  expires_at: new Date(NOW.getTime() + 89 * DAY),
  revoked_at: null,
  revoked_by_label: null,
  revoke_reason: null,
};

describe('the sharing form', () => {
  it('offers teams, agencies and people by name, and research only where releasable', () => {
    const values = { ...blankSharing(NOW), recipients: ['TEAM:t1', '', ''], contributionIds: ['c1'] };
    const lists = sharingFormLists(
      values,
      {
        agencies: [{ id: 'a1', name: 'Lancashire Constabulary', agency: 'Lancashire Constabulary' }],
        teams: [{ id: 't1', name: 'South CSE team', agency: 'Lancashire Constabulary' }],
        users: [{ id: 'u1', name: 'Chris Officer', agency: 'Lancashire Constabulary' }],
      },
      [
        { id: 'c1', agency: 'NHS trust', at: '1 Dec 2026, 09:00', releasable: true },
        { id: 'c2', agency: 'Council', at: '1 Dec 2026, 10:00', releasable: false },
      ],
    );
    expect(lists.recipientRows).toHaveLength(3);
    expect(lists.recipientRows[0]!.map((o) => o.text)).toEqual([
      'Choose a recipient',
      'Team: South CSE team, Lancashire Constabulary',
      'Agency: Lancashire Constabulary',
      'Person: Chris Officer, Lancashire Constabulary',
    ]);
    expect(lists.recipientRows[0]!.find((o) => o.selected)?.value).toBe('TEAM:t1');
    expect(lists.contributionItems.map((c) => [c.value, c.checked, c.disabled])).toEqual([
      ['c1', true, false],
      ['c2', false, true],
    ]);
    expect(values.periodDays).toBe('90');
  });
});

describe('the hub’s grants', () => {
  it('reads each grant, with "End access" only while active and only for those who may end it', () => {
    const [active] = grantsView([grant], NOW, true);
    expect(active).toMatchObject({
      recipient: 'South CSE team, Lancashire Constabulary',
      kind: 'Team',
      items:
        'The referral’s details; The decision and outcome; 1 contribution; The latest CSE risk assessment',
      status: { text: 'Active' },
      revokeAction: '/mash/sharing-grants/g1/revoke',
    });
    expect(grantsView([grant], NOW, false)[0]!.revokeAction).toBeNull();
    const ended = grantsView(
      [{ ...grant, revoked_at: NOW, revoked_by_label: 'M', revoke_reason: 'Closed' }],
      NOW,
      true,
    )[0]!;
    expect([ended.status.text, ended.revokeAction]).toEqual(['Access ended', null]);
    expect(ended.ended).toContain('Closed');
    const expired = grantsView([{ ...grant, expires_at: NOW }], NOW, true)[0]!;
    expect([expired.status.text, expired.revokeAction]).toEqual(['Expired', null]);
  });
});

describe('"Shared with you"', () => {
  it('pages the list and names the child', () => {
    const row: SharedWithRow = { ...grant, forename: 'Rowan', surname: 'Example' };
    const first = sharedListView([row], 60, 1, 25);
    expect(first.rows[0]).toMatchObject({ href: '/shared/g1', child: 'Rowan Example' });
    expect([first.previous, first.next, first.pages]).toEqual([null, '/shared?page=2', 3]);
    const last = sharedListView([], 60, 3, 25);
    expect([last.previous, last.next]).toEqual(['/shared?page=2', null]);
  });
});
