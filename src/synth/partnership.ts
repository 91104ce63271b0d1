/**
 * The demo partnership: one county police force with three divisions, three safeguarding partnership
 * areas with their councils and MASH hubs, NHS trusts, schools, voluntary partners, housing, youth
 * justice, probation and children's homes. Exported as plain data because the demo database is seeded
 * from it as well as the synthetic population. Every name is fictional and marked "(demo)" where it
 * borrows a real place name, so that nothing reads as a real organisation's record.
 */

import { CHILDRENS_HOMES } from './childrens-homes.ts';
import type {
  Agency,
  AreaCode,
  Division,
  DivisionCode,
  PartnershipArea,
  PostcodeDistrict,
  School,
  Team,
  TeamKind,
} from './partnership-types.ts';

export const DIVISIONS: readonly Division[] = [
  { code: 'EAST', name: 'East Division' },
  { code: 'SOUTH', name: 'South Division' },
  { code: 'WEST', name: 'West Division' },
];

export const PARTNERSHIP_AREAS: readonly PartnershipArea[] = [
  {
    code: 'LANCASHIRE',
    name: 'Lancashire',
    councilAgencyCode: 'LCC-CSC',
    mashTeamCode: 'LCC-CSC-MASH',
    laNumber: 888,
    referralShare: 0.62,
  },
  {
    code: 'BLACKBURN_WITH_DARWEN',
    name: 'Blackburn with Darwen',
    councilAgencyCode: 'BWD-CSC',
    mashTeamCode: 'BWD-CSC-MASH',
    laNumber: 889,
    referralShare: 0.16,
  },
  {
    code: 'BLACKPOOL',
    name: 'Blackpool',
    councilAgencyCode: 'BPL-CSC',
    mashTeamCode: 'BPL-CSC-MASH',
    laNumber: 890,
    referralShare: 0.22,
  },
];

/**
 * Postcode districts and the division that polices them: Blackburn with Darwen and the east of
 * Lancashire are East, Blackpool and the west (Fylde coast, Lancaster and Morecambe) are West, and
 * the rest (Preston, Chorley, Leyland) South. Full postcodes are generated inside these districts.
 */
export const POSTCODE_DISTRICTS: readonly PostcodeDistrict[] = [
  { district: 'BB1', town: 'Blackburn', area: 'BLACKBURN_WITH_DARWEN', division: 'EAST' },
  { district: 'BB2', town: 'Blackburn', area: 'BLACKBURN_WITH_DARWEN', division: 'EAST' },
  { district: 'BB3', town: 'Darwen', area: 'BLACKBURN_WITH_DARWEN', division: 'EAST' },
  { district: 'FY1', town: 'Blackpool', area: 'BLACKPOOL', division: 'WEST' },
  { district: 'FY2', town: 'Blackpool', area: 'BLACKPOOL', division: 'WEST' },
  { district: 'FY3', town: 'Blackpool', area: 'BLACKPOOL', division: 'WEST' },
  { district: 'FY4', town: 'Blackpool', area: 'BLACKPOOL', division: 'WEST' },
  { district: 'BB4', town: 'Rossendale', area: 'LANCASHIRE', division: 'EAST' },
  { district: 'BB5', town: 'Accrington', area: 'LANCASHIRE', division: 'EAST' },
  { district: 'BB7', town: 'Clitheroe', area: 'LANCASHIRE', division: 'EAST' },
  { district: 'BB9', town: 'Nelson', area: 'LANCASHIRE', division: 'EAST' },
  { district: 'BB10', town: 'Burnley', area: 'LANCASHIRE', division: 'EAST' },
  { district: 'BB11', town: 'Burnley', area: 'LANCASHIRE', division: 'EAST' },
  { district: 'BL0', town: 'Edenfield', area: 'LANCASHIRE', division: 'EAST' },
  { district: 'FY5', town: 'Thornton-Cleveleys', area: 'LANCASHIRE', division: 'WEST' },
  { district: 'FY7', town: 'Fleetwood', area: 'LANCASHIRE', division: 'WEST' },
  { district: 'FY8', town: 'Lytham St Annes', area: 'LANCASHIRE', division: 'WEST' },
  { district: 'LA1', town: 'Lancaster', area: 'LANCASHIRE', division: 'WEST' },
  { district: 'LA4', town: 'Morecambe', area: 'LANCASHIRE', division: 'WEST' },
  { district: 'PR1', town: 'Preston', area: 'LANCASHIRE', division: 'SOUTH' },
  { district: 'PR2', town: 'Preston', area: 'LANCASHIRE', division: 'SOUTH' },
  { district: 'PR5', town: 'Bamber Bridge', area: 'LANCASHIRE', division: 'SOUTH' },
  { district: 'PR7', town: 'Chorley', area: 'LANCASHIRE', division: 'SOUTH' },
  { district: 'PR25', town: 'Leyland', area: 'LANCASHIRE', division: 'SOUTH' },
  { district: 'PR4', town: 'Kirkham', area: 'LANCASHIRE', division: 'SOUTH' },
];

const COUNCILS: readonly Agency[] = [
  {
    code: 'LCC-CSC',
    name: "Lancashire County Council Children's Social Care (demo)",
    type: 'CHILDRENS_SOCIAL_CARE',
    providesReturnInterviews: true,
    area: 'LANCASHIRE',
    division: 'SOUTH',
    postcode: 'PR1 8XJ',
  },
  {
    code: 'BWD-CSC',
    name: "Blackburn with Darwen Children's Services (demo)",
    type: 'CHILDRENS_SOCIAL_CARE',
    providesReturnInterviews: true,
    area: 'BLACKBURN_WITH_DARWEN',
    division: 'EAST',
    postcode: 'BB1 7DY',
  },
  {
    code: 'BPL-CSC',
    name: "Blackpool Children's Services (demo)",
    type: 'CHILDRENS_SOCIAL_CARE',
    providesReturnInterviews: true,
    area: 'BLACKPOOL',
    division: 'WEST',
    postcode: 'FY1 1NB',
  },
];

/** Fictional secondary schools (generated names), at least two in each division. */
export const SCHOOLS: readonly School[] = [
  school('SCH-01', 'Hollin Brook Academy', 'BLACKBURN_WITH_DARWEN', 'EAST', 889, 4101, 'BB2 4QT'),
  school('SCH-02', 'Whinfield Vale High School', 'BLACKBURN_WITH_DARWEN', 'EAST', 889, 4102, 'BB3 2LW'),
  school('SCH-03', 'Kestrel Moor Academy', 'LANCASHIRE', 'EAST', 888, 4103, 'BB11 5HN'),
  school('SCH-04', "St Aldric's Catholic High School (demo)", 'LANCASHIRE', 'EAST', 888, 4104, 'BB5 6RS'),
  school('SCH-05', 'Rowan Edge Community High School', 'LANCASHIRE', 'SOUTH', 888, 4105, 'PR2 3UG'),
  school('SCH-06', 'Ashcombe Park Academy', 'LANCASHIRE', 'SOUTH', 888, 4106, 'PR7 1EP'),
  school('SCH-07', 'Heron Bridge High School', 'LANCASHIRE', 'WEST', 888, 4107, 'LA4 6BZ'),
  school('SCH-08', 'Fernlea Sands Academy', 'LANCASHIRE', 'WEST', 888, 4108, 'FY7 8JD'),
  school('SCH-09', 'Millstone Bay Academy', 'BLACKPOOL', 'WEST', 890, 4109, 'FY3 9TA'),
  school('SCH-10', 'Larkspur Grange High School', 'BLACKPOOL', 'WEST', 890, 4110, 'FY4 2GX'),
];

function school(
  code: string,
  name: string,
  area: AreaCode,
  division: DivisionCode,
  laNumber: number,
  establishmentNumber: number,
  postcode: string,
): School {
  return { code, name, type: 'EDUCATION', area, division, postcode, laNumber, establishmentNumber };
}

export const AGENCIES: readonly Agency[] = [
  {
    code: 'POL',
    name: 'Lancashire Constabulary (demo)',
    type: 'POLICE',
    area: null,
    division: null,
    postcode: 'PR4 5QZ',
  },
  ...COUNCILS,
  {
    code: 'LCC-EDU',
    name: 'Lancashire Education Safeguarding Service (demo)',
    type: 'EDUCATION',
    area: 'LANCASHIRE',
    division: 'SOUTH',
    postcode: 'PR1 0LD',
  },
  {
    code: 'NHS-LSC',
    name: 'Lancashire and South Cumbria Community and Mental Health Trust (demo)',
    type: 'HEALTH',
    area: null,
    division: null,
    postcode: 'PR5 6AW',
  },
  {
    code: 'NHS-ELH',
    name: 'East Lancashire Hospitals Trust (demo)',
    type: 'HEALTH',
    area: null,
    division: 'EAST',
    postcode: 'BB2 3HH',
  },
  {
    code: 'NHS-BTH',
    name: 'Blackpool Teaching Hospitals Trust (demo)',
    type: 'HEALTH',
    area: 'BLACKPOOL',
    division: 'WEST',
    postcode: 'FY3 8NR',
  },
  {
    code: 'NHS-LTH',
    name: 'Preston and Chorley Hospitals Trust (demo)',
    type: 'HEALTH',
    area: 'LANCASHIRE',
    division: 'SOUTH',
    postcode: 'PR2 9HT',
  },
  ...SCHOOLS,
  {
    code: 'VOL-BCC',
    name: "Brightwater Children's Charity (demo)",
    type: 'VOLUNTARY',
    providesReturnInterviews: true,
    area: null,
    division: null,
    postcode: 'PR1 2HE',
  },
  {
    code: 'VOL-RHI',
    name: 'Safe Return Interview Service (demo)',
    type: 'VOLUNTARY',
    providesReturnInterviews: true,
    area: null,
    division: null,
    postcode: 'BB1 5AY',
  },
  {
    code: 'HSG-RRH',
    name: 'Red Rose Homes Housing Association (demo)',
    type: 'HOUSING',
    area: null,
    division: null,
    postcode: 'BB5 1PL',
  },
  {
    code: 'YJS-PAN',
    name: 'Pan-Lancashire Youth Justice Service (demo)',
    type: 'YOUTH_JUSTICE',
    area: null,
    division: null,
    postcode: 'PR1 3NW',
  },
  {
    code: 'PRB-NW',
    name: 'North West Probation Delivery Unit (demo)',
    type: 'PROBATION',
    area: null,
    division: null,
    postcode: 'FY1 4DU',
  },
];

function team(
  agencyCode: string,
  suffix: string,
  name: string,
  kind: TeamKind,
  area: AreaCode | null = null,
  division: DivisionCode | null = null,
): Team {
  return { code: `${agencyCode}-${suffix}`, name, agencyCode, kind, area, division };
}

export const TEAMS: readonly Team[] = [
  team('POL', 'REF', 'Public Protection Referrals Unit', 'REFERRALS'),
  team('POL', 'MISS', 'Missing from Home Coordinators', 'MISSING'),
  ...DIVISIONS.map((d) =>
    team('POL', `CSE-${d.code}`, `${d.name} CSE and Exploitation Team`, 'CSE', null, d.code),
  ),
  ...PARTNERSHIP_AREAS.map((a) =>
    team('POL', `MASH-${a.code}`, `Police MASH Desk, ${a.name}`, 'MASH', a.code),
  ),
  // The community health trust's safeguarding nurses research for the Lancashire hub.
  team('NHS-LSC', 'MASH', 'Health MASH Desk, Lancashire', 'MASH', 'LANCASHIRE'),
  ...COUNCILS.flatMap((c) => {
    const areaName = PARTNERSHIP_AREAS.find((a) => a.code === c.area)!.name;
    return [
      team(c.code, 'MASH', `${areaName} MASH`, 'MASH', c.area, c.division),
      team(c.code, 'RA', `${areaName} Referral and Assessment`, 'REFERRALS', c.area, c.division),
      team(c.code, 'CSE', `${areaName} Exploitation Social Work Team`, 'CSE', c.area, c.division),
    ];
  }),
  team('LCC-EDU', 'SAFE', 'Education Safeguarding Advisers', 'SAFEGUARDING', 'LANCASHIRE'),
  team('NHS-LSC', 'CAMHS', 'Child and Adolescent Mental Health Service', 'CAMHS'),
  team('NHS-LSC', 'SAFE', 'Safeguarding Children Team', 'SAFEGUARDING'),
  team('NHS-LSC', 'SN', 'School Nursing Service', 'SCHOOL_NURSING'),
  ...['NHS-ELH', 'NHS-BTH', 'NHS-LTH'].flatMap((code) => [
    team(code, 'SAFE', 'Hospital Safeguarding Team', 'SAFEGUARDING'),
    team(code, 'ED', 'Emergency Department', 'EMERGENCY_DEPARTMENT'),
  ]),
  ...SCHOOLS.map((s) =>
    team(s.code, 'DSL', 'Designated Safeguarding Lead', 'DESIGNATED_SAFEGUARDING_LEAD', s.area, s.division),
  ),
  team('VOL-BCC', 'CSE', 'Exploitation Outreach Project', 'OUTREACH'),
  team('VOL-RHI', 'RHI', 'Return Home Interviews', 'RETURN_HOME_INTERVIEWS'),
  team('HSG-RRH', 'TEN', 'Tenancy Support', 'TENANCY_SUPPORT'),
  team('YJS-PAN', 'CM', 'Case Management', 'CASE_MANAGEMENT'),
  team('PRB-NW', 'CM', 'Offender Management', 'CASE_MANAGEMENT'),
];

/** The whole partnership as one object, for the demo database seed. */
export const DEMO_PARTNERSHIP = {
  divisions: DIVISIONS,
  areas: PARTNERSHIP_AREAS,
  postcodeDistricts: POSTCODE_DISTRICTS,
  agencies: AGENCIES,
  teams: TEAMS,
  schools: SCHOOLS,
  childrensHomes: CHILDRENS_HOMES,
} as const;
export type Partnership = typeof DEMO_PARTNERSHIP;

// Looked up for every record and referral the loader plans: by map, not by scanning the lists.
const AGENCY_BY_CODE = new Map(AGENCIES.map((a) => [a.code, a] as const));
const AREA_BY_CODE = new Map(PARTNERSHIP_AREAS.map((a) => [a.code, a] as const));

export function agencyByCode(code: string): Agency {
  const agency = AGENCY_BY_CODE.get(code);
  if (!agency) throw new Error(`unknown agency ${code}`);
  return agency;
}

export function areaByCode(code: AreaCode): PartnershipArea {
  return AREA_BY_CODE.get(code)!;
}

export function districtsIn(area: AreaCode): readonly PostcodeDistrict[] {
  return POSTCODE_DISTRICTS.filter((d) => d.area === area);
}

export function districtOf(postcode: string): PostcodeDistrict | undefined {
  const outward = postcode.split(' ')[0];
  return POSTCODE_DISTRICTS.find((d) => d.district === outward);
}
