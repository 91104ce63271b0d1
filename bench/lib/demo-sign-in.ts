/** Signing a demo user in through the real pages (password, then TOTP), as the page benchmarks do. */
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/synth/demo-partnership.ts';
import { PageClient } from '../../test/support/app.ts';
import { unusedTotpCode } from '../../test/support/totp.ts';

export async function signInDemo(app: FastifyInstance, username: string): Promise<PageClient> {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  const client = new PageClient(app);
  await client.get('/sign-in');
  const password = await client.post('/sign-in', { username, password: DEMO_PASSWORD });
  if (password.headers.location !== '/sign-in/totp') throw new Error(`sign-in of ${username} failed`);
  await client.get('/sign-in/totp');
  const totp = await client.post('/sign-in/totp', { code: await unusedTotpCode(user.totpSecret) });
  if (totp.statusCode !== 303) throw new Error(`TOTP of ${username} failed`);
  return client;
}
