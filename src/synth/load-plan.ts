/**
 * Turns one generated chunk into the rows an agency-by-agency intake would have left in the registry.
 * Pure (no I/O): the loader writes the rows. Ground truth (true ids aside, which go to `synth_truth`),
 * outcomes, RAG ratings and record errors stay out.
 *
 * Person grouping imitates intake before identity resolution: a record joins the person its own agency
 * submitted about before (the agency knows its own people); otherwise, when another agency already did,
 * the practitioner finds the child by search four times in five; else it starts a new person, a duplicate
 * for identity resolution to find.
 */
import { createHash } from 'node:crypto';
import { isValidNhsNumber } from '../people/nhs-number.ts';
import { searchKeys, validatePersonDetails } from '../people/rules.ts';
import type {
  AddressRow,
  ChunkRows,
  PersonRow,
  ReferenceCounter,
  ReferralPersonRow,
  SourceRecordRow,
  SuspectChildLinkRow,
  SuspectReferralRow,
  VictimReferralRow,
} from './load-plan-rows.ts';
import { agencyByCode } from './partnership.ts';
import { GENERATOR_VERSION } from './population.ts';
import { createRng } from './random.ts';
import type { Person, PopulationChunk, SourceRecord } from './types.ts';

/** Chance that a practitioner finds a person another agency recorded before, rather than creating one. */
export const FOUND_BY_SEARCH = 0.8;
/**
 * The same for a suspect named on a referral: the hub's police researcher checks every named suspect on
 * police systems (by name, alias and police reference) before the record is made, so a suspect another
 * agency named before is found far more often than a child a school records. It is what brings the demo's
 * linked suspects to the briefing note's ~300 people (issue 15 item 7): at four in five, one suspect in
 * seven was split over two registry records that the identity resolution cannot join (named by a forename
 * or an alias only). The draw is the same one as for everyone else, so no other record's grouping moves.
 */
export const SUSPECT_FOUND_BY_SEARCH = 0.96;

export interface ChunkIdentity {
  readonly seed: number;
  readonly periodEnd: string;
  readonly months: number;
  readonly chunkIndex: number;
  /** Share of a scale-1 partnership the chunk stands for. */
  readonly fraction: number;
}

/** What decides a chunk's content; two loads agree on a chunk exactly when its key agrees. */
export function chunkKeyOf(c: ChunkIdentity): string {
  return `${GENERATOR_VERSION}|seed=${c.seed}|end=${c.periodEnd}|months=${c.months}|chunk=${c.chunkIndex}|fraction=${c.fraction}`;
}

/** A UUID derived from the chunk key and a generated id, so that a load gives the same rows every time. */
export function stableUuid(chunkKey: string, kind: string, localId: string): string {
  const h = createHash('sha256').update(`${chunkKey}|${kind}|${localId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80; // version 8: application-defined
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** How a record came to be: the referral it arrived with, or the agency's own files. */
interface RecordContext {
  area: string;
  label: string;
  provenance: string;
  /** The child's record on a victim referral: the referral form asks about living situation and needs. */
  referralChild: boolean;
}

/** Calendar months back in UTC, clamped to the month's end, like PostgreSQL's `- interval 'N months'`. */
export function monthsBefore(iso: string, months: number): number {
  const d = new Date(iso);
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() - months,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

function splitAddress(line: string | null): { line1: string | null; town: string | null } {
  if (!line) return { line1: null, town: null };
  const comma = line.lastIndexOf(', ');
  return comma < 0
    ? { line1: line, town: null }
    : { line1: line.slice(0, comma), town: line.slice(comma + 2) };
}

function identifier(record: SourceRecord, kind: string): string | null {
  return record.identifiers.find((i) => i.kind === kind)?.value ?? null;
}

/** The record as the intake form would have cleaned it; an NHS number failing its check is left out. */
function cleanDetails(record: SourceRecord, person: Person | undefined, context: RecordContext) {
  const fromReferralForm = context.referralChild && person;
  const { clean } = validatePersonDetails(
    {
      forename: record.forename,
      surname: record.surname,
      aliases: [...record.aliases],
      dob: record.dob,
      estimatedAge: record.estimatedAge,
      gender: record.gender,
      ethnicity: record.ethnicity,
      nhsNumber: identifier(record, 'NHS_NUMBER'),
      schoolUpn: identifier(record, 'SCHOOL_UPN'),
      policeRef: identifier(record, 'POLICE_REF'),
      laId: identifier(record, 'LA_ID'),
      address:
        record.addressLine || record.postcode
          ? { ...splitAddress(record.addressLine), postcode: record.postcode }
          : null,
      livingSituation: fromReferralForm ? person.livingSituation : null,
      lookedAfter: fromReferralForm ? person.lookedAfter : null,
      learningDisabilityOrSen: fromReferralForm
        ? person.learningDisability || person.specialEducationalNeeds
        : null,
      camhsContact: fromReferralForm ? person.camhsContact : null,
    },
    { role: record.subjectRole, now: new Date(record.submittedAt), prefix: 'record' },
  );
  if (clean.nhsNumber && !isValidNhsNumber(clean.nhsNumber)) clean.nhsNumber = null;
  return clean;
}

function parseReference(reference: string): ReferenceCounter {
  const m = /^([A-Z]+)-(\d{4})-(\d+)$/.exec(reference);
  if (!m) throw new Error(`unexpected reference ${reference}`);
  return { prefix: m[1]!, year: Number(m[2]), last: Number(m[3]) };
}

function addOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

export function planChunk(
  chunk: PopulationChunk,
  identity: ChunkIdentity,
  agencyIds: ReadonlyMap<string, string>,
): ChunkRows {
  const chunkKey = chunkKeyOf(identity);
  const uuid = (kind: string, id: string) => stableUuid(chunkKey, kind, id);
  const agencyId = (code: string) => {
    const id = agencyIds.get(code);
    if (!id) throw new Error(`agency ${code} is not in the database: load the demo partnership first`);
    return id;
  };
  const peopleByTrueId = new Map(chunk.people.map((p) => [p.trueId, p] as const));

  // Where each record came from.
  const contexts = new Map<string, RecordContext>();
  const areaOfReferral = new Map<string, string>();
  for (const v of chunk.victimReferrals) {
    areaOfReferral.set(v.reference, v.area);
    const provenance = `Victim referral ${v.reference}`;
    contexts.set(v.childSourceRecordId, {
      area: v.area,
      label: v.referrerName,
      provenance,
      referralChild: true,
    });
    for (const id of v.suspectSourceRecordIds)
      contexts.set(id, { area: v.area, label: v.referrerName, provenance, referralChild: false });
  }
  const suspectReferralArea = new Map<string, string>();
  for (const s of chunk.suspectReferrals) {
    // A suspect referral goes to the hub of the victim referrals it follows.
    const area =
      s.victimReferralRefs.map((r) => areaOfReferral.get(r)).find((a) => a !== undefined) ??
      peopleByTrueId.get(s.suspectTrueId)?.area;
    if (!area) throw new Error(`suspect referral ${s.reference} has no area`);
    suspectReferralArea.set(s.reference, area);
    contexts.set(s.suspectSourceRecordId, {
      area,
      label: s.referrerName,
      provenance: `Suspect referral ${s.reference}`,
      referralChild: false,
    });
  }

  // Records in the order agencies submitted them; each joins a person or starts one.
  const records = [...chunk.sourceRecords].sort(
    (a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.sourceRecordId.localeCompare(b.sourceRecordId),
  );
  const rng = createRng(identity.seed, 'load-person-grouping', identity.chunkIndex);
  const persons: PersonRow[] = [];
  const personsOfTrueId = new Map<string, PersonRow[]>();
  const personOfAgency = new Map<string, PersonRow>();
  const personOfRecord = new Map<string, PersonRow>();
  const sourceRecords: SourceRecordRow[] = [];
  const addresses: AddressRow[] = [];
  for (const record of records) {
    const truePerson = peopleByTrueId.get(record.trueId);
    const agency = agencyByCode(record.agencyCode);
    const context = contexts.get(record.sourceRecordId) ?? {
      // Records from an agency's own files (research in the MASH, a missing report) sit with the hub
      // of the child's home area.
      area: truePerson?.area ?? 'LANCASHIRE',
      label: agency.name,
      provenance: `Agency record ${record.sourceRecordId} (synthetic population)`,
      referralChild: false,
    };
    const details = cleanDetails(record, truePerson, context);
    const agencyUuid = agencyId(record.agencyCode);
    const known = personsOfTrueId.get(record.trueId) ?? [];
    let person = personOfAgency.get(`${record.trueId}|${record.agencyCode}`);
    const foundBySearch = record.subjectRole === 'SUSPECT' ? SUSPECT_FOUND_BY_SEARCH : FOUND_BY_SEARCH;
    if (!person && known.length > 0 && rng.chance(foundBySearch)) person = known[0]!;
    if (!person) {
      person = {
        id: uuid('person', `${record.trueId}#${known.length}`),
        forename: details.forename,
        surname: details.surname,
        dob: details.dob,
        estimatedAge: details.estimatedAge,
        gender: details.gender,
        agencyIds: [],
        areas: [],
        createdAt: record.submittedAt,
        updatedAt: record.submittedAt,
      };
      persons.push(person);
      known.push(person);
      personsOfTrueId.set(record.trueId, known);
    } else {
      // As the registry does: the newest details win, blanks never overwrite what is known.
      person.forename = details.forename ?? person.forename;
      person.surname = details.surname ?? person.surname;
      person.dob = details.dob ?? person.dob;
      person.estimatedAge = details.estimatedAge ?? person.estimatedAge;
      if (details.gender !== 'UNKNOWN') person.gender = details.gender;
      person.updatedAt = record.submittedAt;
    }
    addOnce(person.agencyIds, agencyUuid);
    addOnce(person.areas, context.area);
    personOfAgency.set(`${record.trueId}|${record.agencyCode}`, person);
    personOfRecord.set(record.sourceRecordId, person);
    const id = uuid('source_record', record.sourceRecordId);
    sourceRecords.push({
      id,
      trueId: record.trueId,
      personId: person.id,
      agencyId: agencyUuid,
      submittedByLabel: context.label,
      submittedAt: record.submittedAt,
      provenance: context.provenance,
      subjectRole: record.subjectRole,
      details,
      keys: searchKeys(details),
    });
    if (details.address) {
      addresses.push({
        id: uuid('source_address', record.sourceRecordId),
        sourceRecordId: id,
        line1: details.address.line1,
        town: details.address.town,
        postcode: details.address.postcode,
        postcodeKey: details.address.postcodeKey,
      });
    }
  }
  const personIdOf = (sourceRecordId: string) => {
    const p = personOfRecord.get(sourceRecordId);
    if (!p) throw new Error(`no source record ${sourceRecordId} in chunk ${identity.chunkIndex}`);
    return p.id;
  };

  // Victim referrals, with the earlier referrals of the same (registry) person fixed at intake.
  const counters = new Map<string, ReferenceCounter>();
  const count = (reference: string) => {
    const c = parseReference(reference);
    const key = `${c.prefix}|${c.year}`;
    if ((counters.get(key)?.last ?? 0) < c.last) counters.set(key, c);
  };
  const victimReferrals: VictimReferralRow[] = [];
  const referralPeople: ReferralPersonRow[] = [];
  const earlier = new Map<string, string[]>();
  const byTime = [...chunk.victimReferrals].sort(
    (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference),
  );
  for (const v of byTime) {
    count(v.reference);
    const personId = personIdOf(v.childSourceRecordId);
    const before = (earlier.get(personId) ?? []).filter((at) => at < v.receivedAt);
    const yearAgo = monthsBefore(v.receivedAt, 12);
    const id = uuid('victim_referral', v.reference);
    victimReferrals.push({
      id,
      reference: v.reference,
      personId,
      childSourceRecordId: uuid('source_record', v.childSourceRecordId),
      referringAgencyId: agencyId(v.referringAgencyCode),
      referredByLabel: v.referrerName,
      practitionerName: v.referrerName,
      practitionerRole: v.referrerRole || null,
      cinReferralSource: v.cinReferralSource,
      receivedAt: v.receivedAt,
      exploitationType: v.exploitationType,
      category: v.category,
      concerns: v.concerns,
      indicators: [...v.indicators],
      exploitationModel: v.model,
      contactMethod: v.contactMethod,
      places: v.placesOfConcern.map((p) => ({ description: p.description, postcode: p.postcode || null })),
      consent: v.consent,
      urgency: v.urgency,
      area: v.area,
      priorReferrals12m: before.filter((at) => Date.parse(at) >= yearAgo).length,
      priorReferralsEver: before.length,
    });
    earlier.set(personId, [...(earlier.get(personId) ?? []), v.receivedAt]);
    const named = new Set<string>();
    for (const sid of v.suspectSourceRecordIds) {
      const suspectPersonId = personIdOf(sid);
      if (named.has(suspectPersonId)) continue;
      named.add(suspectPersonId);
      referralPeople.push({
        referralId: id,
        personId: suspectPersonId,
        sourceRecordId: uuid('source_record', sid),
        role: 'SUSPECT',
      });
    }
  }

  const suspectReferrals: SuspectReferralRow[] = [];
  const suspectChildLinks: SuspectChildLinkRow[] = [];
  for (const s of chunk.suspectReferrals) {
    count(s.reference);
    const id = uuid('suspect_referral', s.reference);
    suspectReferrals.push({
      id,
      reference: s.reference,
      personId: personIdOf(s.suspectSourceRecordId),
      sourceRecordId: uuid('source_record', s.suspectSourceRecordId),
      referringAgencyId: agencyId(s.agencyCode),
      referredByLabel: s.referrerName,
      practitionerName: s.referrerName,
      receivedAt: s.receivedAt,
      status: s.status,
      role: s.role,
      source: s.source,
      division: s.division,
      area: suspectReferralArea.get(s.reference)!,
    });
    const linked = new Set<string>();
    for (const link of s.linkedChildren) {
      const childPersonId = personIdOf(link.childSourceRecordId);
      if (linked.has(childPersonId)) continue;
      linked.add(childPersonId);
      suspectChildLinks.push({ suspectReferralId: id, childPersonId, linkType: link.linkType });
    }
  }

  return {
    chunkKey,
    persons,
    sourceRecords,
    addresses,
    victimReferrals,
    referralPeople,
    suspectReferrals,
    suspectChildLinks,
    counters: [...counters.values()],
  };
}
