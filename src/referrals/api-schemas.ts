/**
 * The referrals API's request and response schemas (TypeBox): every coded field lists its codes, so the
 * OpenAPI document tells partner systems what each one means.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { ETHNICITIES, GENDERS, LIVING_SITUATIONS } from '../platform/codes/people.ts';
import {
  CSE_INDICATORS,
  SUSPECT_LINK_TYPES,
  SUSPECT_REFERRAL_SOURCES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
} from '../platform/codes/referral.ts';
import { coded, DateTime, NullableText, Opt, Uuid } from '../platform/http/api-schemas.ts';
import { fieldsOn } from './field-kinds.ts';
import type { FieldPage, FieldSpec } from './fields.ts';

/** A simple field (fields.ts) as the body of a submission has it. */
function bodySchema(f: FieldSpec): TSchema {
  const options = f.description ? { description: f.description } : {};
  const schema =
    f.kind === 'code'
      ? coded(f.codes ?? [])
      : f.kind === 'yesNo'
        ? Type.Boolean(options)
        : f.kind === 'date'
          ? Type.String({ maxLength: 10, description: f.description ?? 'YYYY-MM-DD' })
          : Type.String({ maxLength: f.maxLength ?? 10_000, ...options });
  return f.required ? schema : Opt(schema);
}

function bodyEntries(page: FieldPage): Record<string, TSchema> {
  return Object.fromEntries(fieldsOn(page).map((f) => [f.name, bodySchema(f)]));
}

/** Simple fields the summary of a referral (ReferralSummary) answers, so the full referral adds the others. */
export const SUMMARY_FIELDS: readonly string[] = ['category', 'exploitationType', 'urgency'];

/** The label beside a code, for people to read (the code stays for systems). */
function LabelOf(name: string): TSchema {
  return Type.Union([Type.String(), Type.Null()], {
    description: `The label of ${name}, for people to read`,
  });
}

/** A simple field as a referral read back has it. */
function responseSchema(f: FieldSpec): TSchema {
  const schema = f.kind === 'yesNo' ? Type.Boolean() : Type.String();
  if (f.required) return schema;
  return f.kind === 'text' ? NullableText(f.maxLength ?? 10_000) : Type.Union([schema, Type.Null()]);
}

function responseEntries(page: FieldPage): Record<string, TSchema> {
  return Object.fromEntries(
    fieldsOn(page)
      .filter((f) => !SUMMARY_FIELDS.includes(f.name))
      .flatMap((f) => [
        [f.name, responseSchema(f)],
        ...(f.kind === 'code' ? [[`${f.name}Label`, LabelOf(f.name)]] : []),
      ]),
  );
}

export const PersonDetailsSchema = Type.Object(
  {
    forename: Opt(Type.String({ maxLength: 100 })),
    surname: Opt(Type.String({ maxLength: 100 })),
    aliases: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    dob: Opt(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })),
    estimatedAge: Opt(Type.Integer({ minimum: 0, maximum: 120 })),
    ageExplanation: Opt(Type.String({ maxLength: 1000 })),
    gender: Opt(coded(GENDERS)),
    ethnicity: Opt(coded(ETHNICITIES)),
    nhsNumber: Opt(Type.String({ maxLength: 12 })),
    schoolUpn: Opt(Type.String({ maxLength: 13 })),
    policeRef: Opt(Type.String({ maxLength: 40 })),
    laId: Opt(Type.String({ maxLength: 40 })),
    address: Opt(
      Type.Object(
        {
          line1: Opt(Type.String({ maxLength: 200 })),
          town: Opt(Type.String({ maxLength: 100 })),
          postcode: Opt(Type.String({ maxLength: 10 })),
          from: Opt(Type.String({ maxLength: 10 })),
          to: Opt(Type.String({ maxLength: 10 })),
        },
        { additionalProperties: false },
      ),
    ),
    livingSituation: Opt(coded(LIVING_SITUATIONS)),
    lookedAfter: Opt(Type.Boolean()),
    learningDisabilityOrSen: Opt(Type.Boolean()),
    camhsContact: Opt(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PersonRefSchema = Type.Object(
  { personId: Opt(Uuid), details: Opt(PersonDetailsSchema), newPerson: Opt(Type.Boolean()) },
  {
    additionalProperties: false,
    description: 'A person already in the registry (personId), new details, or both',
  },
);

const LinkedPersonSchema = Type.Object(
  {
    personId: Opt(Uuid),
    details: Opt(PersonDetailsSchema),
    relationship: Opt(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const VictimReferralBody = Type.Object(
  {
    referrer: Type.Object(
      {
        name: Type.String({ maxLength: 200 }),
        role: Opt(Type.String({ maxLength: 200 })),
        contact: Opt(Type.String({ maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
    ...bodyEntries('referrer'),
    concernNoticedAt: Type.String({
      format: 'date-time',
      maxLength: 40,
      description: 'When the referrer noticed or was told of the concern (not the MASH clock)',
    }),
    originalReceivedAt: Opt(
      Type.String({
        format: 'date-time',
        maxLength: 40,
        description:
          'When the partner system itself received the referral, if earlier; recorded, but the MASH clock starts when Lantern receives it',
      }),
    ),
    child: PersonRefSchema,
    ...bodyEntries('exploitation'),
    ...bodyEntries('concerns'),
    indicators: Type.Array(coded(CSE_INDICATORS), { maxItems: 50, uniqueItems: true }),
    ...bodyEntries('model'),
    suspects: Type.Array(LinkedPersonSchema, { maxItems: 20 }),
    associates: Type.Array(LinkedPersonSchema, { maxItems: 20 }),
    placesOfConcern: Type.Array(
      Type.Object(
        { description: Type.String({ maxLength: 500 }), postcode: Opt(Type.String({ maxLength: 10 })) },
        { additionalProperties: false },
      ),
      { maxItems: 20 },
    ),
    ...bodyEntries('consent'),
    ...bodyEntries('urgency'),
  },
  { additionalProperties: false },
);

export const SuspectReferralBody = Type.Object(
  {
    referrer: Type.Object({ name: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
    receivedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    suspect: PersonRefSchema,
    status: coded(SUSPECT_STATUSES),
    role: coded(SUSPECT_ROLES),
    source: coded(SUSPECT_REFERRAL_SOURCES),
    division: Opt(Type.String({ maxLength: 30 })),
    area: Opt(Type.String({ maxLength: 100 })),
    linkedChildren: Type.Array(
      Type.Object(
        { personId: Uuid, linkType: coded(SUSPECT_LINK_TYPES), note: Opt(Type.String({ maxLength: 500 })) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    notes: Opt(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

// What the referrer may learn: the reference always; the person and what the registry knew of them only
// when the caller works in the hub that handles the referral (platform/access/policy-referrals.ts mayLearnHubFacts).
export const Created = Type.Object({
  id: Uuid,
  reference: Type.String(),
  personId: Type.Optional(Uuid),
  priorReferrals12m: Type.Optional(Type.Integer()),
  priorReferralsEver: Type.Optional(Type.Integer()),
  identity: Type.Optional(
    Type.Object(
      {
        kind: Type.String({
          description: 'CHOSEN, NEW, AUTO_LINK (joined a known person) or REVIEW (matches queued)',
        }),
        probability: Type.Optional(Type.Number()),
        candidates: Type.Optional(Type.Integer()),
      },
      { description: 'How the child was identified against the registry' },
    ),
  ),
});

export const ReferralSummary = Type.Object({
  id: Uuid,
  reference: Type.String(),
  receivedAt: DateTime,
  referringAgency: Type.String(),
  child: Type.Object({ forename: NullableText(100), surname: NullableText(100), dob: NullableText(10) }),
  category: Type.String(),
  categoryLabel: LabelOf('category'),
  exploitationType: Type.String(),
  exploitationTypeLabel: LabelOf('exploitationType'),
  urgency: Type.String(),
  urgencyLabel: LabelOf('urgency'),
  area: Type.String(),
  areaLabel: Type.String({ description: 'The area’s name, for people to read' }),
  status: Type.String(),
  statusLabel: Type.String(),
  outcome: NullableText(50),
  outcomeLabel: LabelOf('outcome'),
  feedback: NullableText(10_000),
});

export const Referral = Type.Composite([
  ReferralSummary,
  Type.Object({
    personId: Uuid,
    concernNoticedAt: Type.Union([DateTime, Type.Null()], {
      description: 'When the referrer noticed the concern; receivedAt is when Lantern received it',
    }),
    originalReceivedAt: Type.Union([DateTime, Type.Null()], {
      description: 'A partner system’s own receipt time, when it imported the referral',
    }),
    division: NullableText(100),
    imported: Type.Union([Type.Object({ system: Type.String(), importedAt: DateTime }), Type.Null()], {
      description: 'Where an imported past referral came from, and when it was imported (decision 0026)',
    }),
    practitioner: Type.Object({ name: Type.String(), role: NullableText(200), contact: NullableText(200) }),
    ...responseEntries('referrer'),
    ...responseEntries('exploitation'),
    ...responseEntries('concerns'),
    indicators: Type.Array(Type.String()),
    ...responseEntries('model'),
    placesOfConcern: Type.Array(Type.Object({ description: Type.String(), postcode: NullableText(10) })),
    ...responseEntries('consent'),
    ...responseEntries('urgency'),
    people: Type.Array(
      Type.Object({
        personId: Uuid,
        role: Type.String(),
        relationship: NullableText(200),
        forename: NullableText(100),
        surname: NullableText(100),
      }),
    ),
    // Only for those who may read cases: what intake knew of earlier referrals.
    priorReferrals: Type.Optional(Type.Object({ within12Months: Type.Integer(), ever: Type.Integer() })),
    earlierReferrals: Type.Optional(
      Type.Array(
        Type.Object({
          id: Uuid,
          reference: Type.String(),
          receivedAt: DateTime,
          referringAgency: Type.String(),
          status: Type.String(),
        }),
      ),
    ),
  }),
]);

export const SuspectReferralOut = Type.Object({
  id: Uuid,
  reference: Type.String(),
  personId: Uuid,
  referringAgency: Type.String(),
  receivedAt: DateTime,
  status: Type.String(),
  role: Type.String(),
  roleLabel: LabelOf('role'),
  source: Type.String(),
  sourceLabel: LabelOf('source'),
  division: NullableText(30),
  area: Type.String(),
  areaLabel: Type.String(),
  person: Type.Object({
    forename: NullableText(100),
    surname: NullableText(100),
    gender: Type.String(),
    ethnicity: NullableText(50),
  }),
  linkedChildren: Type.Array(
    Type.Object({ personId: Uuid, linkType: Type.String(), note: NullableText(500) }),
  ),
  notes: NullableText(10_000),
});
