/**
 * What the administration pages show, shaped for the GOV.UK macros (select items, checkbox items, table
 * rows). Pure: the routes load the rows and pass them in.
 */

import { PERMISSIONS, ROLE_NAMES, ROLES, TOKEN_GRANTABLE } from '../platform/access/permissions.ts';
import { areaLabel } from '../platform/codes/areas.ts';
import { AGENCY_TYPES } from '../platform/codes/referral.ts';
import { noticeFrom as noticeFromList } from '../platform/http/page-route.ts';
import { ukDate } from '../platform/time/display.ts';
import type { AccessRequestRow } from './approval-store.ts';
import { agencyTypeLabel } from './rules.ts';
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
  'user-created-pending':
    'User added. Their case roles take effect when someone in their agency who holds them approves.',
  'token-requested':
    'Token asked for. It has no secret until someone in its agency who holds its case permissions approves it; they are shown the secret.',
  'access-approved': 'Approved. The roles are now in effect.',
  'access-rejected': 'Rejected. Nothing was given.',
};

export function noticeFrom(query: unknown): string | null {
  return noticeFromList(query, NOTICES);
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

export function permissionLabels(permissions: readonly string[]): string[] {
  return permissions.map((p) =>
    Object.hasOwn(PERMISSIONS, p) ? PERMISSIONS[p as keyof typeof PERMISSIONS] : p,
  );
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
      text: team.area ? `${team.name} (${areaLabel(team.area)})` : team.name,
      checked: selected.includes(team.id),
    });
  }
  return [...groups.values()];
}

export function agencyView(agency: AgencyRow & { team_count?: number }) {
  return { ...agency, typeLabel: agencyTypeLabel(agency.type) };
}

export function userListView(
  users: ReadonlyArray<UserRow & { pending_roles: string[] }>,
  teams: readonly TeamRow[],
  now = new Date(),
) {
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  return users.map((u) => ({
    ...u,
    roleLabels: roleLabels(u.roles),
    pendingRoleLabels: roleLabels(u.pending_roles),
    teamNames: u.team_ids.map((id) => teamNames.get(id) ?? id),
    locked: u.locked_until !== null && u.locked_until.getTime() > now.getTime(),
  }));
}

function tokenStatus(t: TokenRow, now: Date): string {
  if (t.revoked_at) return 'Revoked';
  if (t.approval === 'PENDING') return 'Waiting for approval';
  if (t.approval === 'REJECTED') return 'Rejected';
  return t.expires_at.getTime() <= now.getTime() ? 'Expired' : 'Active';
}

export function tokenListView(tokens: readonly TokenRow[], now = new Date()) {
  return tokens.map((t) => ({
    ...t,
    status: tokenStatus(t, now),
    permissionLabels: permissionLabels(t.permissions),
  }));
}

/** Who asked, as a person reads it: a colleague's name, a partner system, or the service operator. */
function askedBy(row: AccessRequestRow): string {
  if (row.requested_by_name) return row.requested_by_name;
  if (row.requested_by_label.startsWith('token:'))
    return `Partner system “${row.requested_by_label.slice('token:'.length)}”`;
  return row.requested_by_label === 'system' ? 'The service operator' : row.requested_by_label;
}

function summaryRows(view: ReturnType<typeof requestFacts>) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Agency', view.agencyName),
    ...(view.kind === 'ROLES'
      ? [row('Person', view.who), row('Roles', view.roleLabels.join(', '))]
      : [row('Partner system', view.who)]),
    row('Case permissions', view.permissionLabels.join('; ')),
    row('Why', view.why),
    row('Asked by', view.askedBy),
    row('Asked on', ukDate(view.askedAt)),
    ...(view.signIn ? [row('Signing in', view.signIn)] : []),
  ];
}

/** A request for case permissions as the Approvals pages show it. */
export function requestView(row: AccessRequestRow) {
  const facts = requestFacts(row);
  return { ...facts, summaryRows: summaryRows(facts) };
}

function requestFacts(row: AccessRequestRow) {
  const roles = row.kind === 'ROLES';
  return {
    id: row.id,
    kind: row.kind,
    title: roles ? `Roles for ${row.user_display_name ?? ''}` : `API token “${row.token_name ?? ''}”`,
    who: roles ? `${row.user_display_name ?? ''} (${row.user_username ?? ''})` : (row.token_name ?? ''),
    agencyName: row.agency_name,
    roleLabels: roleLabels(row.roles),
    permissionLabels: permissionLabels(row.permissions),
    why:
      row.cause === 'SIGN_IN_CHANGED'
        ? 'An administrator changed how this person signs in, so their case roles need approving again'
        : 'Newly asked for',
    askedBy: askedBy(row),
    askedAt: row.requested_at,
    signIn: !roles
      ? null
      : row.user_totp_enrolled
        ? 'Authenticator app set up'
        : row.user_oidc
          ? 'Single sign-on'
          : 'Has not signed in yet',
  };
}
