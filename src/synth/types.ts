/**
 * The shape of a synthetic population. Fields named `trueId`/`...TrueId`, `errors` and the outcome facts
 * on referrals are ground truth, kept so identity resolution, triage and statistics can be evaluated;
 * a loader that imitates agency submissions must leave them out.
 */

import type { Ethnicity, Gender, IdentifierKind, LivingSituation } from '../platform/codes/people.ts';
import type {
  CinAssessmentFactor,
  CinReferralSource,
  ConsentStatus,
  ContactMethod,
  CseIndicator,
  Disposal,
  ExploitationModel,
  ExploitationType,
  MissingEpisodeType,
  MissingRiskGrade,
  RagRating,
  ReferralCategory,
  SocialCareOutcome,
  SuspectLinkType,
  SuspectReferralSource,
  SuspectRole,
  SuspectStatus,
  Urgency,
} from '../platform/codes/referral.ts';
import type { Partnership } from './partnership.ts';
import type { AreaCode, DivisionCode } from './partnership-types.ts';
import type { SourceRecordError } from './record-errors.ts';

export type PersonRole = 'CHILD' | 'SUSPECT' | 'ASSOCIATE';

export interface Address {
  readonly line1: string;
  readonly town: string;
  readonly postcode: string;
  /** ISO date the person started living here. */
  readonly from: string;
  /** ISO date they left, or null for the current address. */
  readonly to: string | null;
  /** Set when the address is a children's home placement. */
  readonly childrensHomeCode: string | null;
}

/** A true identity. */
export interface Person {
  readonly trueId: string;
  readonly role: PersonRole;
  readonly forename: string;
  readonly surname: string;
  readonly previousSurnames: readonly string[];
  /** Nicknames and street names the person is known by. */
  readonly aliases: readonly string[];
  readonly dob: string;
  readonly gender: Gender;
  /** Recorded for equality monitoring only; the generator never lets it drive anything else. */
  readonly ethnicity: Ethnicity;
  readonly nhsNumber: string;
  readonly schoolUpn: string | null;
  readonly schoolCode: string | null;
  readonly policeRef: string;
  /** Oldest first; the last one has `to: null`. */
  readonly addresses: readonly Address[];
  readonly livingSituation: LivingSituation;
  readonly lookedAfter: boolean;
  readonly childrensHomeCode: string | null;
  readonly learningDisability: boolean;
  readonly specialEducationalNeeds: boolean;
  readonly camhsContact: boolean;
  readonly area: AreaCode;
  readonly division: DivisionCode;
}

/** An adult's (or an unknown child's) facts from children's services: none recorded. */
export const NO_CHILDRENS_SERVICES_FACTS = {
  lookedAfter: false,
  childrensHomeCode: null,
  learningDisability: false,
  specialEducationalNeeds: false,
  camhsContact: false,
} as const;

export interface SourceIdentifier {
  readonly kind: IdentifierKind;
  readonly value: string;
  /** True when the value was deliberately corrupted (an NHS number that fails its check digit). */
  readonly corrupted: boolean;
}

/** What one agency submitted about a person on one occasion. */
export interface SourceRecord {
  readonly sourceRecordId: string;
  /** Ground truth: the person this record is about. */
  readonly trueId: string;
  readonly subjectRole: PersonRole;
  readonly agencyCode: string;
  readonly submittedAt: string;
  readonly forename: string | null;
  readonly surname: string | null;
  readonly aliases: readonly string[];
  readonly dob: string | null;
  readonly estimatedAge: number | null;
  readonly gender: Gender;
  readonly ethnicity: Ethnicity | null;
  readonly identifiers: readonly SourceIdentifier[];
  readonly addressLine: string | null;
  readonly postcode: string | null;
  /** Ground truth: the mistakes and gaps deliberately put into this record. */
  readonly errors: readonly SourceRecordError[];
}

export interface PlaceOfConcern {
  readonly placeId: string;
  /** What kind of place, e.g. "takeaway on a high street". */
  readonly kind: string;
  readonly description: string;
  readonly town: string;
  readonly postcode: string;
  readonly area: AreaCode;
  readonly division: DivisionCode;
}

export interface VictimReferral {
  readonly reference: string;
  readonly receivedAt: string;
  readonly outOfHours: boolean;
  readonly referringAgencyCode: string;
  readonly referringTeamCode: string | null;
  readonly referrerName: string;
  readonly referrerRole: string;
  readonly cinReferralSource: CinReferralSource;
  readonly childSourceRecordId: string;
  readonly exploitationType: ExploitationType;
  readonly category: ReferralCategory;
  readonly concerns: string;
  readonly indicators: readonly CseIndicator[];
  readonly model: ExploitationModel;
  readonly contactMethod: ContactMethod;
  readonly suspectSourceRecordIds: readonly string[];
  readonly placesOfConcern: readonly { placeId: string; description: string; postcode: string }[];
  readonly consent: ConsentStatus;
  readonly urgency: Urgency;
  readonly area: AreaCode;
  readonly division: DivisionCode;
  readonly mashTeamCode: string;
  // Ground truth below.
  readonly childTrueId: string;
  readonly suspectTrueIds: readonly string[];
  /** Another victim who introduced this child to offenders, when one did. */
  readonly introducedByTrueId: string | null;
  readonly outcome: Extract<SocialCareOutcome, 'NO_OUTCOME_REQUIRED' | 'S47' | 'S17' | 'S20' | 'S31'>;
  readonly assessmentFactors: readonly CinAssessmentFactor[];
  readonly ragRating: RagRating;
  readonly decidedAt: string;
}

export interface SuspectChildLink {
  readonly childTrueId: string;
  readonly childSourceRecordId: string;
  readonly linkType: SuspectLinkType;
}

export interface SuspectReferral {
  readonly reference: string;
  readonly receivedAt: string;
  readonly agencyCode: string;
  readonly referrerName: string;
  readonly suspectSourceRecordId: string;
  readonly suspectTrueId: string;
  readonly status: SuspectStatus;
  readonly gender: Gender;
  readonly ethnicity: Ethnicity;
  readonly role: SuspectRole;
  readonly division: DivisionCode;
  readonly linkedChildren: readonly SuspectChildLink[];
  readonly source: SuspectReferralSource;
  readonly victimReferralRefs: readonly string[];
}

export interface DisposalRecord {
  readonly disposalId: string;
  readonly suspectTrueId: string;
  readonly suspectReferralRef: string;
  readonly type: Disposal;
  readonly date: string;
  /** The child a notice protects (CAWNs), when there is one. */
  readonly childTrueId: string | null;
  readonly sentenceMonths: number | null;
  /** Length of an SHPO or SRO in years. */
  readonly orderYears: number | null;
  readonly expiresOn: string | null;
}

export type MissingFromKind =
  | 'FAMILY_HOME'
  | 'KINSHIP_PLACEMENT'
  | 'FOSTER_PLACEMENT'
  | 'CHILDRENS_HOME'
  | 'OTHER';
export type MissingReporterKind =
  | 'PARENT_OR_CARER'
  | 'FOSTER_CARER'
  | 'RESIDENTIAL_STAFF'
  | 'SCHOOL'
  | 'OTHER';
export type MissingCompanionKind = 'ALONE' | 'PEER' | 'SUSPECT' | 'FAMILY' | 'NOT_KNOWN';

export interface ReturnHomeInterview {
  readonly offered: boolean;
  readonly notOfferedReason: string | null;
  readonly response: 'ACCEPTED' | 'DECLINED' | null;
  readonly completedAt: string | null;
  readonly completedWithin72Hours: boolean | null;
  readonly byAgencyCode: string | null;
}

export interface MissingEpisode {
  readonly episodeId: string;
  readonly childTrueId: string;
  readonly type: MissingEpisodeType;
  readonly from: {
    readonly kind: MissingFromKind;
    readonly childrensHomeCode: string | null;
    readonly postcode: string;
  };
  readonly reportedAt: string;
  readonly reportedByKind: MissingReporterKind;
  /** The agency whose staff reported (council for foster and LA homes, school), or the police who took it. */
  readonly reportedByAgencyCode: string;
  readonly riskGrade: MissingRiskGrade;
  readonly returnedAt: string;
  readonly foundWhere: string;
  readonly foundPostcode: string | null;
  readonly withWhom: { readonly kind: MissingCompanionKind; readonly trueId: string | null };
  readonly exploitationSuspected: boolean;
  readonly returnHomeInterview: ReturnHomeInterview;
}

/** Links between children and their peers: victims know, introduce and sometimes recruit each other. */
export interface Relationship {
  readonly fromTrueId: string;
  readonly toTrueId: string;
  /** ASSOCIATE is symmetric; INTRODUCED and RECRUITED run from the one who introduced or recruited. */
  readonly type: 'ASSOCIATE' | 'INTRODUCED' | 'RECRUITED';
}

/** One independently generated slice of the population (a scale-1 partnership's worth, or part of one). */
export interface PopulationChunk {
  readonly chunkIndex: number;
  readonly people: readonly Person[];
  readonly sourceRecords: readonly SourceRecord[];
  readonly places: readonly PlaceOfConcern[];
  readonly victimReferrals: readonly VictimReferral[];
  readonly suspectReferrals: readonly SuspectReferral[];
  readonly disposals: readonly DisposalRecord[];
  readonly missingEpisodes: readonly MissingEpisode[];
  readonly relationships: readonly Relationship[];
}

export interface PopulationMeta {
  readonly generator: string;
  readonly seed: number;
  readonly scale: number;
  readonly months: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly chunks: number;
}

export interface Population extends Omit<PopulationChunk, 'chunkIndex'> {
  readonly meta: PopulationMeta;
  readonly partnership: Partnership;
}

export interface GenerateOptions {
  readonly scale?: number;
  readonly seed?: number;
  /** Last day of the period, ISO date. */
  readonly periodEnd?: string;
  readonly months?: number;
  /** Called after each chunk with chunks done and chunks in all. */
  readonly onProgress?: (done: number, total: number) => void;
}
