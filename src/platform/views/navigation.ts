/** The service navigation a user sees depends on what their roles allow. */
import type { Permission } from '../access/permissions.ts';
import type { Principal } from '../access/principal.ts';

interface NavItem {
  href: string;
  text: string;
  needs: Permission | 'authenticated';
}

const ITEMS: NavItem[] = [
  { href: '/', text: 'Home', needs: 'authenticated' },
  { href: '/referrals/new', text: 'Refer a child', needs: 'referral:create' },
  { href: '/suspect-referrals/new', text: 'Refer a suspect', needs: 'referral:create' },
  { href: '/referrals', text: 'Referrals', needs: 'referral:read-own-agency' },
  { href: '/search', text: 'Search', needs: 'case:search' },
  { href: '/audit', text: 'Audit log', needs: 'audit:read' },
  { href: '/admin/agencies', text: 'Agencies and teams', needs: 'admin:agencies' },
  { href: '/admin/users', text: 'Users', needs: 'admin:users' },
  { href: '/admin/tokens', text: 'API tokens', needs: 'admin:tokens' },
];

export function navigationFor(principal: Principal, currentPath: string) {
  if (principal.kind !== 'user') return [];
  return ITEMS.filter((item) => item.needs === 'authenticated' || principal.permissions.has(item.needs)).map(
    (item) => ({
      href: item.href,
      text: item.text,
      active: item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href),
    }),
  );
}
