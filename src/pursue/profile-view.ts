/** Pure: a person's monitoring answers as the register shows them, and the completeness table. */
import { labelOf } from '../platform/codes/code-list.ts';
import { NATIONALITIES } from '../platform/codes/nationalities.ts';
import { PROFILE_ETHNICITIES } from './codes.ts';
import type { CompletenessRow, ProfileRow } from './profile-service.ts';

/** The register's two rows: each answer's label, or that it has not been asked. */
export function monitoringView(profile: ProfileRow | null, recordedOn: (at: Date) => string) {
  if (!profile) return { ethnicity: 'Not recorded yet', nationality: 'Not recorded yet', recorded: null };
  return {
    ethnicity: labelOf(PROFILE_ETHNICITIES, profile.ethnicity) ?? 'Not recorded yet',
    nationality: labelOf(NATIONALITIES, profile.nationality) ?? 'Not recorded yet',
    recorded: `Recorded by ${profile.recorded_by} on ${recordedOn(profile.recorded_at)}`,
  };
}

const n = (x: number) => x.toLocaleString('en-GB');

export function completenessView(c: CompletenessRow) {
  const row = (label: string, recorded: number, notStated: number, refused: number) => ({
    label,
    recorded: `${n(recorded)}${c.people ? ` (${Math.round((recorded / c.people) * 100)}%)` : ''}`,
    notStated: n(notStated),
    refused: n(refused),
    missing: n(c.people - recorded - notStated - refused),
  });
  return {
    people: n(c.people),
    rows: [
      row('Ethnicity', c.ethnicity_recorded, c.ethnicity_not_stated, c.ethnicity_refused),
      row('Nationality', c.nationality_recorded, c.nationality_not_stated, c.nationality_refused),
    ],
  };
}
