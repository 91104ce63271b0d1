/**
 * The parts of a chunk written beside its people and referrals: the MASH's work, missing episodes, the
 * children's missing facts, disposals and the referral's division. Each part is written only when its tables
 * exist (others add them in their own migrations) and is recorded in `synth_chunk` under its own key, so that
 * a part whose tables arrive later is filled in by running the load again. Pure (no I/O).
 */

export const PARTS = ['mash', 'missing', 'missing-flags', 'disposals', 'division'] as const;
export type Part = (typeof PARTS)[number];

export function partKeyOf(chunkKey: string, part: Part): string {
  return `${chunkKey}|part=${part}`;
}

/** The chunk key a part key belongs to (a chunk key is its own). */
export function baseKeyOf(key: string): string {
  return key.replace(/\|part=[a-z-]+$/, '');
}

export interface Schema {
  mash: boolean;
  missing: boolean;
  missingPersons: boolean;
  returnInterviews: boolean;
  mashTasks: boolean;
  repeatMissing: boolean;
  repeatMissingSince: boolean;
  disposal: boolean;
  division: boolean;
}

/** The parts this database can hold, and a line for each it cannot. */
export function partsFor(schema: Schema): { parts: Part[]; notices: string[] } {
  const parts: Part[] = [];
  const notices: string[] = [];
  const want = (part: Part, ok: boolean, missing: string) => {
    if (ok) parts.push(part);
    else notices.push(`Skipped ${part}: ${missing} is not in the database yet; load again once it is.`);
  };
  want('mash', schema.mash, 'the mash_episode table');
  want('missing', schema.missing, 'the missing_episode and placement tables');
  want('missing-flags', schema.repeatMissing, 'person.repeat_missing / person.missing_more_than_once');
  want('disposals', schema.disposal, 'the disposal table');
  want('division', schema.division, 'the victim_referral.division column');
  if (schema.missing) {
    if (!schema.returnInterviews)
      notices.push('Skipped return home interviews: no return_home_interview table.');
    if (!schema.missingPersons) notices.push('Skipped people found with: no missing_episode_person table.');
    if (!schema.mashTasks) notices.push('Skipped repeat missing MASH tasks: no mash_task table.');
  }
  return { parts, notices };
}
