/**
 * Roles and their permissions, declared in code (never in the database), so that a change of what a role
 * may do is a reviewed code change. Administrators hold no case permission at all.
 */

export const PERMISSIONS = {
  // Referrals and people
  'referral:create': 'Submit victim and suspect referrals',
  'referral:read-own-agency': "Read the referrals one's own agency submitted, and their feedback",
  'referral:import': 'Load the partnership’s past referrals and their MASH outcomes (import of history)',
  'case:read': 'Read people, referrals and case records in scope',
  'case:search': 'Search people in scope',
  'people:merge': 'Confirm or reject possible matches, and merge or unmerge people in scope',
  'people:dedupe': 'Run deduplication of the whole registry (merges people linked with near certainty)',
  // MASH
  'mash:triage': 'Triage referrals (the first RAG), research for one’s own agency, propose a decision',
  'mash:contribute': "Record one's agency's research contribution",
  'mash:decide': 'Change RAG, allocate, approve or return proposed decisions, decide outcomes',
  'mash:share': 'Record information sharing decisions and disclosures',
  // Exploitation team work
  'case:work': 'Risk assessments, missing episodes, disruption of offenders',
  // Analysis and statistics
  'analysis:read': 'Networks, locations and operational statistics',
  'stats:published': 'Aggregate, disclosure-controlled statistics',
  'stats:operational': 'Exact operational statistics',
  // Oversight
  'audit:read': 'Read and verify the audit log',
  // Administration (no case data)
  'admin:agencies': 'Manage agencies and teams',
  'admin:users': 'Manage users, their roles and teams',
  'admin:tokens': 'Issue and revoke API tokens for partner systems',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** What every case-working role (hub or CSE team) may do: refer, read and search cases, merge people. */
const CASE_STAFF_PERMISSIONS = [
  'referral:create',
  'referral:read-own-agency',
  'case:read',
  'case:search',
  'people:merge',
] as const satisfies readonly Permission[];

/** The MASH hub's own work on an episode: triage, contributions and information sharing. */
const HUB_WORK_PERMISSIONS = [
  'mash:triage',
  'mash:contribute',
  'mash:share',
] as const satisfies readonly Permission[];

export const ROLES = {
  REFERRER: {
    label: 'Referrer',
    permissions: ['referral:create', 'referral:read-own-agency'],
  },
  MASH_PRACTITIONER: {
    label: 'MASH practitioner',
    permissions: [...CASE_STAFF_PERMISSIONS, ...HUB_WORK_PERMISSIONS],
  },
  MASH_MANAGER: {
    label: 'MASH manager',
    permissions: [
      ...CASE_STAFF_PERMISSIONS,
      'people:dedupe',
      ...HUB_WORK_PERMISSIONS,
      'mash:decide',
      // Loading the hub's history writes referrals and decisions as the hub's manager would (decision 0026).
      'referral:import',
      'stats:operational',
    ],
  },
  CSE_OFFICER: {
    label: 'CSE team officer',
    permissions: [...CASE_STAFF_PERMISSIONS, 'case:work'],
  },
  ANALYST: {
    label: 'Analyst',
    permissions: ['analysis:read', 'stats:published', 'stats:operational'],
  },
  PARTNERSHIP_MEMBER: {
    label: 'Partnership member',
    permissions: ['stats:published'],
  },
  AUDITOR: {
    label: 'Auditor',
    permissions: ['audit:read'],
  },
  ADMINISTRATOR: {
    label: 'Administrator',
    permissions: ['admin:agencies', 'admin:users', 'admin:tokens'],
  },
} as const satisfies Record<string, { label: string; permissions: readonly Permission[] }>;

export type Role = keyof typeof ROLES;

export const ROLE_NAMES = Object.keys(ROLES) as Role[];

/**
 * Permissions a token may be given: partner systems submit and read case data in their agency's scope,
 * identity systems may provision agencies and users, and a partner's analysis system may read the briefing,
 * published or exact (operational: decision 0027). No token may issue tokens or read the audit log.
 */
export const TOKEN_GRANTABLE: readonly Permission[] = [
  ...CASE_STAFF_PERMISSIONS,
  ...HUB_WORK_PERMISSIONS,
  'mash:decide',
  'referral:import',
  'case:work',
  'stats:published',
  'stats:operational',
  'admin:agencies',
  'admin:users',
];

export const CASE_PERMISSIONS: readonly Permission[] = [
  'people:merge',
  'people:dedupe',
  'referral:create',
  'referral:read-own-agency',
  'referral:import',
  'case:read',
  'case:search',
  'mash:triage',
  'mash:contribute',
  'mash:decide',
  'mash:share',
  'case:work',
  'analysis:read',
];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    if (isRole(role)) for (const p of ROLES[role].permissions) granted.add(p);
  }
  return granted;
}

/**
 * A permission that cannot be used without another: whoever submits referrals reads what their agency
 * submitted (the person it recorded, the feedback). Every role holds both; a token given only the first
 * gets the second too, instead of failing half-way through its first referral.
 */
const IMPLIED: Partial<Record<Permission, readonly Permission[]>> = {
  'referral:create': ['referral:read-own-agency'],
};

export function withImpliedPermissions(granted: Iterable<Permission>): Set<Permission> {
  const all = new Set(granted);
  for (const p of [...all]) for (const implied of IMPLIED[p] ?? []) all.add(implied);
  return all;
}

export function isCasePermission(permission: Permission): boolean {
  return CASE_PERMISSIONS.includes(permission);
}

/** A role that holds any case permission: granting it needs the approval of a case-permission holder. */
export function isCaseRole(role: Role): boolean {
  return ROLES[role].permissions.some(isCasePermission);
}

export const CASE_ROLES: readonly Role[] = ROLE_NAMES.filter(isCaseRole);

/** The case permissions among `permissions`, each once, in declaration order. */
export function casePermissionsIn(permissions: Iterable<string>): Permission[] {
  const given = new Set(permissions);
  return CASE_PERMISSIONS.filter((p) => given.has(p));
}

/**
 * Which roles a user of each type of agency may hold. What an agency's staff may do follows from what the
 * agency does: a school refers and, through its designated safeguarding lead, contributes to the MASH but
 * never runs it; only children's social care and the police manage a MASH (DOMAIN.md). A token for an
 * agency can hold only what one of these roles gives (SECURITY 25). Types not listed get the roles every
 * agency may hold.
 */
const EVERY_AGENCY: readonly Role[] = ['REFERRER', 'PARTNERSHIP_MEMBER', 'AUDITOR', 'ADMINISTRATOR'];
const CASE_ROLES_BY_AGENCY_TYPE: Readonly<Record<string, readonly Role[]>> = {
  POLICE: ['MASH_PRACTITIONER', 'MASH_MANAGER', 'CSE_OFFICER', 'ANALYST'],
  CHILDRENS_SOCIAL_CARE: ['MASH_PRACTITIONER', 'MASH_MANAGER', 'CSE_OFFICER', 'ANALYST'],
  HEALTH: ['MASH_PRACTITIONER', 'CSE_OFFICER', 'ANALYST'],
  EDUCATION: ['MASH_PRACTITIONER'],
  PROBATION: ['MASH_PRACTITIONER', 'CSE_OFFICER', 'ANALYST'],
  YOUTH_JUSTICE: ['MASH_PRACTITIONER', 'CSE_OFFICER', 'ANALYST'],
  HOUSING: ['MASH_PRACTITIONER'],
  VOLUNTARY: ['CSE_OFFICER'],
  OTHER: ['ANALYST'],
};

export function rolesForAgencyType(type: string): Role[] {
  const extra = Object.hasOwn(CASE_ROLES_BY_AGENCY_TYPE, type) ? CASE_ROLES_BY_AGENCY_TYPE[type]! : [];
  return ROLE_NAMES.filter((r) => EVERY_AGENCY.includes(r) || extra.includes(r));
}

/** Everything some user of an agency of this type could be given. */
export function permissionsForAgencyType(type: string): Set<Permission> {
  return permissionsOf(rolesForAgencyType(type));
}
