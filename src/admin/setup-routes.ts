/** First-time setup: the one-time link printed at the first start creates the first agency and administrator. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authContext } from '../platform/auth/authenticate.ts';
import { ensurePreSession } from '../platform/auth/pre-session.ts';
import { AGENCY_TYPES } from '../platform/codes/referral.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { formText } from '../platform/forms/body.ts';
import { type FieldError, ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { completeSetup, setupTokenUsable } from './setup.ts';

type Form = Record<string, string>;

const setupPage = { public: { public: true, surface: 'page' } } as const;

export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  const setupView = (
    reply: FastifyReply,
    token: string,
    values: Form,
    errors: FieldError[] = [],
    status?: number,
  ) =>
    reply.page(
      'admin/views/setup.njk',
      { title: 'Set up Lantern', token, values, agencyTypes: AGENCY_TYPES, ...errorView(errors) },
      status,
    );

  app.get<{ Params: { token: string } }>('/setup/:token', { config: setupPage }, async (request, reply) => {
    const usable = await withTransaction(db, authContext(request.id), (tx) =>
      setupTokenUsable(tx, request.params.token),
    );
    if (!usable)
      return reply.page(
        'platform/views/error.njk',
        {
          title: 'This setup link has expired',
          message:
            'Lantern is already set up, or this link is out of date. Sign in, or restart the service on an empty database for a new link.',
        },
        404,
      );
    ensurePreSession(request, reply);
    return setupView(reply, request.params.token, {});
  });

  app.post<{ Params: { token: string } }>('/setup/:token', { config: setupPage }, async (request, reply) => {
    const values: Form = {};
    for (const name of [
      'agencyName',
      'agencyCode',
      'agencyType',
      'area',
      'displayName',
      'username',
      'email',
    ]) {
      values[name] = formText(request.body, name, 300);
    }
    try {
      const user = await completeSetup(
        db,
        request.params.token,
        {
          agency: {
            name: values['agencyName'] as string,
            code: (values['agencyCode'] as string).toUpperCase(),
            type: values['agencyType'] as string,
            area: values['area'] as string,
          },
          displayName: values['displayName'] as string,
          username: values['username'] as string,
          email: values['email'] as string,
          password: formText(request.body, 'password', 300),
          confirmPassword: formText(request.body, 'confirmPassword', 300),
        },
        request.id,
      );
      if (!user)
        return reply.page(
          'platform/views/error.njk',
          { title: 'This setup link has expired', message: 'Lantern is already set up. Sign in instead.' },
          404,
        );
      return reply.redirect('/sign-in', 303);
    } catch (error) {
      if (error instanceof ValidationError || (error as { details?: FieldError[] }).details) {
        const details = (error as ValidationError).details.map((d) => ({
          ...d,
          field: { name: 'agencyName', code: 'agencyCode', type: 'agencyType' }[d.field] ?? d.field,
        }));
        return setupView(reply, request.params.token, values, details, 400);
      }
      throw error;
    }
  });
}
