/**
 * The person page's link to a suspect's or offender's disruption register, for those who may read it. The
 * composition root hands it to the people module, which does not import this one.
 */

import { mayReadDisruption } from '../platform/access/policy-pursue.ts';
import type { Principal } from '../platform/access/principal.ts';
import type { Tx } from '../platform/db/transaction.ts';
import { disruptionPath } from './paths.ts';
import { isSuspectOrOffender } from './store.ts';

export interface PersonLink {
  id: string;
  text: string;
  href: string;
}

export async function disruptionLinks(tx: Tx, principal: Principal, personId: string): Promise<PersonLink[]> {
  if (!mayReadDisruption(principal) || !(await isSuspectOrOffender(tx, personId))) return [];
  return [
    {
      id: 'disruption-link',
      text: 'Disruption: tactics, notices, orders and outcomes',
      href: disruptionPath(personId),
    },
  ];
}
