/** Recording a suspect's or offender's ethnicity and nationality, and how complete the monitoring is. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PRIORITY_READERS } from '../platform/access/policy-pursue.ts';
import { NATIONALITIES } from '../platform/codes/nationalities.ts';
import { errorsForPage, selectItems } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { justificationFrom, reasonField } from '../platform/http/justification.ts';
import { fieldErrorsOf, recordIdOf as idOf, pageRoute as page } from '../platform/http/page-route.ts';
import { PROFILE_ETHNICITIES } from './codes.ts';
import { disruptionPath, profilePath } from './paths.ts';
import { bringPrioritiesUpToDate, CATCH_UP_ON_READ } from './priority-service.ts';
import {
  monitoringCompleteness,
  openProfileForm,
  type ProfileForm,
  profileFormFrom,
  recordProfile,
} from './profile-service.ts';
import { completenessView } from './profile-view.ts';
import { personName } from './view.ts';

type IdParams = { Params: { id: string } };

export async function profileRoutes(app: FastifyInstance): Promise<void> {
  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    typed: ProfileForm | null,
    justification: string | null = null,
    errors: FieldError[] = [],
  ) => {
    const { person, form } = await request.tx(async (tx) => {
      const found = await openProfileForm(tx, request.principal, personId);
      await request.audit(tx, {
        action: 'PURSUE_PROFILE_FORM_VIEW',
        subjectType: 'person',
        subjectId: personId,
      });
      return found;
    });
    const shown = typed ?? form;
    const name = personName(person);
    return reply.page(
      'pursue/views/profile-form.njk',
      {
        title: `Ethnicity and nationality: ${name}`,
        personName: name,
        backHref: disruptionPath(personId),
        action: profilePath(personId),
        ethnicityItems: selectItems(PROFILE_ETHNICITIES, shown.ethnicity, 'Select the ethnicity'),
        nationalityItems: selectItems(NATIONALITIES, shown.nationality, 'Select the nationality'),
        reasonBox: reasonField(person.restricted, justification),
        ...errorsForPage(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<IdParams>(
    '/pursue/people/:id/profile',
    page('case:work', 'PURSUE_PROFILE_FORM_VIEW'),
    (request, reply) => renderForm(request, reply, idOf(request.params.id), null),
  );

  app.post<IdParams>(
    '/pursue/people/:id/profile',
    page('case:work', 'PURSUE_PROFILE_RECORD'),
    async (request, reply) => {
      const personId = idOf(request.params.id);
      const form = profileFormFrom(request.body);
      const justification = justificationFrom(request.body);
      try {
        await request.tx((tx) => recordProfile(tx, request.principal, personId, form, justification));
        return reply.redirect(`${disruptionPath(personId)}?notice=profile`, 303);
      } catch (error) {
        return renderForm(request, reply, personId, form, justification, fieldErrorsOf(error));
      }
    },
  );

  app.get(
    '/pursue/completeness',
    page([...PRIORITY_READERS], 'PURSUE_COMPLETENESS_VIEW'),
    async (request, reply) => {
      // Over the people in the priorities: what was recorded since is added first, as the priorities do.
      await bringPrioritiesUpToDate(app.db, CATCH_UP_ON_READ);
      const counts = await request.tx(async (tx) => {
        const found = await monitoringCompleteness(tx);
        await request.audit(tx, {});
        return found;
      });
      return reply.page('pursue/views/completeness.njk', {
        title: 'How complete the monitoring of suspects is',
        ...completenessView(counts),
      });
    },
  );
}
