/**
 * `POST /api/v1/imports/disposals`: a police force's system sends its disposals (tactics against suspects
 * and offenders) as rows, the same rows `lantern import disposals` reads from a file, through the same
 * `importDisposals`. Codes, dates and numbers are loose here: a bad one is that row's error, named by row
 * and field, while the good rows are imported; the request fails only when its shape is wrong, or when the
 * token is not a police agency's case work (403, audited). Send `dryRun: true` to see the report without
 * writing, and `Idempotency-Key` so that a retried request is applied once.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { codeListDescription, Opt } from '../platform/http/api-schemas.ts';
import { apiRoute, errorResponses, idempotentWrite } from '../platform/http/api-support.ts';
import { TACTICS } from './codes.ts';
import { MAX_OFFICER, MAX_POLICE_REFERENCE } from './import-rules.ts';
import { importDisposals } from './import-service.ts';
import { MAX_TEXT } from './rules.ts';

export const MAX_IMPORT_ROWS = 500;

const day = (description: string) =>
  Opt(Type.String({ maxLength: 10, description: `${description} (YYYY-MM-DD or DD/MM/YYYY)` }));
const whole = (description: string) => Opt(Type.Integer({ description }));

const DisposalRow = Type.Object(
  {
    policeReference: Type.String({
      maxLength: MAX_POLICE_REFERENCE,
      description: 'The police system’s reference of the disposal: a reference already imported is skipped',
    }),
    pncReference: Opt(
      Type.String({
        maxLength: 200,
        description: 'The person’s PNC reference, as recorded on their register',
      }),
    ),
    personId: Opt(Type.String({ maxLength: 36, description: 'Or the person’s Lantern id (exactly one)' })),
    tactic: Type.String({
      maxLength: 200,
      description: `A tactic's code or its name (any case): ${codeListDescription(TACTICS)}`,
    }),
    startedOn: Type.String({ maxLength: 10, description: 'When it was issued or happened' }),
    expiresOn: day('On or after the start'),
    reviewOn: day('On or after the start'),
    courtDate: day('Required for an order'),
    sentenceYears: whole('A conviction’s sentence: years (0 to 99)'),
    sentenceMonths: whole('A conviction’s sentence: months (0 to 11)'),
    conditions: Opt(Type.String({ maxLength: MAX_TEXT + 1 })),
    childPersonId: Opt(
      Type.String({ maxLength: 36, description: 'The child a notice protects: one linked to the person' }),
    ),
    issuingOfficer: Opt(
      Type.String({ maxLength: MAX_OFFICER + 1, description: 'Shown as who recorded the tactic' }),
    ),
  },
  { additionalProperties: false },
);

const ImportBody = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ description: 'Check and report without writing' })),
    disposals: Type.Array(DisposalRow, { minItems: 1, maxItems: MAX_IMPORT_ROWS }),
  },
  { additionalProperties: false },
);

const ImportReportSchema = Type.Object({
  batch: Type.String(),
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  imported: Type.Integer({ description: 'Rows imported (in a dry run: that would be)' }),
  alreadyImported: Type.Integer({
    description: 'Rows whose police reference was imported before from the same row: left alone',
  }),
  changed: Type.Integer({
    description: 'Rows whose police reference was imported before with other details: not applied',
  }),
  rejected: Type.Integer(),
  results: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'The row, counting from 1' }),
      policeReference: Type.Union([Type.String(), Type.Null()]),
      status: Type.String({ description: 'IMPORTED, ALREADY_IMPORTED, CHANGED or REJECTED' }),
      id: Type.Optional(Type.String({ description: 'The tactic recorded' })),
      personId: Type.Optional(Type.String({ description: 'The person it is recorded against' })),
      errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    }),
  ),
});

export async function disposalImportApiRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/api/v1/imports/disposals',
    {
      config: apiRoute('case:work', 'DISRUPTION_IMPORT'),
      schema: {
        tags: ['Pursue'],
        summary: 'Import a police force’s disposals (tactics against suspects and offenders)',
        description:
          'Each row is one tactic, checked as the disruption register’s form checks it, and imported whole ' +
          'or not at all; a row whose police reference the agency has imported before is reported as ' +
          'already imported. For police case work only. Send `Idempotency-Key` so that a retried request ' +
          'is applied once.',
        body: ImportBody,
        response: { 200: ImportReportSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      idempotentWrite(request, reply, async (tx) => {
        const body = request.body as Static<typeof ImportBody>;
        return {
          statusCode: 200,
          body: await importDisposals(tx, request.principal, {
            rows: body.disposals,
            dryRun: body.dryRun === true,
            source: 'api',
          }),
        };
      }),
  );
}
