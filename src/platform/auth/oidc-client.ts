/**
 * The OpenID provider's metadata, discovered on first use and kept. Discovery is lazy so that Lantern
 * starts (and password sign-in works) while the provider is down; a failed discovery is retried on the
 * next sign-in attempt. Concurrent attempts share one request.
 */
import * as client from 'openid-client';
import type { OidcConfig } from '../config.ts';

/** Seconds to wait for the provider on each back-channel request (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_SECONDS = 10;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Plain http:// is allowed only for a provider on this machine (a test or a developer's local provider),
 * and never in production. Every other issuer must use https://.
 */
export function allowsInsecureIssuer(issuer: URL, production: boolean): boolean {
  return !production && issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
}

export interface OidcClient {
  /** The provider's configuration; throws when it cannot be discovered (try again later). */
  configuration(): Promise<client.Configuration>;
}

export function createOidcClient(
  oidc: OidcConfig,
  production: boolean,
  discover: typeof client.discovery = client.discovery,
): OidcClient {
  let cached: client.Configuration | null = null;
  let pending: Promise<client.Configuration> | null = null;
  return {
    async configuration() {
      if (cached) return cached;
      if (!pending) {
        const issuer = new URL(oidc.issuer);
        pending = discover(issuer, oidc.clientId, undefined, client.ClientSecretBasic(oidc.clientSecret), {
          timeout: PROVIDER_TIMEOUT_SECONDS,
          ...(allowsInsecureIssuer(issuer, production) ? { execute: [client.allowInsecureRequests] } : {}),
        })
          .then((configuration) => {
            cached = configuration;
            return configuration;
          })
          .finally(() => {
            pending = null;
          });
      }
      return pending;
    },
  };
}
