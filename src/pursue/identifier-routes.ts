/**
 * A suspect's identifiers: the form to add one (from the register), and the search by any part of one. The
 * search is a POST, so that a registration or phone number never sits in a URL or a log.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { labelOf } from '../platform/codes/code-list.ts';
import { formText } from '../platform/forms/body.ts';
import { errorsForPage, radioItems } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { justificationFrom, reasonField } from '../platform/http/justification.ts';
import { fieldErrorsOf, recordIdOf as idOf, pageRoute as page } from '../platform/http/page-route.ts';
import { IDENTIFIER_KINDS } from './codes.ts';
import { blankIdentifierForm, type IdentifierForm, identifierFormFrom } from './identifier-rules.ts';
import { type IdentifierMatchRow, recordIdentifier, searchByIdentifier } from './identifier-service.ts';
import { disruptionPath, identifierSearchPath, identifiersPath } from './paths.ts';
import { openToRecord } from './service.ts';
import { personName } from './view.ts';

type IdParams = { Params: { id: string } };

export async function identifierRoutes(app: FastifyInstance): Promise<void> {
  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    form: IdentifierForm,
    justification: string | null = null,
    errors: FieldError[] = [],
  ) => {
    const { person } = await request.tx(async (tx) => {
      const found = await openToRecord(tx, request.principal, personId);
      await request.audit(tx, { action: 'IDENTIFIER_FORM_VIEW', subjectType: 'person', subjectId: personId });
      return found;
    });
    const name = personName(person);
    return reply.page(
      'pursue/views/identifier-form.njk',
      {
        title: `Add an identifier: ${name}`,
        personName: name,
        backHref: disruptionPath(personId),
        action: identifiersPath(personId),
        form,
        reasonBox: reasonField(person.restricted, justification),
        kindItems: radioItems(IDENTIFIER_KINDS, form.kind),
        ...errorsForPage(errors, { checkedOn: 'checkedOn-day' }),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<IdParams>(
    '/pursue/people/:id/identifiers/new',
    page('case:work', 'IDENTIFIER_FORM_VIEW'),
    (request, reply) => renderForm(request, reply, idOf(request.params.id), blankIdentifierForm()),
  );

  app.post<IdParams>(
    '/pursue/people/:id/identifiers',
    page('case:work', 'IDENTIFIER_RECORD'),
    async (request, reply) => {
      const personId = idOf(request.params.id);
      const form = identifierFormFrom(request.body);
      const justification = justificationFrom(request.body);
      try {
        await request.tx((tx) => recordIdentifier(tx, request.principal, personId, form, justification));
        return reply.redirect(`${disruptionPath(personId)}?notice=identifier`, 303);
      } catch (error) {
        return renderForm(request, reply, personId, form, justification, fieldErrorsOf(error));
      }
    },
  );

  const renderSearch = (
    reply: FastifyReply,
    q: string,
    results: IdentifierMatchRow[] | null,
    errors: FieldError[] = [],
  ) =>
    reply.page(
      'pursue/views/identifier-search.njk',
      {
        title: 'Find a person by an identifier',
        action: identifierSearchPath(),
        q,
        results: results?.map((r) => ({
          href: disruptionPath(r.person_id),
          name: r.person_name ?? 'Name not recorded',
          kind: labelOf(IDENTIFIER_KINDS, r.kind) ?? 'Identifier',
          value: r.value,
        })),
        ...errorsForPage(errors),
      },
      errors.length ? 400 : undefined,
    );

  app.get(identifierSearchPath(), page('case:read', 'none'), (_request, reply) =>
    renderSearch(reply, '', null),
  );

  app.post(identifierSearchPath(), page('case:read', 'IDENTIFIER_SEARCH'), async (request, reply) => {
    const q = formText(request.body, 'q', 200).trim();
    try {
      const results = await request.tx(async (tx) => {
        const found = await searchByIdentifier(tx, q);
        await request.audit(tx, { subjectType: 'person_identifier', details: { results: found.length } });
        return found;
      });
      return renderSearch(reply, q, results);
    } catch (error) {
      return renderSearch(reply, q, null, fieldErrorsOf(error));
    }
  });
}
