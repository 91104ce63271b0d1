/** IP addresses and CIDR ranges named in configuration (trusted proxies, operations access). */
import { isIP } from 'node:net';

export interface AddressRange {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** An address (a /32 or /128) or a CIDR range; null for anything else, and for a /0 that admits everyone. */
export function parseRange(entry: string): AddressRange | null {
  const [address = '', prefixText, ...extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra.length) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1;
  // A /0 range lets every address in, which is what each of these settings exists to stop.
  if (prefix < 1 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * A comma-separated list of addresses and ranges, each alias replaced by what it stands for; `invalid`
 * holds the entries that are neither an alias nor an address or range.
 */
export function addressList(
  raw: string,
  aliases: Readonly<Record<string, readonly string[]>> = {},
): { entries: string[]; invalid: string[] } {
  const given = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return {
    entries: given.flatMap((entry) => (Object.hasOwn(aliases, entry) ? [...aliases[entry]!] : [entry])),
    invalid: given.filter((entry) => !Object.hasOwn(aliases, entry) && !parseRange(entry)),
  };
}
