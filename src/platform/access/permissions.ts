/**
 * Roles and their permissions, declared in code (never in the database), so that a change of what a role
 * may do is a reviewed code change. Administrators hold no case permission at all.
 */

export const PERMISSIONS = {
  // Referrals and people
  'referral:create': 'Submit victim and suspect referrals',
  'referral:read-own-agency': "Read the referrals one's own agency submitted, and their feedback",
  'case:read': 'Read people, referrals and case records in scope',
  'case:search': 'Search people in scope',
  'people:merge': 'Confirm or reject possible matches, and merge or unmerge people in scope',
  'people:dedupe': 'Run deduplication of the whole registry (merges people linked with near certainty)',
  // MASH
  'mash:triage': 'Triage referrals and research for one’s own agency',
  'mash:contribute': "Record one's agency's research contribution",
  'mash:decide': 'Set and change RAG, decide outcomes, allocate',
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

export const ROLES = {
  REFERRER: {
    label: 'Referrer',
    permissions: ['referral:create', 'referral:read-own-agency'],
  },
  MASH_PRACTITIONER: {
    label: 'MASH practitioner',
    permissions: [
      'referral:create',
      'referral:read-own-agency',
      'case:read',
      'case:search',
      'people:merge',
      'mash:triage',
      'mash:contribute',
      'mash:share',
    ],
  },
  MASH_MANAGER: {
    label: 'MASH manager',
    permissions: [
      'referral:create',
      'referral:read-own-agency',
      'case:read',
      'case:search',
      'people:merge',
      'people:dedupe',
      'mash:triage',
      'mash:contribute',
      'mash:share',
      'mash:decide',
      'stats:operational',
    ],
  },
  CSE_OFFICER: {
    label: 'CSE team officer',
    permissions: [
      'referral:create',
      'referral:read-own-agency',
      'case:read',
      'case:search',
      'people:merge',
      'case:work',
    ],
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
 * Permissions a token may be given: partner systems submit and read case data in their agency's scope, and
 * identity systems may provision agencies and users. No token may issue tokens or read the audit log.
 */
export const TOKEN_GRANTABLE: readonly Permission[] = [
  'referral:create',
  'referral:read-own-agency',
  'case:read',
  'case:search',
  'people:merge',
  'mash:triage',
  'mash:contribute',
  'mash:share',
  'mash:decide',
  'case:work',
  'stats:published',
  'admin:agencies',
  'admin:users',
];

const CASE_PERMISSIONS: readonly Permission[] = [
  'people:merge',
  'people:dedupe',
  'referral:create',
  'referral:read-own-agency',
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

export function isCasePermission(permission: Permission): boolean {
  return CASE_PERMISSIONS.includes(permission);
}
