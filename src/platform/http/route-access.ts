/**
 * Default deny: every route declares the permission it needs and the audit action it writes, or is on the
 * short public list below. buildApp() refuses to start otherwise (see enforceRouteDeclarations).
 */
import type { RouteOptions } from 'fastify';
import { isPermission } from '../access/permissions.ts';
import type { RoutePermission } from '../access/policy.ts';

/**
 * `authenticated`: any signed-in user (e.g. the home page, sign-out); a list: any one of those permissions,
 * so a handler never re-checks what the route declared. `audit: 'none'` declares that the route neither
 * reads personal data nor changes anything (a form page, a menu). Whether the caller holds it is decided by
 * `mayUseRoute` in the access policy.
 */
export interface RouteAccess {
  permission: RoutePermission;
  audit: string;
  /** `page`: signed-in browser session with CSRF on writes; `api`: bearer token, JSON only. */
  surface: 'page' | 'api';
}

export interface PublicRoute {
  public: true;
  surface: 'page' | 'api' | 'ops';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    public?: PublicRoute;
  }
}

/** The only routes that need no permission. Each is either before sign-in or carries no personal data. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /api/v1/openapi.json',
  'GET /sign-in',
  'POST /sign-in',
  'GET /sign-in/totp',
  'POST /sign-in/totp',
  'GET /sign-in/enrol',
  'POST /sign-in/enrol',
  'GET /sign-in/oidc',
  'GET /sign-in/oidc/callback',
  'GET /setup/:token',
  'POST /setup/:token',
  'GET /signed-out',
]);

/**
 * Mounts served by plugins (static files, the API browser) rather than by our handlers: public, since
 * they carry no data, and marked so when registered.
 */
export const PUBLIC_PLUGIN_PREFIXES: readonly string[] = ['/assets/build/', '/api/docs'];

export function markPluginRoutePublic(route: RouteOptions): void {
  if (PUBLIC_PLUGIN_PREFIXES.some((prefix) => route.url.startsWith(prefix))) {
    route.config = {
      ...(route.config ?? {}),
      public: { public: true, surface: 'ops' },
    } as RouteOptions['config'];
  }
}

export const AUDIT_ACTION = /^[A-Z][A-Z0-9_]{2,63}$/;

function methodsOf(route: RouteOptions): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
}

/** Returns why a route may not be registered, or null. */
export function routeDeclarationProblem(route: RouteOptions): string | null {
  const config = (route.config ?? {}) as { access?: RouteAccess; public?: PublicRoute };
  for (const method of methodsOf(route)) {
    const key = `${method} ${route.url}`;
    if (config.public) {
      const pluginMount = PUBLIC_PLUGIN_PREFIXES.some((prefix) => route.url.startsWith(prefix));
      if (!pluginMount && !PUBLIC_ROUTES.has(key))
        return `${key} declares itself public but is not on the public list`;
      continue;
    }
    if (!config.access) return `${key} declares no permission and audit action`;
    const { permission, audit } = config.access;
    const listed =
      permission === 'authenticated' ? [] : typeof permission === 'string' ? [permission] : permission;
    if (permission !== 'authenticated' && listed.length === 0)
      return `${key} declares an empty permission list`;
    const unknown = listed.find((p) => !isPermission(p));
    if (unknown !== undefined) return `${key} declares an unknown permission "${unknown}"`;
    if (audit !== 'none' && !AUDIT_ACTION.test(audit))
      return `${key} declares an invalid audit action "${audit}"`;
  }
  return null;
}

export class RouteDeclarationError extends Error {}
