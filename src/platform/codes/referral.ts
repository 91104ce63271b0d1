/**
 * Code lists for victim and suspect referrals, outcomes, disposals and missing episodes.
 * National lists (Children in Need referral sources and assessment factors) keep their official codes;
 * the rest follow DOMAIN.md. Each list is data (`as const`) with a union type beside it.
 */

import type { CodeEntry } from './code-list.ts';

export const AGENCY_TYPES = [
  { code: 'POLICE', label: 'Police' },
  { code: 'CHILDRENS_SOCIAL_CARE', label: 'Children’s social care' },
  { code: 'HEALTH', label: 'Health' },
  { code: 'EDUCATION', label: 'Education' },
  { code: 'VOLUNTARY', label: 'Voluntary sector' },
  { code: 'HOUSING', label: 'Housing' },
  { code: 'PROBATION', label: 'Probation' },
  { code: 'YOUTH_JUSTICE', label: 'Youth justice' },
  { code: 'OTHER', label: 'Other' },
] as const satisfies readonly CodeEntry[];
export type AgencyType = (typeof AGENCY_TYPES)[number]['code'];

export const EXPLOITATION_TYPES = [
  { code: 'CSE', label: 'Child sexual exploitation' },
  { code: 'CCE', label: 'Child criminal exploitation' },
  { code: 'BOTH', label: 'Sexual and criminal exploitation' },
  { code: 'OTHER', label: 'Other exploitation' },
] as const satisfies readonly CodeEntry[];
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number]['code'];

/** Both kinds count as victim referrals in the partnership's figures. */
export const REFERRAL_CATEGORIES = [
  { code: 'VICTIM_OF_CRIME', label: 'Victim of crime' },
  { code: 'RISK_ASSESSED_VULNERABILITY', label: 'High risk factors or vulnerability when risk assessed' },
] as const satisfies readonly CodeEntry[];
export type ReferralCategory = (typeof REFERRAL_CATEGORIES)[number]['code'];

export const EXPLOITATION_MODELS = [
  { code: 'INAPPROPRIATE_RELATIONSHIP', label: 'Inappropriate relationship (lone older adult)' },
  { code: 'BOYFRIEND', label: "'Boyfriend' model" },
  { code: 'PEER_ON_PEER', label: 'Peer on peer' },
  { code: 'PARTY', label: 'Party model' },
  { code: 'ORGANISED_NETWORK', label: 'Organised network (including trafficking)' },
  { code: 'ONLINE_ONLY', label: 'Online only' },
  { code: 'GANG_ASSOCIATED', label: 'Gang associated' },
  { code: 'UNKNOWN', label: 'Not known' },
] as const satisfies readonly CodeEntry[];
export type ExploitationModel = (typeof EXPLOITATION_MODELS)[number]['code'];

export const CONTACT_METHODS = [
  { code: 'ONLINE_SOCIAL_MEDIA', label: 'Online: social media or messaging' },
  { code: 'ONLINE_GAMING', label: 'Online: gaming' },
  { code: 'ONLINE_OTHER', label: 'Online: other' },
  { code: 'ON_STREET', label: 'On street' },
  { code: 'THIRD_PARTY_INTRODUCTION', label: 'Introduced by a third party (including another victim)' },
  { code: 'PARTY', label: 'Party' },
  { code: 'FAMILY_OR_FRIEND', label: 'Family member or friend' },
  { code: 'POSITION_OF_TRUST', label: 'Person in a position of trust' },
  { code: 'TRANSPORT', label: 'Transport (including taxis)' },
  { code: 'HOTEL_OR_FOOD_OUTLET', label: 'Hotel or food outlet' },
  { code: 'SCHOOL', label: 'School' },
  { code: 'CARE_PLACEMENT', label: 'Care placement' },
  { code: 'OTHER', label: 'Other' },
  { code: 'UNKNOWN', label: 'Not known' },
] as const satisfies readonly CodeEntry[];
export type ContactMethod = (typeof CONTACT_METHODS)[number]['code'];

export const ONLINE_CONTACT_METHODS = [
  'ONLINE_SOCIAL_MEDIA',
  'ONLINE_GAMING',
  'ONLINE_OTHER',
] as const satisfies readonly ContactMethod[];

export function isOnlineContact(method: ContactMethod): boolean {
  return (ONLINE_CONTACT_METHODS as readonly string[]).includes(method);
}

/** Indicators a practitioner may tick on a referral; wording is ours, not any licensed tool's. */
export const CSE_INDICATORS = [
  { code: 'GOING_MISSING', label: 'Going missing or absent' },
  { code: 'UNEXPLAINED_GIFTS_OR_MONEY', label: 'Unexplained gifts, money or clothes' },
  { code: 'OLDER_BOYFRIEND_OR_GIRLFRIEND', label: 'Older boyfriend or girlfriend' },
  { code: 'PICKED_UP_BY_UNKNOWN_ADULTS', label: 'Picked up by unknown adults or cars' },
  { code: 'STI_OR_PREGNANCY', label: 'Sexually transmitted infection or pregnancy' },
  { code: 'SUBSTANCE_MISUSE', label: 'Alcohol or drug misuse' },
  { code: 'SCHOOL_ABSENCE', label: 'Absence from school or exclusion' },
  { code: 'CHANGE_IN_BEHAVIOUR', label: 'Change in behaviour or appearance' },
  { code: 'SELF_HARM', label: 'Self-harm or thoughts of suicide' },
  { code: 'MULTIPLE_PHONES_OR_SIMS', label: 'Several phones or SIM cards' },
  { code: 'ASSOCIATING_WITH_KNOWN_VICTIMS', label: 'Associating with known victims' },
  { code: 'FREQUENTING_KNOWN_LOCATIONS', label: 'Frequenting locations known for exploitation' },
  { code: 'ONLINE_CONTACT_WITH_UNKNOWN_ADULTS', label: 'Online contact with unknown adults' },
  { code: 'SHARING_IMAGES', label: 'Sharing images or being asked for images' },
  { code: 'HOTEL_OR_TAKEAWAY_VISITS', label: 'Visits to hotels or takeaways' },
  { code: 'UNEXPLAINED_INJURIES', label: 'Unexplained injuries' },
  { code: 'DISCLOSURE', label: 'Disclosure of exploitation' },
  { code: 'ASSOCIATING_WITH_OLDER_PEOPLE', label: 'Associating with older people' },
  { code: 'LATE_NIGHTS_OUT', label: 'Staying out late or overnight' },
  { code: 'SECRETIVE_BEHAVIOUR', label: 'Secretive about friends or whereabouts' },
  { code: 'ESTRANGED_FROM_FAMILY', label: 'Estranged from family or carers' },
  { code: 'SEXUAL_HEALTH_CLINIC_ATTENDANCE', label: 'Repeated sexual health clinic attendance' },
  { code: 'FOUND_OUT_OF_AREA', label: 'Found out of area without explanation' },
  { code: 'GANG_ASSOCIATION', label: 'Gang association' },
  { code: 'ACCOMMODATION_INSTABILITY', label: 'Placement or accommodation breakdown' },
  { code: 'CRIMINAL_ACTIVITY', label: 'Involvement in offending' },
  { code: 'EMOTIONAL_OR_MENTAL_HEALTH', label: 'Emotional or mental health concerns' },
] as const satisfies readonly CodeEntry[];
export type CseIndicator = (typeof CSE_INDICATORS)[number]['code'];

/** Children in Need census referral sources (DfE), official codes and labels. */
export const CIN_REFERRAL_SOURCES = [
  { code: '1A', label: 'Individual: family member, relative or carer' },
  { code: '1B', label: 'Individual: acquaintance (including neighbours and child minders)' },
  { code: '1C', label: 'Individual: self' },
  { code: '1D', label: 'Individual: other' },
  { code: '2A', label: 'Schools' },
  { code: '2B', label: 'Education services' },
  { code: '3A', label: 'Health services: GP' },
  { code: '3B', label: 'Health services: health visitor' },
  { code: '3C', label: 'Health services: school nurse' },
  { code: '3D', label: 'Health services: other primary health services' },
  { code: '3E', label: 'Health services: A&E (emergency department)' },
  { code: '3F', label: 'Health services: other (e.g. hospice)' },
  { code: '4', label: 'Housing (local authority and/or housing association)' },
  { code: '5A', label: 'LA services: social care (e.g. adult social care)' },
  { code: '5B', label: 'LA services: other internal (e.g. youth offending, excluding housing)' },
  { code: '5C', label: "LA services: external (e.g. from another local authority's adult social care)" },
  { code: '5D', label: 'LA services: early help' },
  { code: '6', label: 'Police' },
  { code: '7', label: 'Other legal agency (including courts, probation, immigration, CAFCASS and prison)' },
  {
    code: '8',
    label: "Other (including children's centres, independent agency providers and voluntary organisations)",
  },
  { code: '9', label: 'Anonymous' },
  { code: '10', label: 'Unknown' },
] as const satisfies readonly CodeEntry[];
export type CinReferralSource = (typeof CIN_REFERRAL_SOURCES)[number]['code'];

/**
 * Which referral sources an agency of each type can record. A council's front door also records
 * contacts from individuals and anonymous callers, so social care carries the 1x, 9 and 10 codes.
 */
export const CIN_SOURCES_BY_AGENCY_TYPE: Readonly<Record<AgencyType, readonly CinReferralSource[]>> = {
  POLICE: ['6'],
  CHILDRENS_SOCIAL_CARE: ['1A', '1B', '1C', '1D', '5A', '5B', '5C', '5D', '9', '10'],
  HEALTH: ['3A', '3B', '3C', '3D', '3E', '3F'],
  EDUCATION: ['2A', '2B'],
  VOLUNTARY: ['8'],
  HOUSING: ['4'],
  PROBATION: ['7'],
  YOUTH_JUSTICE: ['5B'],
  OTHER: ['8', '10'],
};

export function isCinSourceConsistentWith(agencyType: AgencyType, source: CinReferralSource): boolean {
  return CIN_SOURCES_BY_AGENCY_TYPE[agencyType].includes(source);
}

/** Children in Need census factors identified at the end of assessment. */
export const CIN_ASSESSMENT_FACTORS = [
  { code: '10A', label: 'Going or being missing' },
  { code: '11A', label: 'Child sexual exploitation' },
  { code: '12A', label: 'Trafficking' },
  { code: '13A', label: 'Gangs' },
  { code: '14A', label: 'Socially unacceptable behaviour' },
  { code: '15A', label: 'Self-harm' },
  { code: '16A', label: 'Neglect' },
  { code: '17A', label: 'Emotional abuse' },
  { code: '18B', label: 'Sexual abuse: by an adult' },
  { code: '18C', label: 'Sexual abuse: by another child or young person' },
  { code: '19B', label: 'Physical abuse: by an adult' },
  { code: '19C', label: 'Physical abuse: by another child or young person' },
  { code: '20', label: 'Other' },
  { code: '21', label: 'No factors identified' },
  { code: '22A', label: 'Female genital mutilation' },
  { code: '23A', label: 'Abuse linked to faith or belief' },
  { code: '24A', label: 'Child criminal exploitation' },
] as const satisfies readonly CodeEntry[];
export type CinAssessmentFactor = (typeof CIN_ASSESSMENT_FACTORS)[number]['code'];

export const URGENCIES = [
  { code: 'ROUTINE', label: 'Routine' },
  { code: 'URGENT', label: 'Urgent' },
  { code: 'IMMEDIATE', label: 'Immediate risk' },
] as const satisfies readonly CodeEntry[];
export type Urgency = (typeof URGENCIES)[number]['code'];

export const CONSENT_STATUSES = [
  { code: 'YES', label: 'Consent given' },
  { code: 'NO', label: 'Consent refused' },
  { code: 'NOT_SOUGHT', label: 'Consent not sought' },
] as const satisfies readonly CodeEntry[];
export type ConsentStatus = (typeof CONSENT_STATUSES)[number]['code'];

export const RAG_RATINGS = [
  { code: 'RED', label: 'Red' },
  { code: 'AMBER', label: 'Amber' },
  { code: 'GREEN', label: 'Green' },
  { code: 'BLUE', label: 'Blue (no concern)' },
] as const satisfies readonly CodeEntry[];
export type RagRating = (typeof RAG_RATINGS)[number]['code'];

/** Not every suspect is a proven offender; the status has a history of its own. */
export const SUSPECT_STATUSES = [
  { code: 'SUSPECT', label: 'Suspect' },
  { code: 'OFFENDER', label: 'Offender' },
] as const satisfies readonly CodeEntry[];
export type SuspectStatus = (typeof SUSPECT_STATUSES)[number]['code'];

export const SUSPECT_ROLES = [
  { code: 'PRIMARY_OFFENDER', label: 'Primary offender' },
  { code: 'CO_OFFENDER', label: 'Co-offender' },
  { code: 'FACILITATOR', label: 'Facilitator' },
  { code: 'ENCOURAGED_VICTIMS', label: 'Encouraged victims to become involved' },
  { code: 'ALLOWED_PREMISES_USE', label: 'Allowed premises to be used' },
  { code: 'RECRUITER', label: 'Recruiter' },
  { code: 'ONLINE_CONTACT', label: 'Online contact' },
  { code: 'OTHER', label: 'Other' },
] as const satisfies readonly CodeEntry[];
export type SuspectRole = (typeof SUSPECT_ROLES)[number]['code'];

/** How a suspect referral came to the hub. */
export const SUSPECT_REFERRAL_SOURCES = [
  { code: 'VICTIM_REFERRAL', label: 'Named in a victim referral' },
  { code: 'POLICE_INTELLIGENCE', label: 'Police intelligence' },
  { code: 'PARTNER_AGENCY', label: 'Partner agency' },
  { code: 'COMMUNITY', label: 'Community or member of the public' },
] as const satisfies readonly CodeEntry[];
export type SuspectReferralSource = (typeof SUSPECT_REFERRAL_SOURCES)[number]['code'];

export const SUSPECT_LINK_TYPES = [
  { code: 'ABUSER', label: 'Abuser' },
  { code: 'GROOMER', label: 'Groomer' },
  { code: 'ASSOCIATE', label: 'Associate' },
  { code: 'BOYFRIEND', label: "'Boyfriend'" },
  { code: 'DRIVER', label: 'Driver' },
  { code: 'PREMISES', label: 'Premises holder' },
  { code: 'ONLINE_CONTACT', label: 'Online contact' },
  { code: 'OTHER', label: 'Other' },
] as const satisfies readonly CodeEntry[];
export type SuspectLinkType = (typeof SUSPECT_LINK_TYPES)[number]['code'];

export const SOCIAL_CARE_OUTCOMES = [
  { code: 'NO_OUTCOME_REQUIRED', label: 'No social care outcome required' },
  { code: 'S47', label: 'Section 47 enquiry (at risk of significant harm)' },
  { code: 'S17', label: 'Section 17 (child in need)' },
  { code: 'S20', label: 'Section 20 (accommodation)' },
  { code: 'S31', label: 'Section 31 (care or supervision order)' },
  { code: 'S44', label: 'Section 44 (emergency protection order)' },
  { code: 'S46', label: 'Section 46 (police protection)' },
  { code: 'EARLY_HELP', label: 'Step down to early help' },
  { code: 'ADVICE_SIGNPOST', label: 'Advice and signposting' },
] as const satisfies readonly CodeEntry[];
export type SocialCareOutcome = (typeof SOCIAL_CARE_OUTCOMES)[number]['code'];

export const DISPOSALS = [
  { code: 'ARREST', label: 'Arrest' },
  { code: 'CHARGE', label: 'Charge' },
  { code: 'CONVICTION', label: 'Conviction' },
  { code: 'CAUTION', label: 'Caution' },
  { code: 'CAWN_S2', label: 'Child Abduction Warning Notice (s2 Child Abduction Act 1984)' },
  { code: 'CAWN_S49', label: 'Child Abduction Warning Notice (s49 Children Act 1989)' },
  { code: 'SHPO', label: 'Sexual Harm Prevention Order' },
  { code: 'SHPO_INTERIM', label: 'Interim Sexual Harm Prevention Order' },
  { code: 'SRO', label: 'Sexual Risk Order' },
  { code: 'SRO_INTERIM', label: 'Interim Sexual Risk Order' },
  { code: 'HOTEL_NOTICE', label: 'Hotel notice (s116 Anti-social Behaviour, Crime and Policing Act 2014)' },
  { code: 'CLOSURE_NOTICE', label: 'Closure notice' },
  { code: 'CLOSURE_ORDER', label: 'Closure order' },
  { code: 'COMMUNITY_PROTECTION_NOTICE', label: 'Community protection notice' },
  { code: 'CRIMINAL_BEHAVIOUR_ORDER', label: 'Criminal behaviour order' },
  { code: 'LICENSING_REVIEW_TAXI', label: 'Licensing review: taxi or private hire' },
  { code: 'LICENSING_REVIEW_PREMISES', label: 'Licensing review: premises' },
  { code: 'INTELLIGENCE', label: 'Intelligence gathering for proactive operations' },
  { code: 'NFA', label: 'No further action' },
] as const satisfies readonly CodeEntry[];
export type Disposal = (typeof DISPOSALS)[number]['code'];

export const MISSING_EPISODE_TYPES = [
  { code: 'MISSING', label: 'Missing' },
  { code: 'ABSENT', label: 'Absent' },
  { code: 'MISSING_FROM_CARE', label: 'Missing from care' },
  { code: 'AWAY_WITHOUT_AUTHORISATION', label: 'Away from placement without authorisation' },
] as const satisfies readonly CodeEntry[];
export type MissingEpisodeType = (typeof MISSING_EPISODE_TYPES)[number]['code'];

/** Police risk grade per missing episode (local wording may differ). */
export const MISSING_RISK_GRADES = [
  { code: 'NO_APPARENT_RISK', label: 'No apparent risk' },
  { code: 'LOW', label: 'Low' },
  { code: 'MEDIUM', label: 'Medium' },
  { code: 'HIGH', label: 'High' },
] as const satisfies readonly CodeEntry[];
export type MissingRiskGrade = (typeof MISSING_RISK_GRADES)[number]['code'];

/** Where a victim referral is in the hub's work (its status; the MASH moves it on). */
export const REFERRAL_STATUSES = [
  { code: 'RECEIVED', label: 'Received' },
  { code: 'TRIAGED', label: 'Triaged' },
  { code: 'IN_RESEARCH', label: 'Being researched' },
  { code: 'IN_DISCUSSION', label: 'In discussion' },
  { code: 'DECIDED', label: 'Decided' },
  { code: 'CLOSED', label: 'Closed' },
] as const satisfies readonly CodeEntry[];
