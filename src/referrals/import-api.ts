/**
 * `POST /api/v1/imports/referrals`: a partnership's past victim referrals, with their MASH outcomes at their
 * real decision times (decision 0026). Codes and times are plain strings here, not enums: a bad one is that
 * row's error, named by row and field, while the good rows load; the request itself fails only when its
 * shape is wrong. Send `dryRun: true` to see the report without writing.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CONTACT_OUTCOMES, REFERRAL_OUTCOMES, STATUTORY_MEASURES } from '../mash/codes.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { CodeEntry } from '../platform/codes/code-list.ts';
import { ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import {
  CIN_ASSESSMENT_FACTORS,
  CSE_INDICATORS,
  SUSPECT_LINK_TYPES,
  SUSPECT_REFERRAL_SOURCES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
} from '../platform/codes/referral.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { codeListDescription, Opt } from '../platform/http/api-schemas.ts';
import { apiRoute, errorResponses, idempotentWrite } from '../platform/http/api-support.ts';
import { PersonDetailsSchema } from './api-schemas.ts';
import { FIELDS } from './field-kinds.ts';
import { MAX_SOURCE_REFERENCE, MAX_SYSTEM_NAME } from './import-rules.ts';
import type { ImportBatch, ImportReport } from './import-run.ts';
import { type ImportRow, importReferralHistory } from './import-service.ts';
import { importSuspectHistory, type SuspectImportRow } from './import-suspect-service.ts';

export const MAX_IMPORT_ROWS = 500;

const time = (description: string) => Type.String({ maxLength: 40, description });

/** A simple field of the referral (fields.ts), its codes described rather than enforced (per-row errors). */
function looseField(f: (typeof FIELDS)[number]): TSchema {
  const description = 'codes' in f && f.codes ? codeListDescription(f.codes) : undefined;
  const schema =
    f.kind === 'yesNo'
      ? Type.Boolean()
      : Type.String({
          maxLength: 'maxLength' in f ? f.maxLength : 100,
          ...(description ? { description } : {}),
        });
  return f.required ? schema : Opt(schema);
}

const CODED_DETAILS: Readonly<Record<string, readonly CodeEntry[]>> = {
  gender: GENDERS,
  ethnicity: ETHNICITIES,
  livingSituation: LIVING_SITUATIONS,
};

/**
 * The child as the referral API takes it, but with the coded details (gender, ethnicity, living situation)
 * as plain text: a bad code is the row's error, not the request's.
 */
const ChildSchema = Type.Object(
  {
    personId: Opt(Type.String({ maxLength: 36, description: 'A person already in the registry' })),
    details: Opt(
      Type.Object(
        Object.fromEntries(
          Object.entries(PersonDetailsSchema.properties).map(([key, schema]) => {
            const list = CODED_DETAILS[key];
            return [
              key,
              list ? Opt(Type.String({ maxLength: 60, description: codeListDescription(list) })) : schema,
            ];
          }),
        ),
        { additionalProperties: false },
      ),
    ),
    newPerson: Opt(Type.Boolean()),
  },
  {
    additionalProperties: false,
    description: 'A person already in the registry (personId), new details, or both',
  },
);

const OutcomeSchema = Type.Object(
  {
    decidedAt: time('When the hub decided (ISO 8601); the MASH clock stops then, not at import'),
    rag: Opt(Type.String({ maxLength: 10, description: 'RED, AMBER, GREEN or BLUE' })),
    contactOutcome: Type.String({ maxLength: 50, description: codeListDescription(CONTACT_OUTCOMES) }),
    referralOutcome: Opt(Type.String({ maxLength: 50, description: codeListDescription(REFERRAL_OUTCOMES) })),
    statutoryMeasures: Type.Optional(
      Type.Array(Type.String({ maxLength: 50, description: codeListDescription(STATUTORY_MEASURES) }), {
        maxItems: 20,
      }),
    ),
    cinFactors: Type.Optional(
      Type.Array(Type.String({ maxLength: 50, description: codeListDescription(CIN_ASSESSMENT_FACTORS) }), {
        maxItems: 50,
      }),
    ),
    nfaReason: Opt(Type.String({ maxLength: 2000 })),
    rationale: Opt(Type.String({ maxLength: 10_000 })),
    feedbackToReferrer: Opt(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false, description: 'The MASH outcome, if the referral was decided' },
);

/** What every imported row names: its reference in the source system, its hub area and police division. */
const SourceReference = Type.String({
  maxLength: MAX_SOURCE_REFERENCE,
  description: 'The source system’s reference',
});
const hubArea = (whenAbsent: string) =>
  Opt(Type.String({ maxLength: 100, description: `The hub area; ${whenAbsent}` }));
const Division = Opt(Type.String({ maxLength: 30 }));

const ImportRowSchema = Type.Object(
  {
    sourceReference: SourceReference,
    receivedAt: time('When the hub received the referral (ISO 8601; without a zone, London time)'),
    area: hubArea('routed by the child’s postcode if absent'),
    division: Division,
    concernNoticedAt: Opt(time('When the referrer noticed the concern; the time received if absent')),
    referrer: Type.Object(
      {
        name: Type.String({ maxLength: 200 }),
        role: Opt(Type.String({ maxLength: 200 })),
        contact: Opt(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    ...Object.fromEntries(FIELDS.map((f) => [f.name, looseField(f)])),
    indicators: Opt(
      Type.Array(Type.String({ maxLength: 60, description: codeListDescription(CSE_INDICATORS) }), {
        maxItems: 50,
      }),
    ),
    child: ChildSchema,
    outcome: Opt(OutcomeSchema),
  },
  { additionalProperties: false },
);

/** An import's body: the source system (its example named), a dry run or not, and the rows. */
function importBody(row: TSchema, exampleSystem: string) {
  return Type.Object(
    {
      system: Type.String({
        maxLength: MAX_SYSTEM_NAME,
        description: `The source system, e.g. "${exampleSystem}"`,
      }),
      dryRun: Type.Optional(Type.Boolean({ description: 'Check and report without writing' })),
      referrals: Type.Array(row, { minItems: 1, maxItems: MAX_IMPORT_ROWS }),
    },
    { additionalProperties: false },
  );
}

const ImportBody = importBody(ImportRowSchema, 'Mosaic');

const SuspectImportRowSchema = Type.Object(
  {
    sourceReference: SourceReference,
    receivedAt: time('When the referral was received (ISO 8601; without a zone, London time)'),
    area: hubArea('the importing agency’s own if absent'),
    division: Division,
    referrer: Type.Object({ name: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
    status: Type.String({ maxLength: 50, description: codeListDescription(SUSPECT_STATUSES) }),
    role: Type.String({ maxLength: 50, description: codeListDescription(SUSPECT_ROLES) }),
    source: Type.String({ maxLength: 50, description: codeListDescription(SUSPECT_REFERRAL_SOURCES) }),
    suspect: ChildSchema,
    linkedChildren: Opt(
      Type.Array(
        Type.Object(
          {
            personId: Opt(Type.String({ maxLength: 36 })),
            victimReference: Opt(
              Type.String({
                maxLength: MAX_SOURCE_REFERENCE,
                description:
                  'The source reference of a victim referral imported from the same system: its child',
              }),
            ),
            linkType: Type.String({ maxLength: 50, description: codeListDescription(SUSPECT_LINK_TYPES) }),
            note: Opt(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    notes: Opt(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

const SuspectImportBody = importBody(SuspectImportRowSchema, 'Niche');

const ImportReportSchema = Type.Object({
  batch: Type.String(),
  system: Type.String(),
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  imported: Type.Integer({ description: 'Rows imported (in a dry run: that would be)' }),
  alreadyImported: Type.Integer({ description: 'Rows imported before, unchanged: left alone' }),
  changed: Type.Integer({ description: 'Known references whose content differs: reported, not applied' }),
  failed: Type.Integer(),
  results: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'The row, counting from 1' }),
      sourceReference: Type.Union([Type.String(), Type.Null()]),
      status: Type.String({ description: 'IMPORTED, ALREADY_IMPORTED, CHANGED or ERROR' }),
      reference: Type.Optional(Type.String({ description: 'Lantern’s reference of the referral' })),
      errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    }),
  ),
});

/** What an import route is told: its path, its description in the API document, and the run over the rows. */
interface ImportRoute<R> {
  path: string;
  summary: string;
  description: string;
  body: TSchema;
  run(tx: Tx, principal: Principal, batch: ImportBatch<R>): Promise<ImportReport>;
}

/** An import of history over the API: idempotent with `Idempotency-Key`, answering the run's report. */
function importRoute<R>(app: FastifyInstance, route: ImportRoute<R>): void {
  app.post(
    route.path,
    {
      config: apiRoute('referral:import', 'REFERRAL_IMPORT'),
      schema: {
        tags: ['Referrals'],
        summary: route.summary,
        description: route.description,
        body: route.body,
        response: { 200: ImportReportSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      idempotentWrite(request, reply, async (tx) => {
        const body = request.body as { system: string; referrals: unknown[]; dryRun?: boolean };
        return {
          statusCode: 200,
          body: await route.run(tx, request.principal, {
            system: body.system,
            rows: body.referrals as R[],
            dryRun: body.dryRun === true,
            source: 'api',
          }),
        };
      }),
  );
}

export async function referralImportApiRoutes(app: FastifyInstance): Promise<void> {
  importRoute<ImportRow>(app, {
    path: '/api/v1/imports/referrals',
    summary: 'Import past victim referrals and their MASH outcomes (history)',
    description:
      'Each row is imported whole or not at all; a re-sent row is reported as already imported. ' +
      'Send `Idempotency-Key` so that a retried request is applied once.',
    body: ImportBody,
    run: importReferralHistory,
  });
  importRoute<SuspectImportRow>(app, {
    path: '/api/v1/imports/suspect-referrals',
    summary: 'Import past suspect and offender referrals (history)',
    description:
      'Each row is imported whole or not at all; a re-sent row is reported as already imported. A linked ' +
      'child is a person id or the `victimReference` of a victim referral imported from the same system.',
    body: SuspectImportBody,
    run: importSuspectHistory,
  });
}
