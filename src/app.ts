/**
 * buildApp(): the one Fastify application used by the server, the CLI and the tests. It refuses to build
 * if any route lacks a permission and audit declaration (default deny).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import { adminRoutes } from './admin/routes.ts';
import { setupRoutes } from './admin/setup-routes.ts';
import { notesChronology } from './chronology/note-service.ts';
import { chronologyRoutes } from './chronology/routes.ts';
import { personStory } from './chronology/story-service.ts';
import { mashApiRoutes } from './mash/api.ts';
import { mashChronology } from './mash/chronology-service.ts';
import { episodeWorkItems } from './mash/episode-work-service.ts';
import { researchWorkItems } from './mash/research-work-service.ts';
import { mashPageRoutes } from './mash/routes.ts';
import { sharingPageRoutes } from './mash/sharing-routes.ts';
import { sharedHrefs } from './mash/sharing-service.ts';
import { sharingWorkItems } from './mash/sharing-work-service.ts';
import { transferRoutes } from './mash/transfer-routes.ts';
import { missingApiRoutes } from './missing/api.ts';
import { missingChronology } from './missing/chronology-service.ts';
import { missingPageRoutes } from './missing/routes.ts';
import { repeatMissingFeed } from './missing/service.ts';
import { mashTaskRoutes } from './missing/task-routes.ts';
import { interviewWorkItems, mashTaskWorkItems } from './missing/work-service.ts';
import { peopleApiRoutes } from './people/api.ts';
import { mergeChronology } from './people/chronology-service.ts';
import { dedupeRoutes } from './people/dedupe-routes.ts';
import { identityPageRoutes } from './people/identity-routes.ts';
import { restrictionRoutes } from './people/restriction-routes.ts';
import { type PersonStoryReader, peoplePageRoutes } from './people/routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { authRoutes } from './platform/auth/routes.ts';
import type { ChronologySource } from './platform/chronology/entry.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import { installAccessHooks } from './platform/http/access-hooks.ts';
import { installErrorHandling } from './platform/http/errors-handler.ts';
import { homeRoutes } from './platform/http/home-routes.ts';
import { installOpsGate } from './platform/http/ops-gate.ts';
import { opsRoutes } from './platform/http/ops-routes.ts';
import {
  markPluginRoutePublic,
  type PublicRoute,
  type RouteAccess,
  RouteDeclarationError,
  routeDeclarationProblem,
} from './platform/http/route-access.ts';
import { installSecurityHeaders } from './platform/http/security.ts';
import { SHARED_SERIALIZERS, SHARED_VALIDATORS } from './platform/http/shared-compilers.ts';
import { installTextGuard } from './platform/http/text-guard.ts';
import { loggerOptions } from './platform/logging.ts';
import { createViews } from './platform/views/render.ts';
import type { WorkProvider } from './platform/work/work-item.ts';
import { pursueApiRoutes } from './pursue/api.ts';
import { disruptionChronology } from './pursue/chronology-service.ts';
import { identifierRoutes } from './pursue/identifier-routes.ts';
import { disposalImportApiRoutes } from './pursue/import-api.ts';
import { intelligenceRoutes } from './pursue/intelligence-routes.ts';
import { disruptionLinks } from './pursue/link-service.ts';
import { operationRoutes } from './pursue/operation-routes.ts';
import { operationTaskWorkItems } from './pursue/operation-work-service.ts';
import { profileRoutes } from './pursue/profile-routes.ts';
import { pursueRoutes } from './pursue/routes.ts';
import { statusRoutes } from './pursue/status-routes.ts';
import { tacticRoutes } from './pursue/tactic-routes.ts';
import { disruptionWorkItems, intelligenceWorkItems } from './pursue/work-service.ts';
import { referralApiRoutes } from './referrals/api.ts';
import { referralChronology } from './referrals/chronology-service.ts';
import { referralImportApiRoutes } from './referrals/import-api.ts';
import { referralPageRoutes } from './referrals/routes.ts';
import { reportApiRoutes, reportPageRoutes } from './reports/index.ts';
import { riskApiRoutes } from './risk/api.ts';
import { riskChronology } from './risk/chronology-service.ts';
import { cseFlagView, cseFlagViews } from './risk/cse-flag-view.ts';
import { riskPageRoutes } from './risk/routes.ts';
import { reassessmentWorkItems } from './risk/work-service.ts';
import { workRoutes } from './work/routes.ts';
import './platform/http/context.ts';

export interface BuildOptions {
  config: Config;
  db: Database;
  /** false silences logging (tests); a stream receives the JSON log lines (tests of redaction). */
  logger?: false | { stream: DestinationStream };
  /** Further route plugins, registered under the same access rules (extensions; tests of the rules). */
  plugins?: FastifyPluginAsync[];
}

export interface DeclaredRoute {
  method: string;
  url: string;
  config: { access?: RouteAccess; public?: PublicRoute } | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access declaration, for the tests that prove default deny. */
    declaredRoutes: readonly DeclaredRoute[];
  }
}

const ROOT = join(import.meta.dirname, '..');

/**
 * My work lists what every provider here finds for the signed-in person; the work module imports none of
 * them. A module that creates work exports a provider (`<module>/*-work-service.ts`, a `WorkProvider` of
 * `src/platform/work/work-item.ts`); adding it to My work is one line in this list.
 */
const WORK_PROVIDERS: readonly WorkProvider[] = [
  researchWorkItems,
  episodeWorkItems,
  sharingWorkItems,
  mashTaskWorkItems,
  interviewWorkItems,
  reassessmentWorkItems,
  disruptionWorkItems,
  intelligenceWorkItems,
  operationTaskWorkItems,
];

/**
 * A child's chronology lists what every source here finds about the child (decision 0020); the chronology
 * module imports none of them. A module that holds records about a child exports a provider
 * (`<module>/chronology-service.ts`, a `ChronologyProvider` of `src/platform/chronology/entry.ts`) and is
 * listed here with the kinds of work its lines belong to (the filter skips the sources not chosen).
 */
const CHRONOLOGY_SOURCES: readonly ChronologySource[] = [
  { groups: ['REFERRALS'], read: referralChronology },
  { groups: ['MASH'], read: mashChronology },
  { groups: ['RISK'], read: riskChronology },
  { groups: ['MISSING'], read: missingChronology },
  { groups: ['PURSUE'], read: disruptionChronology },
  { groups: ['MERGES'], read: mergeChronology },
  { groups: ['NOTES'], read: notesChronology },
];

/** The person page's latest lines and record links, from the same sources. */
const PERSON_STORY: PersonStoryReader = {
  storyOf: (tx, principal, id) => personStory(tx, principal, id, CHRONOLOGY_SOURCES),
};

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const app = Fastify({
    ...(options.logger === false
      ? { logger: false }
      : options.logger
        ? { loggerInstance: pino(loggerOptions(config.logLevel), options.logger.stream) as FastifyBaseLogger }
        : { logger: loggerOptions(config.logLevel) }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    // X-Forwarded-For is believed only from the configured proxies; with none, not at all (production too),
    // or any client could name a new address per attempt and escape the sign-in rate limit.
    trustProxy: config.trustedProxies.length ? [...config.trustedProxies] : false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    schemaController: {
      compilersFactory: { buildValidator: SHARED_VALIDATORS, buildSerializer: SHARED_SERIALIZERS },
    },
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const problems: string[] = [];
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    markPluginRoutePublic(route);
    // The OpenAPI document describes the partner API only, not the pages.
    if (!route.url.startsWith('/api/v1/')) route.schema = { ...(route.schema ?? {}), hide: true };
    const problem = routeDeclarationProblem(route);
    if (problem) problems.push(problem);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        declared.push({ method, url: route.url, config: route.config as DeclaredRoute['config'] });
    }
  });

  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('views', createViews());

  await installSecurityHeaders(app);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 262_144 });
  await app.register(rateLimit, {
    global: true,
    // Sign-in and first-time setup are limited per client address; the API per token (or address).
    allowList: (request) => !isRateLimited(request.url),
    max: (request) =>
      request.url.startsWith('/api/') ? config.apiRateLimitPerMinute : config.signInRateLimitPerMinute,
    timeWindow: '1 minute',
    // request.ip is the connecting address, or the forwarded client's when the connection is from a
    // trusted proxy (LANTERN_TRUSTED_PROXIES).
    keyGenerator: (request) => {
      const bucket = request.url.startsWith('/api/') ? 'api' : 'sign-in';
      const auth = request.headers.authorization;
      return bucket === 'api' && auth ? `${bucket}:${auth.slice(-16)}` : `${bucket}:${request.ip}`;
    },
  });
  installAccessHooks(app);
  installTextGuard(app);
  installOpsGate(app);
  installErrorHandling(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lantern API',
        version: '1',
        description: 'Partner systems use bearer tokens issued per system.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: false,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: false,
    uiConfig: { deepLinking: false },
    uiHooks: {},
  });
  await app.register(fastifyStatic, {
    root: join(ROOT, 'public', 'build'),
    prefix: '/assets/build/',
    cacheControl: false,
    decorateReply: false,
  });

  await app.register(opsRoutes);
  await app.register(authRoutes);
  await app.register(setupRoutes);
  await app.register(homeRoutes);
  await app.register(auditRoutes);
  await app.register(adminRoutes);
  await app.register(referralApiRoutes);
  await app.register(referralImportApiRoutes);
  await app.register(peopleApiRoutes);
  await app.register(referralPageRoutes);
  // The person page shows the child's CSE flag, which the risk module owns: passed in, not imported by people.
  // Search results open the shared page for a child reached only through a sharing grant (the MASH's).
  await app.register(peoplePageRoutes, {
    personFlags: { cseFlagView, cseFlagViews },
    sharedLinks: { sharedHrefs },
    story: PERSON_STORY,
    personLinks: { linksOf: disruptionLinks },
  });
  await app.register(restrictionRoutes);
  await app.register(dedupeRoutes);
  await app.register(identityPageRoutes);
  await app.register(mashApiRoutes);
  await app.register(mashPageRoutes);
  await app.register(transferRoutes);
  await app.register(sharingPageRoutes);
  // CSE risk sits below missing: the composition root hands it what the missing module knows.
  await app.register(riskApiRoutes, { repeatMissingFeed });
  await app.register(riskPageRoutes, { repeatMissingFeed });
  await app.register(missingApiRoutes);
  await app.register(missingPageRoutes);
  await app.register(mashTaskRoutes);
  await app.register(pursueApiRoutes);
  await app.register(disposalImportApiRoutes);
  await app.register(pursueRoutes);
  await app.register(tacticRoutes);
  await app.register(intelligenceRoutes);
  await app.register(identifierRoutes);
  await app.register(statusRoutes);
  await app.register(profileRoutes);
  await app.register(operationRoutes);
  await app.register(reportApiRoutes);
  await app.register(reportPageRoutes);
  await app.register(workRoutes, { providers: WORK_PROVIDERS });
  await app.register(chronologyRoutes, { sources: CHRONOLOGY_SOURCES });
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  app.get(
    '/api/v1/openapi.json',
    { config: { public: { public: true, surface: 'ops' } }, schema: { hide: true } },
    async () => app.swagger(),
  );

  try {
    await app.ready();
  } catch (error) {
    await app.close();
    throw error;
  }
  if (problems.length) {
    await app.close();
    throw new RouteDeclarationError(`routes without access declarations:\n  ${problems.join('\n  ')}`);
  }
  return app;
}

function isRateLimited(url: string): boolean {
  return url.startsWith('/api/v1/') || url.startsWith('/sign-in') || url.startsWith('/setup/');
}
