/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1 with a random port, for integration
 * tests. Its login and consent interactions complete at once for the account set with `nextLogin()` (or
 * answer `access_denied` when it is null), so a test can follow the redirects with fetch, no browser.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Who the next login at the provider will be; null makes the provider refuse (access_denied). */
  nextLogin(account: ProviderAccount | null): void;
  close(): Promise<void>;
}

/* The package ships no type declarations; this is the small part of its API the tests use. */
interface Interaction {
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): GrantInstance;
    find(id: string): Promise<GrantInstance | undefined>;
  };
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

export async function startTestOidcProvider(
  options: { redirectUri?: string; clientId?: string; clientSecret?: string; port?: number } = {},
): Promise<TestOidcProvider> {
  // A computed specifier: the package has no declarations for a static import to type-check against.
  const specifier: string = 'oidc-provider';
  const { default: Provider } = (await import(specifier)) as { default: ProviderConstructor };
  const clientId = options.clientId ?? 'lantern-test';
  const clientSecret = options.clientSecret ?? 'a-test-client-secret-that-is-long-enough-0123456789';
  const redirectUri = options.redirectUri ?? 'http://localhost/sign-in/oidc/callback';

  const accounts = new Map<string, ProviderAccount>();
  let next: ProviderAccount | null = null;
  let provider: ProviderInstance | null = null;

  const interaction = async (req: IncomingMessage, res: ServerResponse) => {
    const p = provider!;
    const details = await p.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      if (!next) {
        await p.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The test provider refused <b>this</b> login' },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      accounts.set(next.sub, next);
      await p.interactionFinished(
        req,
        res,
        { login: { accountId: next.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    // consent: grant what was asked for.
    const accountId = details.session?.accountId ?? '';
    const grant = details.grantId
      ? ((await p.Grant.find(details.grantId)) ?? new p.Grant({ accountId, clientId }))
      : new p.Grant({ accountId, clientId });
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    await p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };

  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    handler!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-signing-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: [] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { ...account };
        },
      };
    },
  });
  // The provider reports client and server errors as events; tests look at what Lantern does instead.
  provider.on('server_error', () => {});
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    nextLogin(account) {
      next = account;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/**
 * Follows the provider's redirects like a browser (keeping the provider's own cookies) from an
 * authorization URL until it sends the browser back to `redirectUri`; returns that callback URL.
 */
export async function followToCallback(authorizationUrl: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (!location) throw new Error(`the provider stopped at ${url.pathname} with ${response.status}`);
    const nextUrl = new URL(location, url);
    if (nextUrl.href.startsWith(redirectUri)) return nextUrl;
    url = nextUrl;
  }
  throw new Error('too many redirects at the provider');
}
