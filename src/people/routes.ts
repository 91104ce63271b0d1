/**
 * People pages: search (terms sent by POST, never in a URL, and audited) and the person page (their
 * agencies' records with provenance and a timeline of everything the viewer may see). A restricted person
 * opens only to their case team, with a justification recorded on every opening.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { personPageAbilities } from '../platform/access/policy-people.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { type DateParts, partsFromIso } from '../platform/forms/date-parts.ts';
import { AccessDeniedError, type FieldError, NotFoundError } from '../platform/http/errors.ts';
import { justificationErrors, justificationFrom, replyJustify } from '../platform/http/justification.ts';
import { pageNumberOf, pageWindow } from '../platform/views/pagination.ts';
import { errorView } from '../platform/views/render.ts';
import { activeModel, probabilitiesFor, searchRecord } from './candidates-service.ts';
import { linkedPeople } from './chronology-service.ts';
import { dobFromBody, dobItems } from './dob-input.ts';
import { noticeOf } from './identity-view.ts';
import { mergeHistoryView } from './merge.ts';
import { openPersonPath, SEARCH_PATH } from './paths.ts';
import { personPageView, SEARCH_PAGE_SIZE, searchPager, searchResultsView } from './person-view.ts';
import { page, text } from './route-support.ts';
import { parseSearch, type SearchInput, type SearchResult, searchPeoplePage } from './search-service.ts';
import { isUuid, personScope, viewPerson } from './service.ts';

/**
 * How the people pages read a child's CSE risk flag. The flag belongs to the risk module, which depends on
 * people; the composition root (app.ts) passes the reader in, so people imports no other feature module.
 * A flag is opaque here: the templates (`mash/views/cse-flag*.njk`) show it.
 */
export interface PersonFlagReader<Flag = unknown> {
  /** The person page's flag; null when never assessed. */
  cseFlagView(tx: Tx, personId: string): Promise<Flag | null>;
  /** The flags of search results, by person id. */
  cseFlagViews(tx: Tx, personIds: readonly string[]): Promise<Map<string, Flag>>;
}

/**
 * Where search results open for a child the principal reaches only through a sharing grant (the MASH owns
 * grants; the composition root passes this in): the person page refuses them, the shared page shows what
 * was shared. Such a result shows no CSE flag, which the grant may not include.
 */
export interface SharedLinkReader {
  sharedHrefs(tx: Tx, principal: Principal, personIds: readonly string[]): Promise<Map<string, string>>;
}

/**
 * The child's story for the person page: the latest lines of the chronology and links to the records about
 * them (referrals, MASH episodes, missing episodes). The chronology module reads it from every module's
 * provider; the composition root passes the reader in. Opaque here: the template shows it.
 */
export interface PersonStoryReader {
  storyOf(tx: Tx, principal: Principal, personId: string): Promise<unknown>;
}

/** Links to other modules' pages about the person (a suspect's disruption register), passed in by the root. */
export interface PersonLinksReader {
  linksOf(
    tx: Tx,
    principal: Principal,
    personId: string,
  ): Promise<{ id: string; text: string; href: string }[]>;
}

export interface PeoplePageOptions {
  personLinks?: PersonLinksReader;
  /** Without a reader (an app built without the chronology) the page shows no story. */
  story?: PersonStoryReader;
  /** Without a reader (an app built without the risk module) no flag is shown: "Not assessed". */
  personFlags?: PersonFlagReader;
  sharedLinks?: SharedLinkReader;
}

const NO_FLAGS: PersonFlagReader = {
  cseFlagView: async () => null,
  cseFlagViews: async () => new Map(),
};

export async function peoplePageRoutes(app: FastifyInstance, options: PeoplePageOptions = {}): Promise<void> {
  const flags = options.personFlags ?? NO_FLAGS;
  const sharedLinks: SharedLinkReader = options.sharedLinks ?? { sharedHrefs: async () => new Map() };
  const story = options.story ?? null;

  // ---------------------------------------------------------------- search

  const renderSearch = (
    reply: FastifyReply,
    terms: SearchInput & { dobParts?: DateParts },
    results: SearchResult[] | null,
    errors: FieldError[] = [],
    probabilities: Map<string, { percent: string }> | null = null,
    found: Map<string, unknown> = new Map(),
    hrefs: Map<string, string> = new Map(),
    paging: { page: number; total: number } = { page: 1, total: 0 },
  ) =>
    reply.page(
      'people/views/search.njk',
      {
        title: 'Search for a person',
        action: SEARCH_PATH,
        terms,
        dobItems: dobItems(
          terms.dobParts ?? partsFromIso(terms.dob),
          errors.some((e) => e.field === 'dob'),
        ),
        results: results ? searchResultsView(results, terms, probabilities, found, hrefs) : undefined,
        pager: results ? searchPager(paging.page, paging.total, results.length) : null,
        showProbability: Boolean(probabilities),
        ...errorView(errors),
      },
      errors.length ? 400 : undefined,
    );

  app.get('/search', page('case:search', 'none'), async (_request, reply) => renderSearch(reply, {}, null));

  app.post('/search', page('case:search', 'PERSON_SEARCH'), async (request, reply) => {
    const { dob, dobParts } = dobFromBody(request.body);
    const terms = {
      name: text(request.body, 'name', 250),
      dob,
      identifier: text(request.body, 'identifier', 60),
      postcode: text(request.body, 'postcode', 20),
    };
    // The page is a field posted with the same terms (terms never go in a URL); a bad one means page 1.
    const pageNumber = pageNumberOf((request.body as Record<string, unknown> | undefined)?.page);
    const { query, errors } = parseSearch(terms);
    if (errors.length) return renderSearch(reply, { ...terms, dobParts }, null, errors);
    const result = await request.tx(async (tx) => {
      const { rows, total } = await searchPeoplePage(tx, query, pageWindow(pageNumber, SEARCH_PAGE_SIZE));
      const cseFlags = await flags.cseFlagViews(
        tx,
        rows.map((r) => r.id),
      );
      // With a matching model, each result's probability of being the person searched for.
      const model = await activeModel(tx);
      const probabilities = model
        ? await probabilitiesFor(
            tx,
            model.model,
            searchRecord(terms),
            rows.map((r) => r.id),
          )
        : null;
      const shared = await sharedLinks.sharedHrefs(
        tx,
        request.principal,
        rows.map((r) => r.id),
      );
      for (const id of shared.keys()) cseFlags.delete(id);
      await request.audit(tx, {
        subjectType: 'person',
        details: { terms, shown: rows.length, total, page: pageNumber },
      });
      return { rows, total, probabilities, cseFlags, shared };
    });
    return renderSearch(reply, terms, result.rows, [], result.probabilities, result.cseFlags, result.shared, {
      page: pageNumber,
      total: result.total,
    });
  });

  // ---------------------------------------------------------------- the person page

  /** The person page's view model: the record, and for those who read cases its merges and CSE flag. */
  const loadPerson = async (tx: Tx, request: FastifyRequest, id: string, justification?: string) => {
    const view = await viewPerson(tx, request.principal, id, justification);
    const abilities = personPageAbilities(
      request.principal,
      personScope(view.person),
      view.person.merged_into,
    );
    const history = abilities.seesCasework
      ? await mergeHistoryView(tx, request.principal, view.person)
      : null;
    // The child's CSE flag is read within the same PERSON_VIEW event.
    const cseFlag = await flags.cseFlagView(tx, id);
    // The chronology's latest lines and the records and people linked to the child, under row-level security.
    const personStory = story ? await story.storyOf(tx, request.principal, id) : null;
    const linked = await linkedPeople(tx, id);
    const moduleLinks = options.personLinks
      ? await options.personLinks.linksOf(tx, request.principal, id)
      : [];
    return {
      moduleLinks,
      ...personPageView({ ...view, history, cseFlag, abilities, notice: noticeOf(request.query) }),
      story: personStory,
      linked,
    };
  };

  const renderJustify = (reply: FastifyReply, id: string, errors: FieldError[] = [], justification = '') =>
    replyJustify(
      reply,
      {
        title: 'Why are you opening this record?',
        warning:
          'This is a restricted record. Only its case team may open it, and every opening is recorded with its reason.',
        label: 'Reason for opening the record',
        button: 'Open the record',
      },
      openPersonPath(id),
      justification,
      errors,
    );

  app.get<{ Params: { id: string } }>(
    '/people/:id',
    page('referral:read-own-agency', 'PERSON_VIEW'),
    async (request, reply) => {
      const id = request.params.id;
      if (!isUuid(id)) throw new NotFoundError();
      const result = await request.tx(async (tx) => {
        try {
          // viewPerson decides access and writes the PERSON_VIEW event.
          return { view: await loadPerson(tx, request, id.toLowerCase()) };
        } catch (error) {
          // A restricted person, and the caller is on the case team: ask why before showing anything.
          if (error instanceof AccessDeniedError && error.reason === 'JUSTIFICATION_REQUIRED') {
            await request.audit(tx, {
              action: 'PERSON_JUSTIFICATION_ASKED',
              subjectType: 'person',
              subjectId: id.toLowerCase(),
            });
            return { view: null };
          }
          throw error;
        }
      });
      if (!result.view) return renderJustify(reply, id.toLowerCase());
      return reply.page('people/views/person.njk', result.view);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/open',
    page('referral:read-own-agency', 'PERSON_VIEW'),
    async (request, reply) => {
      const id = request.params.id;
      if (!isUuid(id)) throw new NotFoundError();
      const justification = justificationFrom(request.body);
      const errors = justificationErrors(justification, 'open this record');
      if (errors.length) return renderJustify(reply, id.toLowerCase(), errors, justification);
      // The justification is recorded on the PERSON_VIEW event; a caller not on the case team gets 404.
      const view = await request.tx((tx) => loadPerson(tx, request, id.toLowerCase(), justification));
      return reply.page('people/views/person.njk', view);
    },
  );
}
