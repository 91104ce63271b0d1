/**
 * Who refers: the agency, team, practitioner and Children in Need referral source of a victim referral.
 * Practitioners are a small generated pool per team so that the same fictional names recur.
 */

import type { Faker } from '@faker-js/faker';
import type { AgencyType, CinReferralSource } from '../platform/codes/referral.ts';
import type { ChildPlan } from './children.ts';
import { agencyByCode, areaByCode, SCHOOLS } from './partnership.ts';
import type { Agency, DivisionCode } from './partnership-types.ts';
import type { Rng } from './random.ts';

export interface Referrer {
  readonly agency: Agency;
  readonly teamCode: string | null;
  readonly name: string;
  readonly role: string;
  readonly cinSource: CinReferralSource;
}

const REFERRING_AGENCY_TYPES: readonly (readonly [AgencyType, number])[] = [
  ['POLICE', 34],
  ['EDUCATION', 20],
  ['CHILDRENS_SOCIAL_CARE', 16],
  ['HEALTH', 14],
  ['VOLUNTARY', 8],
  ['YOUTH_JUSTICE', 3],
  ['HOUSING', 3],
  ['PROBATION', 2],
];

const ACUTE_TRUST_BY_DIVISION: Readonly<Record<DivisionCode, string>> = {
  EAST: 'NHS-ELH',
  SOUTH: 'NHS-LTH',
  WEST: 'NHS-BTH',
};

/** A pool of fictional practitioner names per team, created on first use. */
export class PractitionerPool {
  private readonly pools = new Map<string, string[]>();

  constructor(
    private readonly rng: Rng,
    private readonly faker: Faker,
  ) {}

  nameFor(teamKey: string): string {
    let pool = this.pools.get(teamKey);
    if (!pool) {
      pool = Array.from({ length: 4 }, () => this.faker.person.fullName());
      this.pools.set(teamKey, pool);
    }
    return this.rng.pick(pool);
  }
}

export function chooseReferrer(rng: Rng, practitioners: PractitionerPool, child: ChildPlan): Referrer {
  const person = child.person;
  const type = rng.weighted(REFERRING_AGENCY_TYPES);
  const make = (
    agencyCode: string,
    teamCode: string | null,
    role: string,
    cinSource: CinReferralSource,
  ): Referrer => ({
    agency: agencyByCode(agencyCode),
    teamCode,
    name: practitioners.nameFor(teamCode ?? agencyCode),
    role,
    cinSource,
  });
  switch (type) {
    case 'POLICE':
      return rng.chance(0.6)
        ? make(
            'POL',
            `POL-CSE-${person.division}`,
            rng.pick(['Detective Constable', 'Police Constable']),
            '6',
          )
        : make('POL', 'POL-MISS', 'Missing from Home Coordinator', '6');
    case 'EDUCATION': {
      if (person.schoolCode && rng.chance(0.85)) {
        return make(person.schoolCode, `${person.schoolCode}-DSL`, 'Designated Safeguarding Lead', '2A');
      }
      if (person.area === 'LANCASHIRE')
        return make('LCC-EDU', 'LCC-EDU-SAFE', 'Education Safeguarding Adviser', '2B');
      const school = rng.pick(SCHOOLS.filter((s) => s.area === person.area));
      return make(school.code, `${school.code}-DSL`, 'Designated Safeguarding Lead', '2A');
    }
    case 'CHILDRENS_SOCIAL_CARE': {
      const council = areaByCode(person.area).councilAgencyCode;
      const source = rng.weighted<CinReferralSource>([
        ['5A', 28],
        ['5D', 25],
        ['5B', 8],
        ['5C', 5],
        ['1A', 22],
        ['1B', 4],
        ['1C', 3],
        ['1D', 2],
        ['9', 3],
      ]);
      const team = source.startsWith('5') ? `${council}-CSE` : `${council}-RA`;
      return make(council, team, source.startsWith('5') ? 'Social Worker' : 'Contact Officer', source);
    }
    case 'HEALTH': {
      if (person.camhsContact && rng.chance(0.6))
        return make('NHS-LSC', 'NHS-LSC-CAMHS', 'CAMHS Practitioner', '3F');
      return rng.weighted<() => Referrer>([
        [() => make('NHS-LSC', 'NHS-LSC-SN', 'School Nurse', '3C'), 35],
        [() => make('NHS-LSC', 'NHS-LSC-SAFE', 'Named Nurse for Safeguarding', '3D'), 25],
        [
          () => {
            const trust = ACUTE_TRUST_BY_DIVISION[person.division];
            return make(trust, `${trust}-ED`, 'Emergency Department Nurse', '3E');
          },
          40,
        ],
      ])();
    }
    case 'VOLUNTARY':
      return rng.chance(0.7)
        ? make('VOL-BCC', 'VOL-BCC-CSE', 'Project Worker', '8')
        : make('VOL-RHI', 'VOL-RHI-RHI', 'Return Home Interview Worker', '8');
    case 'YOUTH_JUSTICE':
      return make('YJS-PAN', 'YJS-PAN-CM', 'Youth Justice Worker', '5B');
    case 'HOUSING':
      return make('HSG-RRH', 'HSG-RRH-TEN', 'Tenancy Support Officer', '4');
    case 'PROBATION':
      return make('PRB-NW', 'PRB-NW-CM', 'Probation Officer', '7');
    default:
      return make('POL', 'POL-REF', 'Police Staff', '6');
  }
}
