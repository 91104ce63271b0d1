/**
 * Referral pages: the multi-page victim referral (answers kept in a server-side draft owned by the user,
 * never in URLs), the suspect referral form, the list of referrals with the hub's feedback, and each
 * referral. Every page that shows or changes personal data writes exactly one audit event.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  activeModel,
  findCandidates,
  type ShownCandidate,
  visibleCandidates,
} from '../people/candidates-service.ts';
import { validatePersonDetails } from '../people/rules.ts';
import { parseSearch, searchPeople } from '../people/search-service.ts';
import { isUuid, openPerson } from '../people/service.ts';
import type { Permission } from '../platform/access/permissions.ts';
import type { Principal } from '../platform/access/principal.ts';
import { ETHNICITIES, GENDERS } from '../platform/codes/people.ts';
import {
  CIN_REFERRAL_SOURCES,
  CONSENT_STATUSES,
  CONTACT_METHODS,
  CSE_INDICATORS,
  EXPLOITATION_MODELS,
  EXPLOITATION_TYPES,
  REFERRAL_CATEGORIES,
  SOCIAL_CARE_OUTCOMES,
  SUSPECT_LINK_TYPES,
  SUSPECT_REFERRAL_SOURCES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
  URGENCIES,
} from '../platform/codes/referral.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { formList, formText } from '../platform/forms/body.ts';
import { type DateParts, datePartsFrom, instantFrom, wallClockOf } from '../platform/forms/date-parts.ts';
import { checkboxItems, errorsForPage, label, radioItems, selectItems } from '../platform/forms/items.ts';
import {
  AccessDeniedError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from '../platform/http/errors.ts';
import {
  blankPerson,
  firstUnanswered,
  isPage,
  type LinkedPersonAnswer,
  nextPage,
  type PageName,
  type PersonForm,
  pageErrors,
  pageOfField,
  personDetailsOf,
  personFieldOf,
  personFormFrom,
  personItems,
  personSummary,
  placeFrom,
  previousPage,
  referrerFrom,
  summarySections,
  toInput,
  type VictimDraft,
  validateDraft,
  validatePersonForm,
} from './form.ts';
import * as drafts from './form-drafts.ts';
import type { SuspectReferralInput } from './rules.ts';
import * as service from './service.ts';
import * as store from './store.ts';

type PageAccess = { config: { access: { permission: Permission; audit: string; surface: 'page' } } };

function page(permission: Permission, audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

const AUDIT = {
  DRAFT_CREATE: 'REFERRAL_DRAFT_CREATE',
  DRAFT_VIEW: 'REFERRAL_DRAFT_VIEW',
  DRAFT_UPDATE: 'REFERRAL_DRAFT_UPDATE',
  PERSON_SEARCH: 'PERSON_SEARCH',
  REFERRAL_CREATE: 'REFERRAL_CREATE',
  REFERRAL_VIEW: 'REFERRAL_VIEW',
  REFERRAL_LIST: 'REFERRAL_LIST',
  SUSPECT_REFERRAL_CREATE: 'SUSPECT_REFERRAL_CREATE',
  SUSPECT_REFERRAL_VIEW: 'SUSPECT_REFERRAL_VIEW',
} as const;

const MAX_PEOPLE = 20;
const MAX_PLACES = 20;

interface DraftParams {
  id: string;
  page?: string;
}

const TITLES: Record<PageName | 'check', string> = {
  child: 'About the child',
  referrer: 'About the referral',
  exploitation: 'Type of exploitation',
  concerns: 'What are the concerns?',
  model: 'How is the child being exploited?',
  suspects: 'Suspects and associates',
  places: 'Places of concern',
  consent: 'Consent',
  urgency: 'How urgent is the referral?',
  check: 'Check your answers before sending the referral',
};

function idOf(raw: string): string {
  if (!isUuid(raw)) throw new NotFoundError();
  return raw.toLowerCase();
}

/** The caller's own unexpired victim referral draft; another user's draft answers 404 and is audited. */
async function loadDraft(tx: Tx, rawId: string): Promise<{ id: string; data: VictimDraft }> {
  const id = idOf(rawId);
  const draft = await drafts.findDraft(tx, id);
  if (draft?.kind !== 'VICTIM') {
    if (!draft && (await drafts.draftExists(tx, id)))
      throw new AccessDeniedError('referral_draft', id, 'NOT_OWNER_OR_EXPIRED');
    throw new NotFoundError();
  }
  return { id, data: draft.data ?? {} };
}

function draftUrl(id: string, target: PageName | 'check'): string {
  return `/referrals/drafts/${id}/${target}`;
}

/** Errors for the summary of "Check your answers": each links to the page that answers it. */
function checkErrors(id: string, errors: FieldError[]) {
  const named = errors.map((e) => {
    const person = /^(suspects|associates)\[(\d+)\]/.exec(e.field);
    const place = /^placesOfConcern\[(\d+)\]/.exec(e.field);
    const prefix = person
      ? `${person[1] === 'suspects' ? 'Suspect' : 'Associate'} ${Number(person[2]) + 1}: `
      : place
        ? `Place ${Number(place[1]) + 1}: `
        : '';
    return { text: `${prefix}${e.message}`, href: `${draftUrl(id, pageOfField(e.field))}?from=check` };
  });
  const seen = new Set<string>();
  const errorList = [];
  for (const e of named) {
    if (seen.has(e.text)) continue;
    seen.add(e.text);
    errorList.push(e);
  }
  return { errorList, fieldErrors: {} };
}

/** The form's field names for the rules' field names on each page, and where each error links. */
function localErrors(target: PageName, errors: FieldError[]) {
  const renamed = errors.map((e) => {
    let field = e.field;
    if (target === 'child') field = personFieldOf(field, 'child');
    else if (target === 'referrer')
      field = field === 'receivedAt' ? 'received' : field.replace('referrer.', '');
    else if (target === 'suspects') field = personFieldOf(field, 'person');
    return { field, message: e.message };
  });
  return errorsForPage(renamed, { dob: 'dob-day', received: 'received-day' });
}

/**
 * Known children who may be the one whose details were entered, for a user who may search: at or above the
 * review threshold, and only those the user may see (the matching itself looks at the whole registry).
 */
async function intakeCandidates(tx: Tx, principal: Principal, person: PersonForm): Promise<ShownCandidate[]> {
  if (!principal.permissions.has('case:search')) return [];
  const model = await activeModel(tx);
  if (!model) return [];
  const { errors, clean } = validatePersonDetails(personDetailsOf(person), {
    role: 'CHILD',
    now: new Date(),
    prefix: 'child',
  });
  if (errors.length) return [];
  return visibleCandidates(tx, principal, await findCandidates(tx, model.model, clean));
}

export async function referralPageRoutes(app: FastifyInstance): Promise<void> {
  // ---------------------------------------------------------------- starting a victim referral

  app.get('/referrals/new', page('referral:create', 'none'), async (_request, reply) =>
    reply.page('referrals/views/start.njk', { title: 'Refer a child at risk of exploitation' }),
  );

  app.post('/referrals/new', page('referral:create', AUDIT.DRAFT_CREATE), async (request, reply) => {
    const userId = request.principal.userId;
    if (!userId) throw new NotFoundError();
    const id = await request.tx(async (tx) => {
      const draftId = await drafts.startDraft(tx, userId, 'VICTIM');
      await request.audit(tx, { subjectType: 'referral_draft', subjectId: draftId });
      return draftId;
    });
    return reply.redirect(draftUrl(id, 'child'), 303);
  });

  // ---------------------------------------------------------------- the pages of the draft

  interface PageState {
    errors?: ReturnType<typeof localErrors>;
    /** Values as typed on this page (shown back after an error) instead of the saved answers. */
    values?: Record<string, unknown>;
    search?: { terms: Record<string, string>; results: Awaited<ReturnType<typeof searchPeople>> | null };
    status?: number;
  }

  const renderDraftPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tx: Tx,
    draft: { id: string; data: VictimDraft },
    target: PageName,
    state: PageState = {},
  ) => {
    const data = draft.data;
    const fromCheck =
      formText(request.query, 'from') === 'check' || formText(request.body, 'from') === 'check';
    const previous = previousPage(target);
    const common = {
      title: TITLES[target],
      draftId: draft.id,
      action: draftUrl(draft.id, target),
      fromCheck,
      backHref: fromCheck
        ? draftUrl(draft.id, 'check')
        : previous
          ? draftUrl(draft.id, previous)
          : '/referrals/new',
      ...(state.errors ?? { errorList: [], fieldErrors: {} }),
    };
    let view: Record<string, unknown> = {};
    switch (target) {
      case 'child': {
        const person = (state.values?.['person'] as ReturnType<typeof personFormFrom>) ??
          data.child?.details ?? { ...blankPerson() };
        view = {
          person,
          ...personItems(person),
          chosen: data.child?.personId
            ? { personId: data.child.personId, label: data.child.personLabel }
            : null,
          canSearch: request.principal.permissions.has('case:search'),
          search: state.search
            ? {
                ...state.search,
                items: (state.search.results ?? []).map((p) => ({
                  value: p.id,
                  text: [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known',
                  hint: {
                    text: [
                      p.dob
                        ? `Born ${p.dob}`
                        : p.estimated_age !== null
                          ? `About ${p.estimated_age} years old`
                          : 'Age not known',
                      `matched on ${p.matched_on?.length ? p.matched_on.join(', ') : [state.search?.terms.name ? 'name' : '', state.search?.terms.dob ? 'date of birth' : ''].filter(Boolean).join(', ')}`,
                      `${p.referrals} referral${p.referrals === 1 ? '' : 's'}`,
                    ].join(' · '),
                  },
                })),
              }
            : null,
        };
        break;
      }
      case 'referrer': {
        const areas = await store.knownAreas(tx);
        const now = wallClockOf(new Date());
        const values = (state.values as ReturnType<typeof referrerFrom> | undefined) ??
          data.referrer ?? {
            name: '',
            role: '',
            contact: '',
            cinReferralSource: '',
            received: now.date,
            receivedTime: now.time,
            area: '',
          };
        view = {
          values,
          sourceItems: selectItems(
            CIN_REFERRAL_SOURCES,
            values.cinReferralSource,
            'Select a referral source',
          ),
          areaItems: [
            { value: '', text: 'The referring agency’s area', selected: !values.area },
            ...areas.map((a) => ({ value: a, text: a, selected: a === values.area })),
          ],
        };
        break;
      }
      case 'exploitation': {
        const values = (state.values as VictimDraft['exploitation']) ?? data.exploitation;
        view = {
          typeItems: radioItems(EXPLOITATION_TYPES, values?.exploitationType ?? ''),
          categoryItems: radioItems(REFERRAL_CATEGORIES, values?.category ?? ''),
        };
        break;
      }
      case 'concerns': {
        const values = (state.values as VictimDraft['concerns']) ?? data.concerns;
        view = {
          concerns: values?.concerns ?? '',
          indicatorItems: checkboxItems(CSE_INDICATORS, values?.indicators ?? []),
        };
        break;
      }
      case 'model': {
        const values = (state.values as VictimDraft['model']) ?? data.model;
        view = {
          modelItems: radioItems(EXPLOITATION_MODELS, values?.exploitationModel ?? ''),
          contactItems: radioItems(CONTACT_METHODS, values?.contactMethod ?? ''),
        };
        break;
      }
      case 'suspects': {
        const values = (state.values as {
          person: ReturnType<typeof personFormFrom>;
          role: string;
          relationship: string;
        }) ?? {
          person: blankPerson(),
          role: 'SUSPECT',
          relationship: '',
        };
        view = {
          people: (data.people ?? []).map((p, i) => ({
            index: i,
            role: p.role === 'SUSPECT' ? 'Suspect' : 'Associate',
            name:
              [p.details.forename, p.details.surname].filter(Boolean).join(' ') ||
              p.details.aliases ||
              'Name not known',
            relationship: p.relationship,
          })),
          person: values.person,
          relationship: values.relationship,
          ...personItems(values.person),
          roleItems: [
            { value: 'SUSPECT', text: 'Suspect', checked: values.role === 'SUSPECT' },
            { value: 'ASSOCIATE', text: 'Associate', checked: values.role === 'ASSOCIATE' },
          ],
          full: (data.people ?? []).length >= MAX_PEOPLE * 2,
        };
        break;
      }
      case 'places': {
        view = {
          places: (data.places ?? []).map((p, i) => ({ ...p, index: i })),
          values: state.values ?? { description: '', postcode: '' },
          full: (data.places ?? []).length >= MAX_PLACES,
        };
        break;
      }
      case 'consent': {
        const values = (state.values as VictimDraft['consent']) ?? data.consent;
        view = {
          consentItems: radioItems(CONSENT_STATUSES, values?.consent ?? ''),
          consentNote: values?.consentNote ?? '',
        };
        break;
      }
      case 'urgency': {
        const values = (state.values as VictimDraft['urgency']) ?? data.urgency;
        view = { urgencyItems: radioItems(URGENCIES, values?.urgency ?? '') };
        break;
      }
    }
    return reply.page(`referrals/views/draft-${target}.njk`, { ...common, ...view }, state.status);
  };

  app.get<{ Params: DraftParams }>(
    '/referrals/drafts/:id/:page',
    page('referral:create', AUDIT.DRAFT_VIEW),
    async (request, reply) => {
      const target = request.params.page ?? '';
      if (!isPage(target)) throw new NotFoundError();
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: target },
        });
        return renderDraftPage(request, reply, tx, draft, target);
      });
    },
  );

  /** Saves one page's answers if they are valid; otherwise shows the page again with its errors (400). */
  app.post<{ Params: DraftParams }>(
    '/referrals/drafts/:id/:page',
    page('referral:create', AUDIT.DRAFT_UPDATE),
    async (request, reply) => {
      const target = request.params.page ?? '';
      if (!isPage(target)) throw new NotFoundError();
      const body = request.body;
      const now = new Date();
      const fromCheck = formText(body, 'from') === 'check';
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const data: VictimDraft = structuredClone(draft.data);
        let values: Record<string, unknown> = {};
        let errors: FieldError[] = [];
        let stay = false; // "add another" pages come back to themselves
        switch (target) {
          case 'child': {
            const person = personFormFrom(body);
            data.child = { personId: null, personLabel: null, details: person };
            values = { person };
            errors = pageErrors(data, 'child', now);
            break;
          }
          case 'referrer': {
            const referrer = referrerFrom(body);
            data.referrer = referrer;
            values = { ...referrer };
            errors = pageErrors(data, 'referrer', now).filter((e) => e.field !== 'area');
            if (referrer.area && !(await store.knownAreas(tx)).includes(referrer.area))
              errors.push({ field: 'area', message: 'Select a safeguarding area from the list' });
            break;
          }
          case 'exploitation':
            data.exploitation = {
              exploitationType: formText(body, 'exploitationType', 40),
              category: formText(body, 'category', 40),
            };
            values = data.exploitation;
            errors = pageErrors(data, target, now);
            break;
          case 'concerns':
            data.concerns = {
              concerns: formText(body, 'concerns', 10_001).trim(),
              indicators: [...new Set(formList(body, 'indicators', 60))],
            };
            values = data.concerns;
            errors = pageErrors(data, target, now);
            break;
          case 'model':
            data.model = {
              exploitationModel: formText(body, 'exploitationModel', 40),
              contactMethod: formText(body, 'contactMethod', 40),
            };
            values = data.model;
            errors = pageErrors(data, target, now);
            break;
          case 'suspects': {
            const action = formText(body, 'action', 20);
            const people = data.people ?? [];
            const remove = /^remove-(\d+)$/.exec(action);
            if (remove) {
              people.splice(Number(remove[1]), 1);
              data.people = people;
              stay = true;
            } else if (action === 'add') {
              const person = personFormFrom(body);
              const role = formText(body, 'role', 20);
              const relationship = formText(body, 'relationship', 250).trim();
              values = { person, role, relationship };
              if (role !== 'SUSPECT' && role !== 'ASSOCIATE')
                errors.push({
                  field: 'role',
                  message: 'Select whether the person is a suspect or an associate',
                });
              errors.push(
                ...validatePersonForm(person, role === 'ASSOCIATE' ? 'ASSOCIATE' : 'SUSPECT', now, 'person'),
              );
              if (relationship.length > 200)
                errors.push({
                  field: 'relationship',
                  message: 'Relationship must be 200 characters or fewer',
                });
              if (people.filter((p) => p.role === role).length >= MAX_PEOPLE)
                errors.push({
                  field: 'role',
                  message: `Name up to ${MAX_PEOPLE} suspects and ${MAX_PEOPLE} associates`,
                });
              if (!errors.length) {
                people.push({ role: role as LinkedPersonAnswer['role'], relationship, details: person });
                data.people = people;
              }
              stay = true;
            } else {
              data.people = people;
              data.peopleDone = true;
              errors = pageErrors(data, target, now).map((e) => ({ ...e, field: 'people' }));
            }
            break;
          }
          case 'places': {
            const action = formText(body, 'action', 20);
            const places = data.places ?? [];
            const remove = /^remove-(\d+)$/.exec(action);
            if (remove) {
              places.splice(Number(remove[1]), 1);
              data.places = places;
              stay = true;
            } else if (action === 'add') {
              const place = placeFrom(body);
              values = { ...place };
              if (!place.description || place.description.length > 500)
                errors.push({ field: 'description', message: 'Describe the place in up to 500 characters' });
              const probe: VictimDraft = { places: [place] };
              errors.push(
                ...validateDraft(probe, now)
                  .filter((e) => e.field === 'placesOfConcern[0].postcode')
                  .map((e) => ({ ...e, field: 'placePostcode' })),
              );
              if (places.length >= MAX_PLACES)
                errors.push({ field: 'description', message: `Name up to ${MAX_PLACES} places of concern` });
              if (!errors.length) data.places = [...places, place];
              stay = true;
            } else {
              data.places = places;
              data.placesDone = true;
            }
            break;
          }
          case 'consent':
            data.consent = {
              consent: formText(body, 'consent', 40),
              consentNote: formText(body, 'consentNote', 2001).trim(),
            };
            values = data.consent;
            errors = pageErrors(data, target, now);
            break;
          case 'urgency':
            data.urgency = { urgency: formText(body, 'urgency', 40) };
            values = data.urgency;
            errors = pageErrors(data, target, now);
            break;
        }
        if (errors.length) {
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            outcome: 'FAILURE',
            details: { page: target, errors: errors.map((e) => e.field) },
          });
          return renderDraftPage(request, reply, tx, draft, target, {
            errors: localErrors(target, errors),
            values,
            status: 400,
          });
        }
        await drafts.saveDraft(tx, draft.id, data);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: target },
        });
        // New details of a child: a user who may search is first shown the known children they may be.
        if (target === 'child' && data.child?.details) {
          const candidates = await intakeCandidates(tx, request.principal, data.child.details);
          if (candidates.length)
            return reply.redirect(
              `${draftUrl(draft.id, 'child')}/matches${fromCheck ? '?from=check' : ''}`,
              303,
            );
        }
        const next = stay
          ? `${draftUrl(draft.id, target)}${fromCheck ? '?from=check' : ''}`
          : fromCheck
            ? draftUrl(draft.id, 'check')
            : draftUrl(draft.id, nextPage(target));
        return reply.redirect(next, 303);
      });
    },
  );

  // ---------------------------------------------------------------- choosing a child already known

  app.post<{ Params: DraftParams }>(
    '/referrals/drafts/:id/child/search',
    page('case:search', AUDIT.PERSON_SEARCH),
    async (request, reply) => {
      const terms = {
        name: formText(request.body, 'searchName', 250).trim(),
        dob: formText(request.body, 'searchDob', 20).trim(),
      };
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const { query, errors } = parseSearch({ name: terms.name, dob: terms.dob });
        if (errors.length) {
          return renderDraftPage(request, reply, tx, draft, 'child', {
            errors: errorsForPage(
              errors.map((e) => ({ ...e, field: e.field === 'dob' ? 'searchDob' : 'searchName' })),
            ),
            search: { terms, results: null },
            status: 400,
          });
        }
        const results = await searchPeople(tx, query, 20);
        await request.audit(tx, {
          subjectType: 'person',
          details: { terms, shown: results.length, draftId: draft.id },
        });
        return renderDraftPage(request, reply, tx, draft, 'child', { search: { terms, results } });
      });
    },
  );

  app.post<{ Params: DraftParams }>(
    '/referrals/drafts/:id/child/existing',
    page('referral:create', AUDIT.DRAFT_UPDATE),
    async (request, reply) => {
      const personId = formText(request.body, 'personId', 60);
      const fromCheck = formText(request.body, 'from') === 'check';
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        if (!isUuid(personId)) {
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            outcome: 'FAILURE',
            details: { page: 'child', errors: ['personId'] },
          });
          return renderDraftPage(request, reply, tx, draft, 'child', {
            errors: errorsForPage([{ field: 'personId', message: 'Choose a child from the search results' }]),
            status: 400,
          });
        }
        // A person outside the caller's scope answers 404 and is audited as a denial.
        const { person } = await service.earlierReferralsOf(tx, request.principal, personId);
        const personLabel =
          [person.forename, person.surname].filter(Boolean).join(' ') +
          (person.dob ? `, born ${person.dob}` : '');
        const data: VictimDraft = { ...draft.data, child: { personId: person.id, personLabel } };
        await drafts.saveDraft(tx, draft.id, data);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: 'child' },
        });
        return reply.redirect(fromCheck ? draftUrl(draft.id, 'check') : draftUrl(draft.id, 'referrer'), 303);
      });
    },
  );

  // ---------------------------------------------------------------- known children who may be the one entered

  app.get<{ Params: DraftParams }>(
    '/referrals/drafts/:id/child/matches',
    page('case:search', AUDIT.PERSON_SEARCH),
    async (request, reply) =>
      request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const details = draft.data.child?.details;
        if (!details || draft.data.child?.personId) throw new NotFoundError();
        const candidates = await intakeCandidates(tx, request.principal, details);
        await request.audit(tx, {
          subjectType: 'person',
          details: { kind: 'intake-candidates', shown: candidates.length, draftId: draft.id },
        });
        const fromCheck = formText(request.query, 'from') === 'check';
        return reply.page('referrals/views/draft-child-matches.njk', {
          title: 'Is this a child already known?',
          draftId: draft.id,
          action: `${draftUrl(draft.id, 'child')}/matches`,
          fromCheck,
          backHref: `${draftUrl(draft.id, 'child')}${fromCheck ? '?from=check' : ''}`,
          entered: personSummary(details).split('\n'),
          candidates,
        });
      }),
  );

  app.post<{ Params: DraftParams }>(
    '/referrals/drafts/:id/child/matches',
    page('case:search', AUDIT.DRAFT_UPDATE),
    async (request, reply) => {
      const choice = formText(request.body, 'personId', 60);
      const fromCheck = formText(request.body, 'from') === 'check';
      return request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        const next = draftUrl(draft.id, fromCheck ? 'check' : 'referrer');
        const details = draft.data.child?.details;
        if (!details) throw new NotFoundError();
        if (choice === 'none') {
          await drafts.saveDraft(tx, draft.id, { ...draft.data, child: { details, newPerson: true } });
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            details: { page: 'child', candidates: 'none chosen' },
          });
          return reply.redirect(next, 303);
        }
        // A person outside the caller's scope answers 404 and is audited as a denial.
        const person = await openPerson(tx, request.principal, choice);
        if (person.merged_into) throw new NotFoundError();
        const personLabel =
          [person.forename, person.surname].filter(Boolean).join(' ') +
          (person.dob ? `, born ${person.dob}` : '');
        const data: VictimDraft = { ...draft.data, child: { personId: person.id, personLabel, details } };
        await drafts.saveDraft(tx, draft.id, data);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: 'child', candidateChosen: person.id },
        });
        return reply.redirect(next, 303);
      });
    },
  );

  // ---------------------------------------------------------------- check your answers and submit

  const renderCheck = async (
    request: FastifyRequest,
    reply: FastifyReply,
    tx: Tx,
    draft: { id: string; data: VictimDraft },
    errors: FieldError[] = [],
  ) => {
    const caseReader = request.principal.permissions.has('case:read');
    const childId = draft.data.child?.personId ?? null;
    const earlier =
      caseReader && childId ? await service.earlierReferralsOf(tx, request.principal, childId) : null;
    const gap = firstUnanswered(draft.data);
    return reply.page(
      'referrals/views/check.njk',
      {
        title: TITLES.check,
        draftId: draft.id,
        sections: summarySections(draft.data),
        gap: gap ? { href: draftUrl(draft.id, gap), title: TITLES[gap] } : null,
        earlier,
        ...(errors.length ? checkErrors(draft.id, errors) : { errorList: [], fieldErrors: {} }),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get<{ Params: DraftParams }>(
    '/referrals/drafts/:id/check',
    page('referral:create', AUDIT.DRAFT_VIEW),
    async (request, reply) =>
      request.tx(async (tx) => {
        const draft = await loadDraft(tx, request.params.id);
        await request.audit(tx, {
          subjectType: 'referral_draft',
          subjectId: draft.id,
          details: { page: 'check' },
        });
        return renderCheck(request, reply, tx, draft);
      }),
  );

  app.post<{ Params: DraftParams }>(
    '/referrals/drafts/:id/check',
    page('referral:create', AUDIT.REFERRAL_CREATE),
    async (request, reply) => {
      try {
        const created = await request.tx(async (tx) => {
          const draft = await loadDraft(tx, request.params.id);
          const errors = validateDraft(draft.data, new Date());
          if (errors.length) throw new ValidationError(errors);
          // The service validates everything again, records the people and writes REFERRAL_CREATE.
          const result = await service.submitVictimReferral(tx, request.principal, toInput(draft.data));
          await drafts.deleteDraft(tx, draft.id);
          return result;
        });
        return reply.redirect(`/referrals/${created.id}/confirmation`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          const draft = await loadDraft(tx, request.params.id);
          await request.audit(tx, {
            subjectType: 'referral_draft',
            subjectId: draft.id,
            outcome: 'FAILURE',
            details: { errors: error.details.map((e) => e.field) },
          });
          const details = error.details.length ? error.details : [{ field: 'form', message: error.message }];
          return renderCheck(request, reply, tx, draft, details);
        });
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/confirmation',
    page('referral:create', AUDIT.REFERRAL_VIEW),
    async (request, reply) => {
      const referral = await request.tx(async (tx) => {
        const row = await service.openVictimReferral(tx, request.params.id);
        await request.audit(tx, {
          subjectType: 'victim_referral',
          subjectId: row.id,
          details: { page: 'confirmation' },
        });
        return row;
      });
      return reply.page('referrals/views/confirmation.njk', {
        title: 'Referral sent',
        referral,
        caseReader: service.mayLearnHubFacts(request.principal, referral.area),
      });
    },
  );

  // ---------------------------------------------------------------- referrals and feedback

  app.get('/referrals', page('referral:read-own-agency', AUDIT.REFERRAL_LIST), async (request, reply) => {
    // listReferrals writes the REFERRAL_LIST event.
    const rows = await request.tx((tx) => service.listReferrals(tx, request.principal));
    const caseReader = request.principal.permissions.has('case:read');
    return reply.page('referrals/views/list.njk', {
      title: caseReader ? 'Referrals to your hub' : 'Your agency’s referrals',
      caseReader,
      referrals: rows.map((r) => ({
        ...r,
        childName: [r.child_forename, r.child_surname].filter(Boolean).join(' ') || 'Name not known',
        categoryLabel: label(REFERRAL_CATEGORIES, r.category),
        typeLabel: label(EXPLOITATION_TYPES, r.exploitation_type),
        statusLabel: statusLabel(r.status),
        outcomeLabel: r.outcome ? label(SOCIAL_CARE_OUTCOMES, r.outcome) : null,
        own: r.referring_agency_id === request.principal.agencyId,
      })),
    });
  });

  app.get<{ Params: { id: string } }>(
    '/referrals/:id',
    page('referral:read-own-agency', AUDIT.REFERRAL_VIEW),
    async (request, reply) => {
      // viewVictimReferral writes the REFERRAL_VIEW event.
      const view = await request.tx((tx) =>
        service.viewVictimReferral(tx, request.principal, request.params.id),
      );
      const r = view.referral;
      return reply.page('referrals/views/referral.njk', {
        title: `Referral ${r.reference}`,
        referral: r,
        caseReader: view.caseReader,
        childName: [r.child_forename, r.child_surname].filter(Boolean).join(' ') || 'Name not known',
        labels: {
          source: label(CIN_REFERRAL_SOURCES, r.cin_referral_source),
          type: label(EXPLOITATION_TYPES, r.exploitation_type),
          category: label(REFERRAL_CATEGORIES, r.category),
          model: label(EXPLOITATION_MODELS, r.exploitation_model),
          contact: label(CONTACT_METHODS, r.contact_method),
          consent: label(CONSENT_STATUSES, r.consent),
          urgency: label(URGENCIES, r.urgency),
          status: statusLabel(r.status),
          outcome: r.outcome ? label(SOCIAL_CARE_OUTCOMES, r.outcome) : null,
          indicators: r.indicators.map((i) => label(CSE_INDICATORS, i)),
        },
        people: view.people.map((p) => ({
          ...p,
          name: [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known',
          roleLabel: p.role === 'SUSPECT' ? 'Suspect' : 'Associate',
        })),
        earlier: view.earlier.map((e) => ({
          ...e,
          categoryLabel: label(REFERRAL_CATEGORIES, e.category),
          statusLabel: statusLabel(e.status),
          outcomeLabel: e.outcome ? label(SOCIAL_CARE_OUTCOMES, e.outcome) : null,
        })),
      });
    },
  );

  // ---------------------------------------------------------------- suspect referrals

  interface SuspectFormValues {
    person: ReturnType<typeof personFormFrom>;
    name: string;
    received: DateParts;
    receivedTime: string;
    status: string;
    role: string;
    source: string;
    division: string;
    area: string;
    notes: string;
    linked: string[];
    linkTypes: Record<string, string>;
  }

  const renderSuspectForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: SuspectFormValues | null,
    errors: FieldError[] = [],
  ) => {
    const { rows, areas } = await request.tx(async (tx) => ({
      // listReferrals writes the REFERRAL_LIST event: the children offered are personal data.
      rows: await service.listReferrals(tx, request.principal, 100),
      areas: await store.knownAreas(tx),
    }));
    const now = wallClockOf(new Date());
    const v: SuspectFormValues = values ?? {
      person: blankPerson(),
      name: '',
      received: now.date,
      receivedTime: now.time,
      status: '',
      role: '',
      source: '',
      division: '',
      area: '',
      notes: '',
      linked: [],
      linkTypes: {},
    };
    const children = new Map<string, { personId: string; name: string; reference: string }>();
    for (const r of rows) {
      if (!children.has(r.person_id))
        children.set(r.person_id, {
          personId: r.person_id,
          name: [r.child_forename, r.child_surname].filter(Boolean).join(' ') || 'Name not known',
          reference: r.reference,
        });
    }
    return reply.page(
      'referrals/views/suspect-form.njk',
      {
        title: 'Refer a suspect',
        values: v,
        person: v.person,
        genderItems: radioItems(GENDERS, v.person.gender),
        ethnicityItems: selectItems(ETHNICITIES, v.person.ethnicity, 'Select an ethnicity (optional)'),
        statusItems: radioItems(SUSPECT_STATUSES, v.status),
        roleItems: radioItems(SUSPECT_ROLES, v.role),
        sourceItems: radioItems(SUSPECT_REFERRAL_SOURCES, v.source),
        divisionItems: [
          { value: '', text: 'Not known', selected: !v.division },
          ...['EAST', 'SOUTH', 'WEST'].map((d) => ({
            value: d,
            text: `${d[0]}${d.slice(1).toLowerCase()}`,
            selected: d === v.division,
          })),
        ],
        areaItems: [
          { value: '', text: 'The referring agency’s area', selected: !v.area },
          ...areas.map((a) => ({ value: a, text: a, selected: a === v.area })),
        ],
        children: [...children.values()].map((c) => ({
          ...c,
          checked: v.linked.includes(c.personId),
          linkItems: selectItems(
            SUSPECT_LINK_TYPES,
            v.linkTypes[c.personId] ?? '',
            'Select how they are linked',
          ),
        })),
        ...suspectErrors(errors, v.linked),
      },
      errors.length ? 400 : undefined,
    );
  };

  app.get('/suspect-referrals/new', page('referral:create', AUDIT.REFERRAL_LIST), (request, reply) =>
    renderSuspectForm(request, reply, null),
  );

  app.post(
    '/suspect-referrals',
    page('referral:create', AUDIT.SUSPECT_REFERRAL_CREATE),
    async (request, reply) => {
      const body = request.body;
      const linked = [...new Set(formList(body, 'linkedChildren', 50))];
      const values: SuspectFormValues = {
        person: personFormFrom(body),
        name: formText(body, 'name', 250).trim(),
        received: datePartsFrom(body, 'received'),
        receivedTime: formText(body, 'receivedTime', 10).trim(),
        status: formText(body, 'status', 40),
        role: formText(body, 'suspectRole', 40),
        source: formText(body, 'source', 40),
        division: formText(body, 'division', 40),
        area: formText(body, 'area', 40),
        notes: formText(body, 'notes', 10_001).trim(),
        linked,
        linkTypes: Object.fromEntries(linked.map((id) => [id, formText(body, `linkType-${id}`, 40)])),
      };
      const input: SuspectReferralInput = {
        referrer: { name: values.name },
        receivedAt: instantFrom(values.received, values.receivedTime),
        suspect: { details: personDetailsOf(values.person) },
        status: values.status,
        role: values.role,
        source: values.source,
        division: values.division || null,
        area: values.area || null,
        linkedChildren: linked.map((personId) => ({ personId, linkType: values.linkTypes[personId] ?? '' })),
        notes: values.notes || null,
      };
      try {
        const created = await request.tx(async (tx) => {
          const errors = validatePersonForm(values.person, 'SUSPECT', new Date(), 'suspect');
          if (errors.length) throw new ValidationError(errors);
          // The service validates everything, checks each child is in scope and writes the audit event.
          return service.submitSuspectReferral(tx, request.principal, input);
        });
        return reply.redirect(`/suspect-referrals/${created.id}/confirmation`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const details = error.details.length ? error.details : [{ field: 'form', message: error.message }];
        return renderSuspectForm(request, reply, values, details);
      }
    },
  );

  const suspectView = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    // viewSuspectReferral writes the SUSPECT_REFERRAL_VIEW event.
    const r = await request.tx((tx) => service.viewSuspectReferral(tx, request.params.id));
    return {
      referral: r,
      name: [r.forename, r.surname].filter(Boolean).join(' ') || 'Name not known',
      labels: {
        status: label(SUSPECT_STATUSES, r.status),
        role: label(SUSPECT_ROLES, r.role),
        source: label(SUSPECT_REFERRAL_SOURCES, r.source),
        gender: label(GENDERS, r.gender),
        ethnicity: label(ETHNICITIES, r.ethnicity),
      },
      links: r.linked_children.map((l) => ({ ...l, linkLabel: label(SUSPECT_LINK_TYPES, l.linkType) })),
    };
  };

  app.get<{ Params: { id: string } }>(
    '/suspect-referrals/:id/confirmation',
    page('referral:create', AUDIT.SUSPECT_REFERRAL_VIEW),
    async (request, reply) =>
      reply.page('referrals/views/suspect-confirmation.njk', {
        title: 'Suspect referral sent',
        ...(await suspectView(request)),
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/suspect-referrals/:id',
    page('referral:read-own-agency', AUDIT.SUSPECT_REFERRAL_VIEW),
    async (request, reply) => {
      const view = await suspectView(request);
      return reply.page('referrals/views/suspect-referral.njk', {
        title: `Suspect referral ${view.referral.reference}`,
        ...view,
      });
    },
  );
}

function statusLabel(status: string): string {
  const labels: Record<string, string> = {
    RECEIVED: 'Received',
    TRIAGED: 'Triaged',
    IN_RESEARCH: 'Being researched',
    IN_DISCUSSION: 'In discussion',
    DECIDED: 'Decided',
    CLOSED: 'Closed',
  };
  return labels[status] ?? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** The suspect form's field names for the rules' field names. */
function suspectErrors(errors: FieldError[], linked: string[]) {
  const renamed = errors.map((e) => {
    const link = /^linkedChildren\[(\d+)\]\.(\w+)$/.exec(e.field);
    let field = e.field;
    if (link) field = link[2] === 'linkType' ? `linkType-${linked[Number(link[1])] ?? ''}` : 'linkedChildren';
    else if (field === 'receivedAt') field = 'received';
    else if (field === 'referrer.name') field = 'name';
    else if (field === 'role') field = 'suspectRole';
    else if (field.startsWith('suspect')) field = personFieldOf(field, 'suspect');
    return { field, message: e.message };
  });
  return errorsForPage(renamed, { dob: 'dob-day', received: 'received-day' });
}
