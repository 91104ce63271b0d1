/** The shapes of the demo partnership's data (`partnership.ts`). */
import type { AgencyType } from '../platform/codes/referral.ts';

export type DivisionCode = 'EAST' | 'SOUTH' | 'WEST';
export type AreaCode = 'LANCASHIRE' | 'BLACKBURN_WITH_DARWEN' | 'BLACKPOOL';

export interface Division {
  readonly code: DivisionCode;
  readonly name: string;
}

export interface PartnershipArea {
  readonly code: AreaCode;
  readonly name: string;
  /** The council's children's social care agency, which hosts the area's MASH. */
  readonly councilAgencyCode: string;
  readonly mashTeamCode: string;
  /** DfE local authority number, used in unique pupil numbers. */
  readonly laNumber: number;
  /** Share of the partnership's referred children living in the area (sums to 1). */
  readonly referralShare: number;
}

export interface PostcodeDistrict {
  readonly district: string;
  readonly town: string;
  readonly area: AreaCode;
  readonly division: DivisionCode;
}

export interface Agency {
  readonly code: string;
  readonly name: string;
  readonly type: AgencyType;
  /** Null for county-wide agencies (police, the community trust, voluntary partners). */
  readonly area: AreaCode | null;
  readonly division: DivisionCode | null;
  readonly postcode: string;
  /**
   * Holds return home interviews (migration 025): the councils' children's services and the children's
   * charities commissioned for them; never schools, hospitals, housing or the police.
   */
  readonly providesReturnInterviews?: true;
}

export type TeamKind =
  | 'MASH'
  | 'CSE'
  | 'REFERRALS'
  | 'MISSING'
  | 'CAMHS'
  | 'SAFEGUARDING'
  | 'SCHOOL_NURSING'
  | 'EMERGENCY_DEPARTMENT'
  | 'DESIGNATED_SAFEGUARDING_LEAD'
  | 'RETURN_HOME_INTERVIEWS'
  | 'OUTREACH'
  | 'TENANCY_SUPPORT'
  | 'CASE_MANAGEMENT';

export interface Team {
  readonly code: string;
  readonly name: string;
  readonly agencyCode: string;
  readonly kind: TeamKind;
  readonly area: AreaCode | null;
  readonly division: DivisionCode | null;
}

export interface School extends Agency {
  readonly laNumber: number;
  /** Fictional four-digit DfE establishment number (secondary schools sit in the 4000s). */
  readonly establishmentNumber: number;
}

export interface ChildrensHome {
  readonly code: string;
  readonly name: string;
  readonly provider: 'LOCAL_AUTHORITY' | 'PRIVATE';
  readonly area: AreaCode;
  readonly division: DivisionCode;
  readonly postcode: string;
  readonly beds: number;
}
