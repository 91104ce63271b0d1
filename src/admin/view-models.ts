/**
 * What the administration pages show, shaped for the GOV.UK macros (select items, checkbox items, table
 * rows). Pure: the routes load the rows and pass them in.
 */
import { PERMISSIONS, ROLE_NAMES, ROLES, TOKEN_GRANTABLE } from '../platform/access/permissions.ts';
import { AGENCY_TYPES, agencyTypeLabel } from './rules.ts';
import type { AgencyRow, TeamRow, TokenRow, UserRow } from './store.ts';

export interface SelectItem {
  value: string;
  text: string;
  selected?: boolean;
}

export interface CheckboxItem {
  value: string;
  text: string;
  checked: boolean;
  hint?: { text: string };
}

/** Messages shown after a change, chosen by a fixed key in the redirect (never by free text in the URL). */
export const NOTICES: Readonly<Record<string, string>> = {
  'agency-created': 'Agency added',
  'agency-updated': 'Agency details saved',
  'team-created': 'Team added',
  'user-created': 'User added. They set up their authenticator app when they first sign in.',
  'user-updated': 'User details saved',
  'user-disabled': 'User disabled. Their sessions have ended.',
  'user-enabled': 'User enabled',
  'totp-reset': 'Authenticator app reset. The user sets up a new one when they next sign in.',
  'token-revoked': 'Token revoked. It no longer works.',
};

export function noticeFrom(query: unknown): string | null {
  const key = (query as Record<string, unknown> | undefined)?.['notice'];
  return typeof key === 'string' && Object.hasOwn(NOTICES, key) ? NOTICES[key]! : null;
}

export function agencyTypeItems(selected: string | undefined): SelectItem[] {
  return [
    { value: '', text: 'Select a type' },
    ...AGENCY_TYPES.map((t) => ({ value: t.code, text: t.label, selected: t.code === selected })),
  ];
}

export function agencyItems(agencies: readonly AgencyRow[], selected: string | undefined): SelectItem[] {
  return [
    { value: '', text: 'Select an agency' },
    ...agencies.map((a) => ({ value: a.id, text: `${a.name} (${a.code})`, selected: a.id === selected })),
  ];
}

export function roleItems(selected: readonly string[]): CheckboxItem[] {
  return ROLE_NAMES.map((role) => ({
    value: role,
    text: ROLES[role].label,
    checked: selected.includes(role),
    hint: { text: ROLES[role].permissions.map((p) => PERMISSIONS[p]).join('; ') },
  }));
}

export function roleLabels(roles: readonly string[]): string[] {
  return roles.map((r) => (Object.hasOwn(ROLES, r) ? ROLES[r as keyof typeof ROLES].label : r));
}

export function permissionItems(selected: readonly string[]): CheckboxItem[] {
  return TOKEN_GRANTABLE.map((p) => ({
    value: p,
    text: PERMISSIONS[p],
    checked: selected.includes(p),
    hint: { text: p },
  }));
}

export interface TeamGroup {
  agencyName: string;
  idPrefix: string;
  items: CheckboxItem[];
}

/** Team checkboxes grouped by agency; the first group's first box carries the `teamIds` id for errors. */
export function teamGroups(teams: readonly TeamRow[], selected: readonly string[]): TeamGroup[] {
  const groups = new Map<string, TeamGroup>();
  for (const team of teams) {
    let group = groups.get(team.agency_id);
    if (!group) {
      group = {
        agencyName: team.agency_name,
        idPrefix: groups.size === 0 ? 'teamIds' : `teamIds-${groups.size}`,
        items: [],
      };
      groups.set(team.agency_id, group);
    }
    group.items.push({
      value: team.id,
      text: team.area ? `${team.name} (${team.area})` : team.name,
      checked: selected.includes(team.id),
    });
  }
  return [...groups.values()];
}

export function agencyView(agency: AgencyRow & { team_count?: number }) {
  return { ...agency, typeLabel: agencyTypeLabel(agency.type) };
}

export function userListView(users: readonly UserRow[], teams: readonly TeamRow[], now = new Date()) {
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  return users.map((u) => ({
    ...u,
    roleLabels: roleLabels(u.roles),
    teamNames: u.team_ids.map((id) => teamNames.get(id) ?? id),
    locked: u.locked_until !== null && u.locked_until.getTime() > now.getTime(),
  }));
}

export function tokenListView(tokens: readonly TokenRow[], now = new Date()) {
  return tokens.map((t) => ({
    ...t,
    status: t.revoked_at ? 'Revoked' : t.expires_at.getTime() <= now.getTime() ? 'Expired' : 'Active',
  }));
}
