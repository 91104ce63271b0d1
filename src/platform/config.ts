/**
 * Configuration comes only from environment variables, validated once at start. In production a missing
 * or weak secret stops the start with a message naming the variable and how to fix it.
 */

import { addressList } from './address-ranges.ts';
import { auditKeyFromSecret } from './audit/key.ts';
import { type OpsAccess, opsAccessFrom } from './ops-access.ts';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The claim whose value is matched to a Lantern user's `oidc_subject` (default `sub`) or email. */
  userClaim: 'sub' | 'email';
  label: string;
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
  /** Public base URL, used for links printed to the console and OIDC redirects. */
  baseUrl: string;
  /** A PostgreSQL server; when absent the embedded database under `dataDir` is used. */
  databaseUrl: string | null;
  dataDir: string;
  sessionSecret: string;
  /** Seals the audit chain; the database never holds it (platform/audit/key.ts). */
  auditKey: Buffer;
  demo: boolean;
  idleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  signInRateLimitPerMinute: number;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). Empty: the connecting
   * address is the client's, so that no client can pick its own address to dodge the sign-in rate limit.
   */
  trustedProxies: string[];
  apiRateLimitPerMinute: number;
  lockout: { threshold: number; baseSeconds: number; maxSeconds: number };
  oidc: OidcConfig | null;
  logLevel: string;
  /** Repeat missing (local): this many episodes within this many days flags the child. */
  repeatMissing: { episodes: number; windowDays: number };
  /** Who may read /metrics and the API documentation. */
  ops: OpsAccess;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Lantern cannot start; fix its configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const DEV_SECRET = 'development-only-secret-not-for-production-use';

type Env = Record<string, string | undefined>;

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (it is "${raw}")`);
    return fallback;
  }
  return value;
}

// Names proxy-addr (Fastify's trustProxy) understands for well-known ranges: passed on as they are.
const PROXY_RANGE_NAMES: Record<string, readonly string[]> = {
  loopback: ['loopback'],
  linklocal: ['linklocal'],
  uniquelocal: ['uniquelocal'],
};

function trustedProxiesFrom(env: Env, problems: string[]): string[] {
  const { entries, invalid: bad } = addressList(env['LANTERN_TRUSTED_PROXIES'] ?? '', PROXY_RANGE_NAMES);
  if (bad.length)
    problems.push(
      `LANTERN_TRUSTED_PROXIES must list IP addresses or CIDR ranges of your reverse proxies, separated by commas (e.g. "10.0.0.5, 10.1.0.0/16"); not valid: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  return entries;
}

/** A secret is weak when short or made of few distinct characters (e.g. "changeme", "aaaa..."). */
export function isWeakSecret(secret: string): boolean {
  return secret.length < 32 || new Set(secret).size < 10 || secret === DEV_SECRET;
}

function oidcFrom(env: Env, baseUrl: string, problems: string[]): OidcConfig | null {
  const issuer = env['LANTERN_OIDC_ISSUER'];
  if (!issuer) return null;
  const clientId = env['LANTERN_OIDC_CLIENT_ID'];
  const clientSecret = env['LANTERN_OIDC_CLIENT_SECRET'];
  if (!clientId) problems.push('LANTERN_OIDC_CLIENT_ID is required when LANTERN_OIDC_ISSUER is set');
  if (!clientSecret) problems.push('LANTERN_OIDC_CLIENT_SECRET is required when LANTERN_OIDC_ISSUER is set');
  const userClaim = env['LANTERN_OIDC_USER_CLAIM'] ?? 'sub';
  if (userClaim !== 'sub' && userClaim !== 'email')
    problems.push('LANTERN_OIDC_USER_CLAIM must be "sub" or "email"');
  return {
    issuer,
    clientId: clientId ?? '',
    clientSecret: clientSecret ?? '',
    redirectUri: env['LANTERN_OIDC_REDIRECT_URI'] ?? `${baseUrl}/sign-in/oidc/callback`,
    userClaim: userClaim === 'email' ? 'email' : 'sub',
    label: env['LANTERN_OIDC_LABEL'] ?? 'your organisation’s account',
  };
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const production = env['NODE_ENV'] === 'production';
  const port = integer(env, 'PORT', 3000, 1, 65535, problems);
  const host = env['HOST'] ?? '0.0.0.0';
  const baseUrl = (env['LANTERN_BASE_URL'] ?? `http://localhost:${port}`).replace(/\/$/, '');
  let sessionSecret = env['LANTERN_SESSION_SECRET'] ?? '';
  if (production) {
    if (!sessionSecret) {
      problems.push(
        'LANTERN_SESSION_SECRET is missing: set it to a random value of at least 32 characters, e.g. `openssl rand -base64 48`',
      );
    } else if (isWeakSecret(sessionSecret)) {
      problems.push(
        'LANTERN_SESSION_SECRET is weak: use at least 32 random characters, e.g. `openssl rand -base64 48`',
      );
    }
    if (!env['DATABASE_URL']) {
      problems.push(
        'DATABASE_URL is missing: production runs on a PostgreSQL server, not the embedded database',
      );
    }
  } else if (!sessionSecret) {
    sessionSecret = DEV_SECRET;
  }
  const auditKeyText = env['LANTERN_AUDIT_KEY'] ?? '';
  if (auditKeyText && isWeakSecret(auditKeyText))
    problems.push(
      'LANTERN_AUDIT_KEY is weak: use at least 32 random characters, e.g. `openssl rand -base64 48`',
    );
  const config: Config = {
    production,
    port,
    host,
    baseUrl,
    databaseUrl: env['DATABASE_URL'] || null,
    dataDir: env['LANTERN_DATA_DIR'] ?? './data',
    sessionSecret,
    auditKey: auditKeyFromSecret(auditKeyText || sessionSecret),
    demo: env['LANTERN_DEMO'] === '1' || env['LANTERN_DEMO'] === 'true',
    idleTimeoutMinutes: integer(env, 'LANTERN_IDLE_TIMEOUT_MINUTES', 30, 1, 24 * 60, problems),
    absoluteTimeoutHours: integer(env, 'LANTERN_ABSOLUTE_TIMEOUT_HOURS', 10, 1, 72, problems),
    signInRateLimitPerMinute: integer(env, 'LANTERN_SIGN_IN_RATE_LIMIT', 10, 1, 10000, problems),
    trustedProxies: trustedProxiesFrom(env, problems),
    apiRateLimitPerMinute: integer(env, 'LANTERN_API_RATE_LIMIT', 600, 1, 1000000, problems),
    lockout: {
      threshold: integer(env, 'LANTERN_LOCKOUT_THRESHOLD', 5, 1, 100, problems),
      baseSeconds: integer(env, 'LANTERN_LOCKOUT_BASE_SECONDS', 60, 1, 86400, problems),
      maxSeconds: integer(env, 'LANTERN_LOCKOUT_MAX_SECONDS', 3600, 1, 604800, problems),
    },
    oidc: null,
    logLevel: env['LOG_LEVEL'] ?? 'info',
    repeatMissing: {
      episodes: integer(env, 'LANTERN_REPEAT_MISSING_EPISODES', 3, 2, 100, problems),
      windowDays: integer(env, 'LANTERN_REPEAT_MISSING_DAYS', 90, 1, 3650, problems),
    },
    ops: opsAccessFrom(env, problems, isWeakSecret),
  };
  config.oidc = oidcFrom(env, baseUrl, problems);
  if (production && config.demo) problems.push('LANTERN_DEMO cannot be used with NODE_ENV=production');
  if (problems.length) throw new ConfigError(problems);
  return config;
}
