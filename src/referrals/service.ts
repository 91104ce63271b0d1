/**
 * Referral use-cases: submit a victim or suspect referral (people, referral and audit in one transaction),
 * read one within scope, and list what the caller may see.
 */

import { openEpisodeForReferral } from '../mash/service.ts';
import {
  currentPostcodeOf,
  type IntakeMatchOutcome,
  isUuid,
  openPerson,
  recordExists,
  recordPerson,
  refreshPeople,
} from '../people/service.ts';
import { inScopeOrDeny } from '../platform/access/in-scope.ts';
import { mayLearnHubFacts, referralListScope } from '../platform/access/policy-referrals.ts';
import type { Principal } from '../platform/access/principal.ts';
import { appendAuditEvent } from '../platform/audit/store.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { type ListPaging, oneMore, pageOf } from '../platform/http/list-paging.ts';
import { storedValues } from './field-kinds.ts';
import { routeReferral } from './routing-service.ts';
import {
  type SuspectReferralInput,
  type VictimReferralInput,
  validateSuspectReferral,
  validateVictimReferral,
} from './rules.ts';
import type { ImportMark } from './store.ts';
import * as store from './store.ts';

function blank(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed ? trimmed : null;
}

async function resolveArea(
  tx: Tx,
  principal: Principal,
  requested: string | null | undefined,
): Promise<string> {
  const areas = await store.knownAreas(tx);
  const agency = await store.agencyArea(tx, principal.agencyId!);
  const area =
    blank(requested) ?? agency?.area ?? (principal.areas.length === 1 ? principal.areas[0]! : null);
  if (!area)
    throw new ValidationError([
      { field: 'area', message: 'Select the safeguarding area whose MASH should take the referral' },
    ]);
  if (!areas.includes(area))
    throw new ValidationError([{ field: 'area', message: 'Select a safeguarding area from the list' }]);
  return area;
}

/** The child's home postcode: as the referral gives it, else (a child already known) the registry's. */
async function childPostcodeOf(tx: Tx, input: VictimReferralInput): Promise<string | null> {
  const given = blank(input.child.details?.address?.postcode);
  if (given) return given;
  const known = input.child.personId;
  return known && isUuid(known) ? currentPostcodeOf(tx, known) : null;
}

function requireAgency(principal: Principal): string {
  if (!principal.agencyId)
    throw new ValidationError([{ field: 'referrer', message: 'Only a member of an agency can refer' }]);
  return principal.agencyId;
}

export interface CreatedReferral {
  id: string;
  reference: string;
  /** The hub area that handles it: who may be told what the registry knew (policy-referrals mayLearnHubFacts). */
  area: string | null;
  personId: string;
  priorReferrals12m: number;
  priorReferralsEver: number;
  /** How the child was identified: chosen, new, joined to a known person, or new with matches to review. */
  identity: IntakeMatchOutcome;
}

/** Where a victim referral stands once routed and numbered: what a live and an imported one differ in. */
export interface VictimReferralPlace {
  reference: string;
  receivedAt: Date;
  area: string;
  division: string | null;
  /** The child's source record says where it came from. */
  provenance: string;
  now: Date;
  originalReceivedAt: Date | null;
  places: { description: string; postcode: string | null }[];
  imported?: ImportMark;
}

/**
 * The child found or recorded in the registry (an identity match, or field errors under `child`), and the
 * referral written with the child's prior referrals counted at its receipt.
 */
export async function recordVictimReferral(
  tx: Tx,
  principal: Principal,
  input: VictimReferralInput,
  at: VictimReferralPlace,
) {
  const child = await recordPerson(tx, principal, {
    existingPersonId: input.child.personId ?? null,
    details: input.child.details ?? null,
    confirmedNew: input.child.newPerson === true,
    role: 'CHILD',
    provenance: at.provenance,
    area: at.area,
    now: at.now,
    field: 'child',
  });
  const prior = await store.priorReferrals(tx, child.personId, at.receivedAt);
  const id = await store.insertVictimReferral(tx, {
    reference: at.reference,
    personId: child.personId,
    childSourceRecordId: child.sourceRecordId,
    referringAgencyId: principal.agencyId!,
    referredByUser: principal.userId,
    referredByLabel: principal.label,
    practitionerName: input.referrer.name.trim(),
    practitionerRole: blank(input.referrer.role),
    practitionerContact: blank(input.referrer.contact),
    receivedAt: at.receivedAt,
    concernNoticedAt: new Date(input.concernNoticedAt),
    originalReceivedAt: at.originalReceivedAt,
    division: at.division,
    indicators: [...new Set(input.indicators)],
    places: at.places,
    area: at.area,
    priorReferrals12m: prior.within12Months,
    priorReferralsEver: prior.ever,
    fields: storedValues(input),
    imported: at.imported ?? null,
  });
  return { id, child, prior };
}

export async function submitVictimReferral(
  tx: Tx,
  principal: Principal,
  input: VictimReferralInput,
  now: Date = new Date(),
): Promise<CreatedReferral> {
  requireAgency(principal);
  const errors = validateVictimReferral(input, now);
  if (errors.length) throw new ValidationError(errors);
  // The hub of the child's home area (decision 0014); the clock starts now, when Lantern receives it.
  const route = await routeReferral(tx, principal, await childPostcodeOf(tx, input));
  const area = route.area;
  const receivedAt = now;
  const reference = await store.nextReference(tx, 'VR', receivedAt);
  const provenance = `Victim referral ${reference}`;
  const { id, child, prior } = await recordVictimReferral(tx, principal, input, {
    reference,
    receivedAt,
    area,
    division: route.division,
    provenance,
    now,
    originalReceivedAt: input.originalReceivedAt ? new Date(input.originalReceivedAt) : null,
    places: input.placesOfConcern.map((p) => ({
      description: p.description.trim(),
      postcode: blank(p.postcode),
    })),
  });
  const touched = [child.personId];
  for (const [list, role] of [
    [input.suspects, 'SUSPECT'],
    [input.associates, 'ASSOCIATE'],
  ] as const) {
    for (const [i, ref] of list.entries()) {
      const linked = await recordPerson(tx, principal, {
        existingPersonId: ref.personId ?? null,
        details: ref.details ?? null,
        role,
        provenance,
        area,
        now,
        field: `${role === 'SUSPECT' ? 'suspects' : 'associates'}[${i}]`,
      });
      touched.push(linked.personId);
      await store.insertReferralPerson(tx, {
        referralId: id,
        personId: linked.personId,
        sourceRecordId: linked.sourceRecordId,
        role,
        relationship: blank(ref.relationship),
      });
    }
  }
  await refreshPeople(tx, touched);
  // Every referral is considered in its hub's MASH, against the clock from receipt.
  await openEpisodeForReferral(tx, {
    id,
    personId: child.personId,
    area,
    receivedAt,
    hubToConfirm: route.hubToConfirm,
  });
  await appendAuditEvent(tx, {
    action: 'REFERRAL_CREATE',
    subjectType: 'victim_referral',
    subjectId: id,
    details: {
      reference,
      area,
      division: route.division,
      hubToConfirm: route.hubToConfirm,
      suspects: input.suspects.length,
      associates: input.associates.length,
      identity: child.match,
    },
  });
  return {
    id,
    reference,
    area,
    personId: child.personId,
    priorReferrals12m: prior.within12Months,
    priorReferralsEver: prior.ever,
    identity: child.match,
  };
}

/** What the caller who submitted a referral is told about it. */
export function createdAsSeenBy<T extends { id: string; reference: string; area: string | null }>(
  principal: Principal,
  created: T,
): Omit<T, 'area'> | { id: string; reference: string } {
  const { area, ...rest } = created;
  return mayLearnHubFacts(principal, area) ? rest : { id: created.id, reference: created.reference };
}

export async function submitSuspectReferral(
  tx: Tx,
  principal: Principal,
  input: SuspectReferralInput,
  now: Date = new Date(),
): Promise<{ id: string; reference: string; area: string | null; personId: string }> {
  const agencyId = requireAgency(principal);
  const errors = validateSuspectReferral(input, now);
  if (errors.length) throw new ValidationError(errors);
  const area = await resolveArea(tx, principal, input.area);
  const receivedAt = new Date(input.receivedAt);
  const reference = await store.nextReference(tx, 'SR', receivedAt);
  // Every linked child must be someone the referrer may see; each is checked before anything is written.
  for (const link of input.linkedChildren) await openPerson(tx, principal, link.personId);
  const suspect = await recordPerson(tx, principal, {
    existingPersonId: input.suspect.personId ?? null,
    // A suspect referral always records the referrer's own account of the person.
    details: input.suspect.details ?? {},
    role: 'SUSPECT',
    provenance: `Suspect referral ${reference}`,
    area,
    now,
    field: 'suspect',
  });
  const id = await store.insertSuspectReferral(tx, {
    reference,
    personId: suspect.personId,
    sourceRecordId: suspect.sourceRecordId!,
    referringAgencyId: agencyId,
    referredByUser: principal.userId,
    referredByLabel: principal.label,
    practitionerName: input.referrer.name.trim(),
    receivedAt,
    status: input.status,
    role: input.role,
    source: input.source,
    division: blank(input.division),
    area,
    notes: blank(input.notes),
  });
  for (const link of input.linkedChildren) {
    await store.insertSuspectChildLink(tx, {
      suspectReferralId: id,
      childPersonId: link.personId,
      linkType: link.linkType,
      note: blank(link.note),
    });
  }
  await refreshPeople(tx, [suspect.personId, ...input.linkedChildren.map((l) => l.personId)]);
  await appendAuditEvent(tx, {
    action: 'SUSPECT_REFERRAL_CREATE',
    subjectType: 'suspect_referral',
    subjectId: id,
    details: { reference, area, linkedChildren: input.linkedChildren.length },
  });
  return { id, reference, area, personId: suspect.personId };
}

/** A victim referral in the caller's scope (404 and an audited denial otherwise), with its people. */
export function openVictimReferral(tx: Tx, id: string) {
  return inScopeOrDeny('victim_referral', id, {
    find: () => store.findVictimReferral(tx, id),
    exists: () => recordExists(tx, 'victim_referral', id),
  });
}

/**
 * What a caller sees of a referral. The referring agency sees what it submitted, the status and the
 * outcome fed back to it; earlier referrals and the people named are for those who may read cases.
 */
export async function viewVictimReferral(tx: Tx, principal: Principal, id: string) {
  const referral = await openVictimReferral(tx, id);
  const caseReader = mayLearnHubFacts(principal, referral.area);
  const people = await store.peopleOnReferral(tx, id);
  const earlier = caseReader
    ? (await store.referralsOfPerson(tx, referral.person_id)).filter((r) => r.id !== id)
    : [];
  await appendAuditEvent(tx, { action: 'REFERRAL_VIEW', subjectType: 'victim_referral', subjectId: id });
  return { referral, people, earlier, caseReader };
}

export async function viewSuspectReferral(tx: Tx, id: string) {
  const referral = await inScopeOrDeny('suspect_referral', id, {
    find: () => store.findSuspectReferral(tx, id),
    exists: () => recordExists(tx, 'suspect_referral', id),
  });
  await appendAuditEvent(tx, {
    action: 'SUSPECT_REFERRAL_VIEW',
    subjectType: 'suspect_referral',
    subjectId: id,
  });
  return referral;
}

export async function listReferrals(tx: Tx, principal: Principal, limit = 200) {
  return (await listReferralsPage(tx, principal, { limit, offset: 0 })).rows;
}

/** A page of the referrals in scope, newest first, and the cursor of the next page (the API's list). */
export async function listReferralsPage(tx: Tx, principal: Principal, paging: ListPaging) {
  // Referrers see their own agency's submissions; case readers everything of their hub (row-level security).
  const { agencyId } = referralListScope(principal);
  const rows = await store.listVictimReferrals(tx, { agencyId, ...oneMore(paging) });
  const page = pageOf(rows, paging);
  await appendAuditEvent(tx, { action: 'REFERRAL_LIST', details: { shown: page.rows.length } });
  return page;
}

/** The referrals page shows at most this many a page. */
export const REFERRAL_PAGE_SIZE = 50;

/**
 * One page of the referrals the caller may see, newest first (LIMIT/OFFSET in SQL), and whether another page
 * follows. No total: counting every referral in scope runs the row-level security check on each of them
 * (28 s over a scale-100 hub's 81,535 referrals on PostgreSQL, against 23 ms for a page; issue 22).
 * Writes REFERRAL_LIST with the rows shown and the page.
 */
export async function referralsPage(tx: Tx, principal: Principal, page: number) {
  const { agencyId } = referralListScope(principal);
  const paging = { limit: REFERRAL_PAGE_SIZE, offset: (page - 1) * REFERRAL_PAGE_SIZE };
  const { rows, next } = pageOf(
    await store.listVictimReferrals(tx, { agencyId, ...oneMore(paging) }),
    paging,
  );
  await appendAuditEvent(tx, { action: 'REFERRAL_LIST', details: { shown: rows.length, page } });
  return { rows, more: next !== null };
}

/**
 * Repeat referrals at intake: the child's earlier referrals the caller may see, and how many there were in
 * all (within 12 months and ever; counts only). For those who may read cases; the caller writes the audit.
 */
export async function earlierReferralsOf(tx: Tx, principal: Principal, personId: string, now = new Date()) {
  const person = await openPerson(tx, principal, personId);
  const referrals = await store.referralsOfPerson(tx, person.id);
  const counts = await store.priorReferrals(tx, person.id, now);
  return { person, referrals, within12Months: counts.within12Months, ever: counts.ever };
}
