/** View model of the restriction form: who the record is, what was typed, and who could be on the team. */
import { nameOf } from './identity-view.ts';
import { restrictionPath } from './paths.ts';
import type { RestrictionForm } from './restriction.ts';

/** What the practitioner typed, shown back after a problem. */
export interface RestrictionTyped {
  restricted: string;
  caseTeam: string[];
  justification: string;
}

export function restrictionFormView(form: RestrictionForm, typed: RestrictionTyped) {
  const p = form.person;
  return {
    // A restricted record's name is shown only when it is opened with a reason, not on this form.
    title: p.restricted ? 'Change the restriction of this record' : 'Restrict access to this record',
    personId: p.id,
    personName: p.restricted ? null : nameOf(p),
    restrictedNow: p.restricted,
    action: restrictionPath(p.id),
    typed,
    staff: form.candidates.map((c) => ({
      value: c.id,
      text: c.display_name,
      hint: { text: c.agency_name },
      checked: typed.caseTeam.includes(c.id),
    })),
  };
}
