/** SQL for restricted records: the staff who could form a person's case team. */
import type { Tx } from '../platform/db/transaction.ts';

export interface StaffOption {
  id: string;
  display_name: string;
  agency_name: string;
}

/**
 * Active users whose roles let them read cases (`caseRoles`) and who work where the person is known: an
 * agency that recorded them, or a team in a hub area whose referrals concern them.
 */
export async function caseTeamCandidates(
  tx: Tx,
  person: { agency_ids: string[]; areas: string[] },
  caseRoles: readonly string[],
): Promise<StaffOption[]> {
  return tx.query<StaffOption>(
    `SELECT u.id, u.display_name, a.name AS agency_name
       FROM app_user u JOIN agency a ON a.id = u.agency_id
      WHERE u.disabled_at IS NULL AND u.roles && $3::text[]
        AND (u.agency_id = ANY ($1::uuid[])
             OR EXISTS (SELECT 1 FROM user_team ut JOIN team tm ON tm.id = ut.team_id
                         WHERE ut.user_id = u.id AND tm.area = ANY ($2::text[])))
      ORDER BY a.name, u.display_name
      LIMIT 500`,
    [person.agency_ids, person.areas, caseRoles],
  );
}
