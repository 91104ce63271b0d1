/** The service navigation a user sees depends on what their roles allow. */
import { isCasePermission, type Permission } from '../access/permissions.ts';
import type { Principal } from '../access/principal.ts';

interface NavItem {
  href: string;
  text: string;
  /** `approver`: holds a case permission, so may approve colleagues' case roles (SECURITY 25). */
  needs: Permission | 'authenticated' | 'approver';
}

/** Whether this person may be asked to approve case permissions: they hold at least one. */
export function mayApprove(principal: Principal): boolean {
  return principal.kind === 'user' && [...principal.permissions].some(isCasePermission);
}

const ITEMS: NavItem[] = [
  { href: '/', text: 'Home', needs: 'authenticated' },
  // Every case role (hub and CSE team) has work; referrers, analysts and administrators do not.
  { href: '/my-work', text: 'My work', needs: 'case:read' },
  { href: '/referrals/new', text: 'Refer a child', needs: 'referral:create' },
  { href: '/suspect-referrals/new', text: 'Refer a suspect', needs: 'referral:create' },
  { href: '/referrals', text: 'Referrals', needs: 'referral:read-own-agency' },
  { href: '/shared', text: 'Shared with you', needs: 'referral:read-own-agency' },
  { href: '/intelligence', text: 'Intelligence', needs: 'referral:create' },
  { href: '/search', text: 'Search', needs: 'case:search' },
  { href: '/mash', text: 'MASH queue', needs: 'mash:triage' },
  { href: '/mash/reassessments', text: 'Reassessments due', needs: 'case:read' },
  { href: '/mash/dashboard', text: 'MASH dashboard', needs: 'mash:decide' },
  { href: '/matches', text: 'Possible matches', needs: 'people:merge' },
  { href: '/missing/rhi-due', text: 'Interviews due', needs: 'case:work' },
  { href: '/pursue/priorities', text: 'Pursue priorities', needs: 'case:work' },
  // Analysts read the priorities by pseudonym (policy-pursue.ts: PRIORITY_READERS).
  { href: '/pursue/priorities', text: 'Pursue priorities', needs: 'analysis:read' },
  { href: '/placements', text: 'Placements', needs: 'case:read' },
  { href: '/reports/briefing', text: 'Briefing', needs: 'stats:published' },
  { href: '/audit', text: 'Audit log', needs: 'audit:read' },
  { href: '/approvals', text: 'Approvals', needs: 'approver' },
  { href: '/admin/agencies', text: 'Agencies and teams', needs: 'admin:agencies' },
  { href: '/admin/users', text: 'Users', needs: 'admin:users' },
  { href: '/admin/tokens', text: 'API tokens', needs: 'admin:tokens' },
];

export function navigationFor(principal: Principal, currentPath: string) {
  if (principal.kind !== 'user') return [];
  const shown = ITEMS.filter((item) =>
    item.needs === 'authenticated'
      ? true
      : item.needs === 'approver'
        ? mayApprove(principal)
        : principal.permissions.has(item.needs),
  ).filter((item, i, all) => all.findIndex((other) => other.href === item.href) === i);
  // The most specific item under which the page sits is the active one (/mash/dashboard is not the queue).
  const matches = (href: string) =>
    href === '/' ? currentPath === '/' : currentPath === href || currentPath.startsWith(`${href}/`);
  const active = shown
    .filter((item) => matches(item.href))
    .reduce<NavItem | null>(
      (best, item) => (!best || item.href.length > best.href.length ? item : best),
      null,
    );
  return shown.map((item) => ({ href: item.href, text: item.text, active: item === active }));
}
