/** Sign-in (password, then TOTP enrolment or verification) and sign-out pages. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction } from '../db/transaction.ts';
import type { FieldError } from '../http/errors.ts';
import { errorView } from '../views/render.ts';
import { authContext } from './authenticate.ts';
import { COOKIE_OPTIONS, SESSION_COOKIE } from './cookies.ts';
import { oidcRoutes } from './oidc.ts';
import { ensurePreSession } from './pre-session.ts';
import { completeSecondFactor, signInWithPassword, totpSecretForEnrolment } from './service.ts';
import { endSession } from './session-store.ts';
import { totpUri } from './totp.ts';

type Form = Record<string, string | string[] | undefined>;

const signInPage = { public: { public: true, surface: 'page' } } as const;

function field(body: unknown, name: string, max = 500): string {
  const value = (body as Form | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function startSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, COOKIE_OPTIONS);
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app;
  const renderSignIn = (reply: FastifyReply, errors: FieldError[] = [], username = '', status?: number) =>
    reply.page(
      'platform/auth/views/sign-in.njk',
      {
        title: 'Sign in',
        username,
        oidc: config.oidc ? { label: config.oidc.label } : null,
        ...errorView(errors),
      },
      status,
    );

  app.get('/sign-in', { config: signInPage }, async (request, reply) => {
    if (request.principal.kind === 'user') return reply.redirect('/', 303);
    ensurePreSession(request, reply);
    return renderSignIn(reply);
  });

  app.post('/sign-in', { config: signInPage }, async (request, reply) => {
    const username = field(request.body, 'username', 64);
    const password = field(request.body, 'password', 256);
    const errors: FieldError[] = [];
    if (!username) errors.push({ field: 'username', message: 'Enter your username' });
    if (!password) errors.push({ field: 'password', message: 'Enter your password' });
    if (errors.length) return renderSignIn(reply, errors, username, 400);
    const outcome = await signInWithPassword(db, config, username, password, request.id);
    if (!outcome.ok) {
      // One message for every failure, so the page does not reveal which accounts exist or are locked.
      return renderSignIn(
        reply,
        [
          {
            field: 'username',
            message: 'The username or password is not right, or the account is locked. Try again later.',
          },
        ],
        username,
        401,
      );
    }
    if (request.session)
      await withTransaction(db, authContext(request.id), (tx) =>
        endSession(tx, request.session!.tokenHash, 'REPLACED'),
      );
    startSessionCookie(reply, outcome.sessionToken);
    return reply.redirect(outcome.stage === 'ENROL' ? '/sign-in/enrol' : '/sign-in/totp', 303);
  });

  const secondFactorPage =
    (stage: 'PASSWORD' | 'ENROL') =>
    async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status?: number) => {
      const session = request.session;
      if (!session || session.row.stage !== stage) return reply.redirect('/sign-in', 303);
      if (stage === 'PASSWORD') {
        return reply.page(
          'platform/auth/views/totp.njk',
          { title: 'Enter your security code', ...errorView(errors) },
          status,
        );
      }
      const secret = totpSecretForEnrolment(config, session.row.pending_totp_secret_enc);
      return reply.page(
        'platform/auth/views/enrol.njk',
        {
          title: 'Set up your authenticator app',
          secret,
          uri: secret ? totpUri(secret, 'Lantern account') : '',
          ...errorView(errors),
        },
        status,
      );
    };

  for (const [path, stage] of [
    ['/sign-in/totp', 'PASSWORD'],
    ['/sign-in/enrol', 'ENROL'],
  ] as const) {
    const render = secondFactorPage(stage);
    app.get(path, { config: signInPage }, async (request, reply) => render(request, reply));
    app.post(path, { config: signInPage }, async (request, reply) => {
      const session = request.session;
      if (!session || session.row.stage !== stage) return reply.redirect('/sign-in', 303);
      const code = field(request.body, 'code', 20);
      if (!/^\s*\d{3}\s?\d{3}\s*$/.test(code)) {
        return render(
          request,
          reply,
          [{ field: 'code', message: 'Enter the 6-digit code from your authenticator app' }],
          400,
        );
      }
      const outcome = await completeSecondFactor(
        db,
        config,
        {
          tokenHash: session.tokenHash,
          userId: session.row.user_id,
          stage: session.row.stage,
          pendingTotpSecretEnc: session.row.pending_totp_secret_enc,
        },
        code,
        request.id,
      );
      if (!outcome.ok) {
        if (outcome.reason === 'LOCKED') {
          reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
          return renderSignIn(
            reply,
            [
              {
                field: 'username',
                message: 'The username or password is not right, or the account is locked. Try again later.',
              },
            ],
            '',
            401,
          );
        }
        return render(
          request,
          reply,
          [
            {
              field: 'code',
              message: 'The code is not right or has already been used. Enter the current code.',
            },
          ],
          401,
        );
      }
      startSessionCookie(reply, outcome.sessionToken);
      return reply.redirect('/', 303);
    });
  }

  app.post(
    '/sign-out',
    { config: { access: { permission: 'authenticated', audit: 'SIGN_OUT', surface: 'page' } } },
    async (request, reply) => {
      const session = request.session;
      if (session) {
        await request.tx(async (tx) => {
          await endSession(tx, session.tokenHash, 'SIGNED_OUT');
          await request.audit(tx, { subjectType: 'user', subjectId: request.principal.userId });
        });
      }
      reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
      return reply.redirect('/signed-out', 303);
    },
  );

  app.get('/signed-out', { config: signInPage }, async (_request, reply) =>
    reply.page('platform/auth/views/signed-out.njk', { title: 'You have signed out' }),
  );

  await app.register(oidcRoutes);
}
