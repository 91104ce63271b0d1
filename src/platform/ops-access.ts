/**
 * Who may read the operational endpoints that describe the service (/metrics, the API documentation and
 * the OpenAPI document): addresses in LANTERN_OPS_ALLOW (default: this machine only), or anyone sending
 * LANTERN_OPS_TOKEN as a bearer token. /healthz and /readyz stay open for load balancers; they say nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { addressList, parseRange } from './address-ranges.ts';

export interface OpsAccess {
  /** Addresses or CIDR ranges, as configured. */
  allow: string[];
  token: string | null;
}

type Env = Record<string, string | undefined>;

const ALIASES: Record<string, readonly string[]> = { loopback: ['127.0.0.0/8', '::1/128'], none: [] };

/** `isWeak` is the configuration's own test of a secret (config.ts), applied to the token. */
export function opsAccessFrom(env: Env, problems: string[], isWeak: (secret: string) => boolean): OpsAccess {
  const { entries, invalid: bad } = addressList(env['LANTERN_OPS_ALLOW'] ?? 'loopback', ALIASES);
  if (bad.length)
    problems.push(
      `LANTERN_OPS_ALLOW must list IP addresses or CIDR ranges separated by commas, "loopback" or "none"; not valid: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  const token = env['LANTERN_OPS_TOKEN'] || null;
  if (token !== null && isWeak(token))
    problems.push(
      'LANTERN_OPS_TOKEN is weak: use at least 32 random characters, e.g. `openssl rand -base64 48`',
    );
  return { allow: entries, token };
}

/** A decision function for one configuration: (client address, Authorization header) → allowed. */
export function opsGate(access: OpsAccess): (address: string, authorization: string | undefined) => boolean {
  const list = new BlockList();
  for (const entry of access.allow) {
    const range = parseRange(entry);
    if (range) list.addSubnet(range.address, range.prefix, range.family);
  }
  const expected = access.token ? Buffer.from(`Bearer ${access.token}`) : null;
  return (address, authorization) => {
    if (expected && authorization) {
      const given = Buffer.from(authorization);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
    }
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}
