/**
 * View models for the suspect referral pages: the form (with the children the referrer may link) and a
 * suspect referral as sent. Pure.
 */
import { areaLabel } from '../platform/codes/areas.ts';
import { ETHNICITIES, GENDERS } from '../platform/codes/people.ts';
import {
  SUSPECT_LINK_TYPES,
  SUSPECT_REFERRAL_SOURCES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
} from '../platform/codes/referral.ts';
import type { DateParts } from '../platform/forms/date-parts.ts';
import { errorsForPage, label, radioItems, selectItems } from '../platform/forms/items.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { blankPerson, type PersonForm, personFieldOf } from './form.ts';
import { suspectReferralPath } from './paths.ts';
import type { SuspectReferralRow, VictimReferralRow } from './store.ts';
import { importedNote, personName } from './view-models.ts';

/** The suspect form as typed. */
export interface SuspectFormValues {
  person: PersonForm;
  name: string;
  received: DateParts;
  receivedTime: string;
  status: string;
  role: string;
  source: string;
  division: string;
  area: string;
  notes: string;
  linked: string[];
  linkTypes: Record<string, string>;
}

/** A blank form, received now (`now` as wall-clock date parts and time). */
export function blankSuspectForm(now: { date: DateParts; time: string }): SuspectFormValues {
  return {
    person: blankPerson(),
    name: '',
    received: now.date,
    receivedTime: now.time,
    status: '',
    role: '',
    source: '',
    division: '',
    area: '',
    notes: '',
    linked: [],
    linkTypes: {},
  };
}

/** The suspect form's field names for the rules' field names. */
export function suspectErrors(errors: readonly FieldError[], linked: readonly string[]) {
  const renamed = errors.map((e) => {
    const link = /^linkedChildren\[(\d+)\]\.(\w+)$/.exec(e.field);
    let field = e.field;
    if (link) field = link[2] === 'linkType' ? `linkType-${linked[Number(link[1])] ?? ''}` : 'linkedChildren';
    else if (field === 'receivedAt') field = 'received';
    else if (field === 'referrer.name') field = 'name';
    else if (field === 'role') field = 'suspectRole';
    else if (field.startsWith('suspect')) field = personFieldOf(field, 'suspect');
    return { field, message: e.message };
  });
  return errorsForPage(renamed, { dob: 'dob-day', received: 'received-day' });
}

/**
 * The suspect form's variables. `referrals` are those the referrer may see: each child appears once, so
 * the referrer can link the suspect to the children concerned.
 */
export function suspectFormView(
  v: SuspectFormValues,
  referrals: readonly VictimReferralRow[],
  areas: readonly string[],
  errors: readonly FieldError[],
) {
  const children = new Map<string, { personId: string; name: string; reference: string }>();
  for (const r of referrals) {
    if (!children.has(r.person_id))
      children.set(r.person_id, {
        personId: r.person_id,
        name: personName(r.child_forename, r.child_surname),
        reference: r.reference,
      });
  }
  return {
    title: 'Refer a suspect',
    values: v,
    person: v.person,
    genderItems: radioItems(GENDERS, v.person.gender),
    ethnicityItems: selectItems(ETHNICITIES, v.person.ethnicity, 'Select an ethnicity (optional)'),
    statusItems: radioItems(SUSPECT_STATUSES, v.status),
    roleItems: radioItems(SUSPECT_ROLES, v.role),
    sourceItems: radioItems(SUSPECT_REFERRAL_SOURCES, v.source),
    divisionItems: [
      { value: '', text: 'Not known', selected: !v.division },
      ...['EAST', 'SOUTH', 'WEST'].map((d) => ({
        value: d,
        text: `${d[0]}${d.slice(1).toLowerCase()}`,
        selected: d === v.division,
      })),
    ],
    areaItems: [
      { value: '', text: 'The referring agency’s area', selected: !v.area },
      ...areas.map((a) => ({ value: a, text: areaLabel(a), selected: a === v.area })),
    ],
    children: [...children.values()].map((c) => ({
      ...c,
      checked: v.linked.includes(c.personId),
      linkItems: selectItems(SUSPECT_LINK_TYPES, v.linkTypes[c.personId] ?? '', 'Select how they are linked'),
    })),
    ...suspectErrors(errors, v.linked),
  };
}

/** A suspect referral as sent: the person's name, coded answers as labels, and the linked children. */
export function suspectReferralView(r: SuspectReferralRow) {
  return {
    referral: {
      id: r.id,
      href: suspectReferralPath(r.id),
      reference: r.reference,
      person_id: r.person_id,
      area: r.area,
      division: r.division,
      notes: r.notes,
      practitioner_name: r.practitioner_name,
      received_at: r.received_at,
      referring_agency_name: r.referring_agency_name,
    },
    name: personName(r.forename, r.surname),
    imported: importedNote(r),
    labels: {
      status: label(SUSPECT_STATUSES, r.status),
      role: label(SUSPECT_ROLES, r.role),
      source: label(SUSPECT_REFERRAL_SOURCES, r.source),
      gender: label(GENDERS, r.gender),
      ethnicity: label(ETHNICITIES, r.ethnicity),
    },
    links: r.linked_children.map((l) => ({
      personId: l.personId,
      note: l.note,
      linkLabel: label(SUSPECT_LINK_TYPES, l.linkType),
    })),
  };
}
