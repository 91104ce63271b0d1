/** Pages to restrict a person's record to a case team, lift the restriction, or change the team. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FieldError } from '../platform/http/errors.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import { personPath } from './paths.ts';
import {
  changeRestriction,
  RESTRICTION_AUDIT,
  type RestrictionForm,
  restrictionForm,
} from './restriction.ts';
import { restrictionFormView, type RestrictionTyped as Typed } from './restriction-view.ts';

const access = (audit: string) =>
  ({ config: { access: { permission: 'case:read', audit, surface: 'page' } } }) as const;

function fieldValues(body: unknown, name: string): string[] {
  const raw = (body as Record<string, unknown> | undefined)?.[name];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values.filter((v): v is string => typeof v === 'string' && v.length <= 60);
}

function fieldText(body: unknown, name: string): string {
  const raw = (body as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.slice(0, 1100) : '';
}

function render(reply: FastifyReply, form: RestrictionForm, typed: Typed, errors: FieldError[] = []) {
  return reply.page(
    'people/views/restriction.njk',
    { ...restrictionFormView(form, typed), ...errorView(errors) },
    errors.length ? 400 : undefined,
  );
}

export async function restrictionRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>(
    '/people/:id/restriction',
    access('PERSON_RESTRICTION_FORM'),
    async (request, reply) =>
      request.tx(async (tx) => {
        const form = await restrictionForm(tx, request.principal, request.params.id.toLowerCase());
        await request.audit(tx, { subjectType: 'person', subjectId: form.person.id });
        const typed = { restricted: 'yes', caseTeam: form.person.case_team, justification: '' };
        return render(reply, form, typed);
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/restriction',
    access(RESTRICTION_AUDIT),
    async (request, reply) => {
      const id = request.params.id.toLowerCase();
      const typed: Typed = {
        restricted: fieldText(request.body, 'restricted'),
        caseTeam: fieldValues(request.body, 'caseTeam'),
        justification: fieldText(request.body, 'justification'),
      };
      try {
        return await request.tx(async (tx) => {
          if (typed.restricted !== 'yes' && typed.restricted !== 'no')
            throw new ValidationError([
              { field: 'restricted', message: 'Choose whether to restrict the record' },
            ]);
          // changeRestriction decides access, validates and writes the PERSON_RESTRICTION_CHANGE event.
          await changeRestriction(tx, request.principal, id, {
            restricted: typed.restricted === 'yes',
            caseTeam: typed.caseTeam,
            justification: typed.justification,
          });
          // A restricted record opens again only with a reason: the person page asks for it.
          const notice = typed.restricted === 'yes' ? 'restricted' : 'unrestricted';
          return reply.redirect(personPath(id, notice), 303);
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const form = await request.tx((tx) => restrictionForm(tx, request.principal, id));
        return render(reply, form, typed, error.details);
      }
    },
  );
}
