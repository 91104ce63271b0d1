/**
 * Who may be the same person, for other modules and the people pages: the active matching model,
 * candidates for a new record from the whole registry, and of those only the ones the viewer may be shown.
 * The matching engine searches the whole registry, so each candidate is checked against the viewer's scope.
 */
import { mayShowPerson } from '../platform/access/policy-people.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import {
  explain,
  type IdentityRecord,
  MATCH_THRESHOLDS,
  type MatchModel,
  parseModel,
  prepareRecord,
} from './identity/index.ts';
import { ageOf, type ExplanationView, explanationView, genderOf, nameOf, percent } from './identity-view.ts';
import { type Candidate, identityRecordOf, identityRecordOfDetails } from './matching.ts';
import * as matchingStore from './matching-store.ts';
import { type CleanPersonDetails, searchKeys } from './rules.ts';
import type { SearchInput } from './search-service.ts';
import { findPerson, type PersonRow } from './store.ts';

export type { Candidate };

export async function activeModel(tx: Tx): Promise<{ version: number; model: MatchModel } | null> {
  const row = await matchingStore.activeModelRow(tx);
  return row ? { version: row.version, model: parseModel(JSON.stringify(row.parameters)) } : null;
}

/**
 * People who may be the one in `details`, best first: blocked in SQL over the whole registry, scored by
 * the model, best record per person.
 */
export async function findCandidates(
  tx: Tx,
  model: MatchModel,
  details: CleanPersonDetails,
  limit = 10,
): Promise<Candidate[]> {
  const keys = searchKeys(details);
  const postcodeKey = details.address?.postcodeKey ?? null;
  const rows = await matchingStore.candidateRows(tx, {
    dob: details.dob,
    birthYear: details.dob ? Number(details.dob.slice(0, 4)) : null,
    surnameCodes: [keys.surnameDm, keys.surnameDmAlt].filter((c): c is string => !!c),
    nhsNumber: details.nhsNumber,
    postcodeSector: postcodeKey ? postcodeKey.slice(0, -2) : null,
    initial: keys.searchName ? keys.searchName[0]! : null,
  });
  const query = prepareRecord(identityRecordOfDetails(details));
  const best = new Map<string, Candidate>();
  for (const row of rows) {
    const explanation = explain(model, query, prepareRecord(identityRecordOf(row)));
    const current = best.get(row.person_id);
    if (!current || explanation.matchProbability > current.probability) {
      best.set(row.person_id, {
        personId: row.person_id,
        probability: explanation.matchProbability,
        explanation,
      });
    }
  }
  return [...best.values()].sort((a, b) => b.probability - a.probability).slice(0, limit);
}

/**
 * Whether a person may be shown to the principal without opening their record: visible under row-level
 * security, in scope by the access policy, not restricted (a restricted person is opened only with a reason)
 * and not merged into another. Never throws and writes nothing: a person who fails is simply not shown.
 */
export async function showablePerson(tx: Tx, principal: Principal, id: string): Promise<PersonRow | null> {
  const person = await findPerson(tx, id);
  if (!person || person.merged_into) return null;
  const shown = mayShowPerson(principal, {
    agencyIds: person.agency_ids,
    areas: person.areas,
    restricted: person.restricted,
    caseTeamUserIds: person.case_team,
  });
  return shown ? person : null;
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
      gender: genderOf(person),
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
  const rows = await matchingStore.latestRegistryRows(tx, personIds);
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
