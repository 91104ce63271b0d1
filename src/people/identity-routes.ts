/**
 * Identity pages: the practitioners' queue of possible matches (confirm merges the two people, reject keeps
 * them apart; both need a reason and are audited), merging a person with another record from the person page,
 * and undoing a merge from its history. Candidates are only ever shown for people the viewer may see: the
 * matching engine searches the whole registry, so each candidate is checked against the viewer's scope.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../platform/access/permissions.ts';
import { decideAccess } from '../platform/access/policy.ts';
import type { Principal } from '../platform/access/principal.ts';
import { labelOf } from '../platform/codes/code-list.ts';
import { GENDERS } from '../platform/codes/people.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ConflictError, type FieldError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { errorView } from '../platform/views/render.ts';
import {
  type Explanation,
  explain,
  type IdentityRecord,
  MATCH_THRESHOLDS,
  type MatchModel,
} from './identity/index.ts';
import {
  activeModel,
  type Candidate,
  identityRecordOf,
  type PendingMatchRow,
  pendingMatches,
  type RegistryRow,
} from './matching.ts';
import { MIN_REASON_LENGTH, mergeHistory, mergePeople, unmergePeople } from './merge.ts';
import { decideMatch } from './review.ts';
import { parseSearch, type SearchInput, type SearchResult, searchPeople } from './search.ts';
import { isUuid, openPerson, readPermissionOf } from './service.ts';
import { findPerson, type PersonRow } from './store.ts';

type PageAccess = { config: { access: { permission: Permission; audit: string; surface: 'page' } } };

function page(permission: Permission, audit: string): PageAccess {
  return { config: { access: { permission, audit, surface: 'page' } } };
}

function text(body: unknown, name: string, max: number): string {
  const raw = (body as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.slice(0, max).trim() : '';
}

function idOf(raw: string): string {
  if (!isUuid(raw)) throw new NotFoundError();
  return raw.toLowerCase();
}

const REASON_MESSAGE = `Give the reason in ${MIN_REASON_LENGTH} to 2000 characters`;

function reasonProblem(reason: string, field = 'reason'): FieldError[] {
  return reason.length < MIN_REASON_LENGTH || reason.length > 2000
    ? [{ field, message: REASON_MESSAGE }]
    : [];
}

const NOTICES: Record<string, string> = {
  'match-confirmed':
    'Match confirmed. The two records are now one person; the merge can be undone from their page.',
  'match-rejected': 'Match rejected. The two records stay apart.',
  merged: 'Records merged. Every record and referral of the other person is now on this page.',
  unmerged: 'Merge undone. Each record is back with the person it came from.',
  restricted: 'Record restricted. Only its case team can open it now, each time with a reason.',
  unrestricted: 'Restriction lifted. Everyone who works on this child’s referrals can open the record again.',
};

export function noticeOf(query: unknown): string | null {
  const key = (query as Record<string, unknown> | undefined)?.['notice'];
  return typeof key === 'string' && Object.hasOwn(NOTICES, key) ? NOTICES[key]! : null;
}

// ---------------------------------------------------------------- showing a match and its explanation

/** A probability as a percentage that never rounds to a certainty it does not have. */
export function percent(probability: number): string {
  if (probability > 0.999) return 'over 99.9%';
  if (probability < 0.001) return 'under 0.1%';
  return `${(probability * 100).toFixed(1)}%`;
}

const FIELD_LABELS: Record<string, string> = {
  forename: 'First name',
  surname: 'Last name',
  dob: 'Date of birth',
  postcode: 'Postcode',
  nhsNumber: 'NHS number',
  otherId: 'Other identifier',
  email: 'Email',
  address: 'Address',
  city: 'Town',
  gender: 'Gender',
};

const LEVEL_TEXT: Record<string, string> = {
  exact: 'Exactly the same',
  equal: 'The same',
  full: 'Same postcode',
  sector: 'Same postcode sector',
  district: 'Same postcode district',
  area: 'Same postcode area',
  'swapped with surname': 'Swapped with the last name',
  'swapped with forename': 'Swapped with the first name',
  'jaro-winkler >= 0.95': 'Spelt almost the same',
  'jaro-winkler >= 0.88': 'Spelt similarly',
  'nickname or variant': 'A nickname or variant',
  'double metaphone': 'Sounds the same',
  'one digit different': 'One digit different',
  'day and month swapped': 'Day and month swapped',
  'within a year': 'Within a year',
  different: 'Different',
  else: 'Different',
};

function bits(weight: number): string {
  const rounded = Math.abs(weight).toFixed(1);
  if (rounded === '0.0') return '0.0';
  return `${weight > 0 ? '+' : '−'}${rounded}`;
}

export interface ExplanationView {
  rows: Array<{ field: string; level: string; weight: string }>;
  missing: string[];
  prior: string;
  total: string;
  percent: string;
}

/** The engine's explanation as rows of a GOV.UK table: field, how it compared, weight in bits. */
export function explanationView(e: Explanation): ExplanationView {
  const compared = e.fields.filter((f) => f.level !== 'missing');
  return {
    rows: compared.map((f) => ({
      field: FIELD_LABELS[f.field] ?? f.field,
      level: LEVEL_TEXT[f.level] ?? f.level,
      weight: bits(f.matchWeight),
    })),
    // Fields Lantern never records (email, full address, town) are left out rather than listed as missing.
    missing: e.fields
      .filter((f) => f.level === 'missing' && !['email', 'address', 'city'].includes(f.field))
      .map((f) => (FIELD_LABELS[f.field] ?? f.field).toLowerCase().replace('nhs', 'NHS')),
    prior: bits(e.priorWeight),
    total: bits(e.totalWeight),
    percent: percent(e.matchProbability),
  };
}

function nameOf(p: { forename: string | null; surname: string | null }): string {
  return [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known';
}

function ageOf(p: { dob: string | null; estimated_age?: number | null }): string {
  if (p.dob) return p.dob;
  if (p.estimated_age !== null && p.estimated_age !== undefined)
    return `Not known (about ${p.estimated_age})`;
  return 'Not known';
}

// ---------------------------------------------------------------- who the viewer may be shown

/**
 * Whether a person may be shown to the principal without opening their record: visible under row-level
 * security, in scope by the access policy, not restricted (a restricted person is opened only with a reason)
 * and not merged into another. Never throws and writes nothing: a person who fails is simply not shown.
 */
export async function showablePerson(tx: Tx, principal: Principal, id: string): Promise<PersonRow | null> {
  const person = await findPerson(tx, id);
  if (!person || person.merged_into) return null;
  const decision = decideAccess(principal, {
    permission: readPermissionOf(principal),
    record: {
      agencyIds: person.agency_ids,
      areas: person.areas,
      restricted: person.restricted,
      caseTeamUserIds: person.case_team,
    },
    justification: null,
  });
  return decision.allowed ? person : null;
}

export interface ShownCandidate {
  personId: string;
  name: string;
  dob: string;
  gender: string;
  probability: number;
  percent: string;
  /** At or above the auto-link threshold: intake would join the record to this person by itself. */
  autoLink: boolean;
  explanation: ExplanationView;
}

/** The candidates at or above the review threshold that the principal may see, best first. */
export async function visibleCandidates(
  tx: Tx,
  principal: Principal,
  candidates: readonly Candidate[],
): Promise<ShownCandidate[]> {
  const shown: ShownCandidate[] = [];
  for (const c of candidates) {
    if (c.probability < MATCH_THRESHOLDS.review) continue;
    const person = await showablePerson(tx, principal, c.personId);
    if (!person) continue;
    shown.push({
      personId: person.id,
      name: nameOf(person),
      dob: ageOf(person),
      gender: labelOf(GENDERS, person.gender ?? '') ?? 'Not known',
      probability: c.probability,
      percent: percent(c.probability),
      autoLink: c.probability >= MATCH_THRESHOLDS.autoLink,
      explanation: explanationView(c.explanation),
    });
  }
  return shown;
}

/** Each person's most recent source record the caller may see, as the engine's record. */
export async function latestRecords(
  tx: Tx,
  personIds: readonly string[],
): Promise<Map<string, IdentityRecord>> {
  if (!personIds.length) return new Map();
  const rows = await tx.query<RegistryRow>(
    `SELECT DISTINCT ON (s.person_id) s.id AS source_record_id, s.person_id, s.forename, s.surname,
            to_char(s.dob, 'YYYY-MM-DD') AS dob, s.gender,
            (SELECT a.postcode FROM source_address a WHERE a.source_record_id = s.id ORDER BY a.from_date DESC NULLS LAST LIMIT 1) AS postcode,
            s.nhs_number, coalesce(s.police_ref, s.school_upn, s.la_id) AS other_id
       FROM source_record s WHERE s.person_id = ANY($1::uuid[])
      ORDER BY s.person_id, s.submitted_at DESC, s.id`,
    [personIds],
  );
  return new Map(rows.map((r) => [r.person_id, identityRecordOf(r)]));
}

/** What a search asked for, as the engine's record (the name split into first and last). */
export function searchRecord(terms: SearchInput): IdentityRecord {
  const tokens = (terms.name ?? '').trim().split(/\s+/).filter(Boolean);
  const identifier = (terms.identifier ?? '').replace(/[\s-]/g, '');
  const nhs = /^\d{10}$/.test(identifier) ? identifier : null;
  return {
    id: 'search',
    firstName: tokens.length > 1 ? tokens[0]! : null,
    surname: tokens.length ? tokens.at(-1)! : null,
    dob: terms.dob || null,
    gender: null,
    postcode: terms.postcode || null,
    nhsNumber: nhs,
    otherId: !nhs && terms.identifier ? terms.identifier.toUpperCase() : null,
  };
}

/** Match probability of each result against a record (the search terms, or a person), when a model exists. */
export async function probabilitiesFor(
  tx: Tx,
  model: MatchModel,
  query: IdentityRecord,
  personIds: readonly string[],
): Promise<Map<string, { percent: string; probability: number }>> {
  const records = await latestRecords(tx, personIds);
  const result = new Map<string, { percent: string; probability: number }>();
  for (const [personId, record] of records) {
    const p = explain(model, query, record).matchProbability;
    result.set(personId, { probability: p, percent: percent(p) });
  }
  return result;
}

// ---------------------------------------------------------------- merge history on the person page

export interface MergeHistoryView {
  mergedInto: { id: string; name: string | null } | null;
  merges: Array<{
    id: string;
    at: Date;
    by: string;
    reason: string;
    direction: 'IN' | 'OUT';
    other: { id: string; name: string | null };
    undone: { at: Date; by: string | null; reason: string | null } | null;
    canUndo: boolean;
  }>;
}

/** The merges a person took part in, with the other person's name where the viewer may see them. */
export async function mergeHistoryView(
  tx: Tx,
  principal: Principal,
  person: PersonRow,
): Promise<MergeHistoryView> {
  const rows = await mergeHistory(tx, person.id);
  const names = new Map<string, string | null>();
  const nameFor = async (id: string) => {
    if (!names.has(id)) {
      const other = await showablePerson(tx, principal, id);
      // A survivor is shown even though it is itself merged on: the link leads on from there.
      const row = other ?? (await findPerson(tx, id));
      names.set(id, row && !row.restricted ? nameOf(row) : null);
    }
    return names.get(id) ?? null;
  };
  const canMerge = principal.permissions.has('people:merge');
  const merges: MergeHistoryView['merges'] = [];
  for (const m of rows) {
    const direction = m.survivor_id === person.id ? 'IN' : 'OUT';
    const otherId = direction === 'IN' ? m.merged_id : m.survivor_id;
    merges.push({
      id: m.id,
      at: m.merged_at,
      by: m.merged_by_label,
      reason: m.reason,
      direction,
      other: { id: otherId, name: await nameFor(otherId) },
      undone: m.unmerged_at ? { at: m.unmerged_at, by: m.unmerged_by_label, reason: m.unmerge_reason } : null,
      // Undone from the survivor's side while the survivor has not itself been merged on.
      canUndo: canMerge && !m.unmerged_at && direction === 'IN' && !person.merged_into,
    });
  }
  return {
    mergedInto: person.merged_into
      ? { id: person.merged_into, name: await nameFor(person.merged_into) }
      : null,
    merges,
  };
}

// ---------------------------------------------------------------- the routes

interface MatchView {
  id: string;
  percent: string;
  source: string;
  createdAt: Date;
  person: { id: string; name: string; dob: string };
  candidate: { id: string; name: string; dob: string };
  explanation: ExplanationView;
}

async function queueOf(tx: Tx): Promise<MatchView[]> {
  const rows: PendingMatchRow[] = await pendingMatches(tx);
  const ids = [...new Set(rows.flatMap((r) => [r.person_id, r.candidate_person_id]))];
  const restricted = new Set(
    (
      await tx.query<{ id: string }>('SELECT id FROM person WHERE id = ANY($1::uuid[]) AND restricted', [ids])
    ).map((r) => r.id),
  );
  // A restricted person's name is shown only on their record, opened with a reason.
  const side = (id: string, name: string, dob: string | null) =>
    restricted.has(id)
      ? { id, name: 'Restricted record', dob: 'Not shown' }
      : { id, name: name || 'Name not known', dob: dob ?? 'Not known' };
  return rows.map((r) => ({
    id: r.id,
    percent: percent(r.probability),
    source: r.source === 'INTAKE' ? 'At intake' : 'Batch matching',
    createdAt: r.created_at,
    person: side(r.person_id, r.person_name, r.person_dob),
    candidate: side(r.candidate_person_id, r.candidate_name, r.candidate_dob),
    explanation: explanationView(r.explanation),
  }));
}

export async function identityPageRoutes(app: FastifyInstance): Promise<void> {
  // ---------------------------------------------------------------- the review queue

  const renderQueue = (
    request: FastifyRequest,
    reply: FastifyReply,
    matches: MatchView[],
    failed: { id: string; reason: string; errors: FieldError[] } | null = null,
  ) => {
    const errors = failed?.errors.map((e) => ({ ...e, field: `reason-${failed.id}` })) ?? [];
    return reply.page(
      'people/views/matches.njk',
      {
        title: 'Possible matches to review',
        matches,
        notice: failed ? null : noticeOf(request.query),
        reasons: failed ? { [failed.id]: failed.reason } : {},
        thresholds: {
          review: percent(MATCH_THRESHOLDS.review),
          autoLink: percent(MATCH_THRESHOLDS.autoLink),
        },
        ...errorView(errors),
      },
      failed ? 400 : undefined,
    );
  };

  app.get('/matches', page('people:merge', 'MATCH_QUEUE_VIEW'), async (request, reply) => {
    const matches = await request.tx(async (tx) => {
      const rows = await queueOf(tx);
      await request.audit(tx, { subjectType: 'match_candidate', details: { shown: rows.length } });
      return rows;
    });
    return renderQueue(request, reply, matches);
  });

  for (const [decision, path, audit, notice] of [
    ['CONFIRM', 'confirm', 'MATCH_CONFIRM', 'match-confirmed'],
    ['REJECT', 'reject', 'MATCH_REJECT', 'match-rejected'],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/matches/:id/${path}`,
      page('people:merge', audit),
      async (request, reply) => {
        const id = idOf(request.params.id);
        const reason = text(request.body, 'reason', 2100);
        try {
          const problems = reasonProblem(reason);
          if (problems.length) throw new ValidationError(problems);
          // decideMatch writes MATCH_CONFIRM or MATCH_REJECT (and PERSON_MERGE on confirming).
          await request.tx((tx) => decideMatch(tx, request.principal, { matchId: id, decision, reason }));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return request.tx(async (tx) => {
            const matches = await queueOf(tx);
            // A match the caller may not see answers like a missing one, whatever was wrong with the form.
            if (!matches.some((m) => m.id === id)) throw new NotFoundError();
            await request.audit(tx, {
              subjectType: 'match_candidate',
              subjectId: id,
              outcome: 'FAILURE',
              details: { errors: error.details.map((e) => e.field) },
            });
            return renderQueue(request, reply, matches, { id, reason, errors: error.details });
          });
        }
        return reply.redirect(`/matches?notice=${notice}`, 303);
      },
    );
  }

  // ---------------------------------------------------------------- merging from the person page

  /** The page person, who must be in scope for merging and not already merged into someone else. */
  const openSurvivor = async (tx: Tx, principal: Principal, rawId: string) => {
    const person = await openPerson(tx, principal, idOf(rawId));
    if (person.merged_into) throw new ConflictError('This record has been merged into another');
    return person;
  };

  interface MergeState {
    terms?: SearchInput;
    results?: Array<SearchResult & { probability: string | null }> | null;
    otherId?: string;
    reason?: string;
    errors?: FieldError[];
  }

  const renderMerge = (reply: FastifyReply, person: PersonRow, state: MergeState = {}) => {
    const errors = state.errors ?? [];
    return reply.page(
      'people/views/merge.njk',
      {
        title: `Merge another record into ${nameOf(person)}`,
        person: {
          id: person.id,
          name: nameOf(person),
          dob: ageOf(person),
          gender: labelOf(GENDERS, person.gender ?? '') ?? 'Not known',
        },
        terms: state.terms ?? {},
        reason: state.reason ?? '',
        results: state.results
          ? state.results.map((r) => ({
              value: r.id,
              text: nameOf(r),
              checked: r.id === state.otherId,
              hint: {
                text: [
                  `Date of birth: ${ageOf(r)}`,
                  `Gender: ${labelOf(GENDERS, r.gender ?? '') ?? 'Not known'}`,
                  `${r.referrals} referral${r.referrals === 1 ? '' : 's'}`,
                  r.probability ? `Match probability with this record: ${r.probability}` : null,
                ]
                  .filter(Boolean)
                  .join(' · '),
              },
            }))
          : null,
        ...errorView(errors),
      },
      errors.length ? 400 : undefined,
    );
  };

  const termsFrom = (body: unknown): SearchInput => ({
    name: text(body, 'name', 250),
    dob: text(body, 'dob', 20),
    identifier: text(body, 'identifier', 60),
  });

  /** People found by the terms, without the page person, each with its match probability against them. */
  const mergeSearch = async (tx: Tx, person: PersonRow, terms: SearchInput) => {
    const { query, errors } = parseSearch(terms);
    if (errors.length) return { errors, results: null };
    const found = (await searchPeople(tx, query, 20)).filter((r) => r.id !== person.id);
    const model = await activeModel(tx);
    const probabilities = model
      ? await probabilitiesFor(
          tx,
          model.model,
          (await latestRecords(tx, [person.id])).get(person.id) ?? searchRecord(terms),
          found.map((r) => r.id),
        )
      : new Map<string, { percent: string }>();
    return {
      errors: [],
      results: found.map((r) => ({ ...r, probability: probabilities.get(r.id)?.percent ?? null })),
    };
  };

  app.get<{ Params: { id: string } }>(
    '/people/:id/merge',
    page('people:merge', 'PERSON_VIEW'),
    async (request, reply) => {
      const person = await request.tx(async (tx) => {
        const p = await openSurvivor(tx, request.principal, request.params.id);
        await request.audit(tx, { subjectType: 'person', subjectId: p.id, details: { page: 'merge' } });
        return p;
      });
      return renderMerge(reply, person);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/merge/search',
    page('people:merge', 'PERSON_SEARCH'),
    async (request, reply) => {
      const terms = termsFrom(request.body);
      return request.tx(async (tx) => {
        const person = await openSurvivor(tx, request.principal, request.params.id);
        const { errors, results } = await mergeSearch(tx, person, terms);
        await request.audit(tx, {
          subjectType: 'person',
          subjectId: person.id,
          ...(errors.length ? { outcome: 'FAILURE' as const } : {}),
          details: { purpose: 'merge', terms, shown: results?.length ?? 0 },
        });
        return renderMerge(reply, person, { terms, results, errors });
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/people/:id/merge',
    page('people:merge', 'PERSON_MERGE'),
    async (request, reply) => {
      const id = idOf(request.params.id);
      const otherId = text(request.body, 'otherId', 60);
      const reason = text(request.body, 'reason', 2100);
      const terms = termsFrom(request.body);
      try {
        await request.tx(async (tx) => {
          await openSurvivor(tx, request.principal, id);
          const problems: FieldError[] = [];
          if (!otherId)
            problems.push({ field: 'otherId', message: 'Choose the record to merge into this one' });
          problems.push(...reasonProblem(reason));
          if (problems.length) throw new ValidationError(problems);
          // mergePeople checks both people are in scope and writes PERSON_MERGE.
          await mergePeople(tx, request.principal, {
            survivorId: id,
            mergedId: otherId.toLowerCase(),
            reason,
          });
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          const person = await openSurvivor(tx, request.principal, id);
          const search =
            terms.name || terms.dob || terms.identifier ? await mergeSearch(tx, person, terms) : null;
          await request.audit(tx, {
            subjectType: 'person',
            subjectId: person.id,
            outcome: 'FAILURE',
            details: { errors: error.details.map((e) => e.field) },
          });
          return renderMerge(reply, person, {
            terms,
            results: search?.results ?? null,
            otherId,
            reason,
            errors: error.details.map((e) => (e.field === 'mergedId' ? { ...e, field: 'otherId' } : e)),
          });
        });
      }
      return reply.redirect(`/people/${id}?notice=merged`, 303);
    },
  );

  // ---------------------------------------------------------------- undoing a merge

  /** A merge in the page person's history, which they survived, still in place and not merged on since. */
  const openMerge = async (tx: Tx, principal: Principal, rawId: string, rawMergeId: string) => {
    const person = await openPerson(tx, principal, idOf(rawId));
    const mergeId = idOf(rawMergeId);
    const history = await mergeHistoryView(tx, principal, person);
    const merge = history.merges.find((m) => m.id === mergeId && m.direction === 'IN');
    if (!merge) throw new NotFoundError();
    if (merge.undone) throw new ConflictError('This merge has already been undone');
    if (person.merged_into)
      throw new ConflictError('This record has since been merged into another: undo that merge first');
    return { person, merge };
  };

  app.post<{ Params: { id: string; mergeId: string } }>(
    '/people/:id/merges/:mergeId/undo',
    page('people:merge', 'PERSON_UNMERGE'),
    async (request, reply) => {
      const reason = text(request.body, 'reason', 2100);
      const { id, mergeId } = request.params;
      try {
        await request.tx(async (tx) => {
          const { merge } = await openMerge(tx, request.principal, id, mergeId);
          const problems = reasonProblem(reason);
          if (problems.length) throw new ValidationError(problems);
          // unmergePeople moves every record back and writes PERSON_UNMERGE.
          await unmergePeople(tx, request.principal, { mergeId: merge.id, reason });
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return request.tx(async (tx) => {
          const { person, merge } = await openMerge(tx, request.principal, id, mergeId);
          await request.audit(tx, {
            subjectType: 'person',
            subjectId: person.id,
            outcome: 'FAILURE',
            details: { mergeId: merge.id, errors: error.details.map((e) => e.field) },
          });
          return reply.page(
            'people/views/undo-merge.njk',
            {
              title: 'Undo the merge',
              person: { id: person.id, name: nameOf(person) },
              merge,
              reason,
              ...errorView(error.details),
            },
            400,
          );
        });
      }
      return reply.redirect(`/people/${idOf(id)}?notice=unmerged`, 303);
    },
  );
}
