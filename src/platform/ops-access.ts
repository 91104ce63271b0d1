/**
 * Who may read the operational endpoints that describe the service (/metrics, the API documentation and
 * the OpenAPI document): addresses in LANTERN_OPS_ALLOW (default: this machine only), or anyone sending
 * LANTERN_OPS_TOKEN as a bearer token. /healthz and /readyz stay open for load balancers; they say nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

export interface OpsAccess {
  /** Addresses or CIDR ranges, as configured. */
  allow: string[];
  token: string | null;
}

type Env = Record<string, string | undefined>;

const LOOPBACK = ['127.0.0.0/8', '::1/128'];

function parseRange(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, ...extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra.length) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
  // A /0 range lets every address in, which is what this setting exists to stop.
  if (prefix < 1 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export function opsAccessFrom(env: Env, problems: string[]): OpsAccess {
  const raw = env['LANTERN_OPS_ALLOW'] ?? 'loopback';
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .flatMap((e) => (e === 'loopback' ? LOOPBACK : e === 'none' ? [] : [e]));
  const bad = entries.filter((e) => !parseRange(e));
  if (bad.length)
    problems.push(
      `LANTERN_OPS_ALLOW must list IP addresses or CIDR ranges separated by commas, "loopback" or "none"; not valid: ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  const token = env['LANTERN_OPS_TOKEN'] || null;
  if (token !== null && (token.length < 32 || new Set(token).size < 10))
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
