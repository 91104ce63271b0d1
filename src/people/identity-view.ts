/**
 * View models of the identity pages: match probabilities as percentages that never round to a certainty,
 * the engine's explanation as labelled rows, the review queue, and the names and dates of people as the
 * pages show them. Pure: templates receive these objects, never database rows.
 */

import { labelOf } from '../platform/codes/code-list.ts';
import { GENDERS } from '../platform/codes/people.ts';
import { noticeFrom } from '../platform/http/page-route.ts';
import { ukDate } from '../platform/time/display.ts';
import type { Explanation } from './identity/index.ts';
import type { PendingMatchRow } from './matching-store.ts';
import { matchDecisionPath, type PeopleNotice, personPath } from './paths.ts';

const NOTICES: Record<PeopleNotice, string> = {
  'match-confirmed':
    'Match confirmed. The two records are now one person; the merge can be undone from their page.',
  'match-rejected': 'Match rejected. The two records stay apart.',
  merged: 'Records merged. Every record and referral of the other person is now on this page.',
  unmerged: 'Merge undone. Each record is back with the person it came from.',
  restricted: 'Record restricted. Only its case team can open it now, each time with a reason.',
  unrestricted: 'Restriction lifted. Everyone who works on this child’s referrals can open the record again.',
};

/** The notice named in the query string after a redirect, or null for none or an unknown one. */
export function noticeOf(query: unknown): string | null {
  return noticeFrom(query, NOTICES);
}

/** A probability as a percentage that never rounds to a certainty it does not have. */
export function percent(probability: number): string {
  if (probability > 0.999) return 'over 99.9%';
  if (probability < 0.001) return 'under 0.1%';
  return `${(probability * 100).toFixed(1)}%`;
}

export function nameOf(p: { forename: string | null; surname: string | null }): string {
  return [p.forename, p.surname].filter(Boolean).join(' ') || 'Name not known';
}

/** The date of birth, or the estimated age when the date is not known. */
export function ageOf(p: { dob: string | null; estimated_age?: number | null }): string {
  if (p.dob) return ukDate(p.dob) || p.dob;
  if (p.estimated_age !== null && p.estimated_age !== undefined)
    return `Not known (about ${p.estimated_age})`;
  return 'Not known';
}

export function genderOf(p: { gender: string | null }): string {
  return labelOf(GENDERS, p.gender ?? '') ?? 'Not known';
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

export interface MatchView {
  id: string;
  percent: string;
  source: string;
  createdAt: Date;
  person: { id: string; name: string; dob: string; href: string };
  candidate: { id: string; name: string; dob: string; href: string };
  explanation: ExplanationView;
  confirmHref: string;
  rejectHref: string;
}

/** The review queue; a restricted person's name is shown only on their record, opened with a reason. */
export function matchQueueView(
  rows: readonly PendingMatchRow[],
  restricted: ReadonlySet<string>,
): MatchView[] {
  const side = (id: string, name: string, dob: string | null) =>
    restricted.has(id)
      ? { id, name: 'Restricted record', dob: 'Not shown', href: personPath(id) }
      : {
          id,
          name: name || 'Name not known',
          dob: dob ? ukDate(dob) || dob : 'Not known',
          href: personPath(id),
        };
  return rows.map((r) => ({
    id: r.id,
    percent: percent(r.probability),
    source: r.source === 'INTAKE' ? 'At intake' : 'Batch matching',
    createdAt: r.created_at,
    person: side(r.person_id, r.person_name, r.person_dob),
    candidate: side(r.candidate_person_id, r.candidate_name, r.candidate_dob),
    explanation: explanationView(r.explanation),
    confirmHref: matchDecisionPath(r.id, 'confirm'),
    rejectHref: matchDecisionPath(r.id, 'reject'),
  }));
}
