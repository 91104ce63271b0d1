/**
 * The setup of the chronology journey (issue 14): a child's story across agencies, recorded through the
 * services as each person would (their own principal and transaction, under row-level security). The
 * journey's point is the chronology's pages; this is what there is to show on them: a referral from the
 * school (with a suspect), the Lancashire MASH's work through to its decision and a conference, a CSE risk
 * assessment, and three missing episodes with returns and a return home interview.
 */

import { requestResearch } from '../../src/mash/research-service.ts';
import { recordIcpc } from '../../src/mash/roles-service.ts';
import { contribute, decide, recordSharingDecision, setRag } from '../../src/mash/service.ts';
import { completeAction, recordStrategyDiscussion } from '../../src/mash/strategy-service.ts';
import { recordReturnHomeInterview } from '../../src/missing/interview-service.ts';
import { recordEpisode, repeatMissingFeed } from '../../src/missing/service.ts';
import { assessRisk } from '../../src/risk/service.ts';
import { SCORED_TEMPLATE_V1 } from '../../src/risk/templates/scored-v1.ts';
import type { TestApp, TestUser } from './app.ts';
import {
  ago,
  DAY,
  HOUR,
  personDetails,
  principalOf,
  referVictim,
  victimReferral,
} from './factories/index.ts';
import { actAs } from './principals.ts';

export interface StoryCast {
  referrer: TestUser;
  practitioner: TestUser;
  manager: TestUser;
  policeResearcher: TestUser;
  healthResearcher: TestUser;
  /** A CSE officer of the Lancashire police (case work in the hub's area). */
  caseWorker: TestUser;
  /** The independent agency that holds return home interviews. */
  rhiAgencyId: string;
  policeAgencyId: string;
  healthAgencyId: string;
}

export const STORY_TEXT = {
  policeShared: 'POLICE-SHARED: two missing reports.',
  policeHeld: 'POLICE-HELD: intelligence on the adult, handling code 4.',
  health: 'HEALTH-SHARED: attended a clinic.',
};

export async function recordStory(t: TestApp, cast: StoryCast) {
  const p = (user: TestUser) => principalOf(t.db, user);

  const referral = await referVictim(
    t.db,
    cast.referrer,
    victimReferral.build({
      referrer: { name: 'Pat Teacher' },
      child: {
        details: personDetails.build({
          forename: 'Kelsey',
          surname: 'Thornbury',
          dob: '2011-07-03',
          address: { line1: '2 Example Street', town: 'Preston', postcode: 'PR1 4AB' },
        }),
      },
      suspects: [{ details: personDetails.with('adult').build({ forename: 'Dale', surname: 'Exampleson' }) }],
    }),
  );
  const childId = referral.personId;
  const { rows } = await t.superuserQuery('SELECT id FROM mash_episode WHERE referral_id = $1', [
    referral.id,
  ]);
  const episodeId = rows[0].id as string;

  const practitioner = await p(cast.practitioner);
  await actAs(t.db, practitioner, (tx) =>
    setRag(tx, practitioner, episodeId, { rag: 'AMBER', rationale: 'Older adults: risk, not immediate.' }),
  );
  await actAs(t.db, practitioner, (tx) =>
    requestResearch(tx, practitioner, episodeId, [cast.policeAgencyId, cast.healthAgencyId]),
  );
  const police = await p(cast.policeResearcher);
  await actAs(t.db, police, (tx) =>
    contribute(tx, police, episodeId, {
      summary: STORY_TEXT.policeShared,
      releasable: true,
      handlingCode: '1',
    }),
  );
  await actAs(t.db, police, (tx) =>
    contribute(tx, police, episodeId, {
      summary: STORY_TEXT.policeHeld,
      releasable: false,
      handlingCode: '4',
    }),
  );
  const health = await p(cast.healthResearcher);
  await actAs(t.db, health, (tx) =>
    contribute(tx, health, episodeId, { summary: STORY_TEXT.health, releasable: true }),
  );
  const manager = await p(cast.manager);
  await actAs(t.db, manager, (tx) =>
    recordSharingDecision(tx, manager, episodeId, {
      decision: 'NOT_SHARE',
      decidedAt: new Date().toISOString(),
      purpose: 'To protect the child',
      information: 'The police research',
      recipients: [],
      legalBasis: 'CA1989_S47',
      consentSought: true,
      necessityProportionality: 'Not needed outside the hub yet.',
    }),
  );
  const discussion = await actAs(t.db, manager, (tx) =>
    recordStrategyDiscussion(tx, manager, episodeId, {
      heldAt: new Date().toISOString(),
      attendees: [{ name: 'Jo Hub Manager' }, { name: 'Taylor Police Researcher' }],
      decisions: 'Section 47 enquiry.',
      actions: [{ description: 'Visit the child at home', ownerName: 'Sam Social Worker', dueDate: today() }],
      section47: true,
    }),
  );
  const actionId = (
    await t.superuserQuery('SELECT id FROM strategy_action WHERE episode_id = $1', [episodeId])
  ).rows[0].id as string;
  await actAs(t.db, manager, (tx) => completeAction(tx, manager, actionId));
  await actAs(t.db, manager, (tx) => recordIcpc(tx, manager, episodeId, today()));
  await actAs(t.db, manager, (tx) =>
    decide(tx, manager, episodeId, {
      contactOutcome: 'REFERRAL_TO_CSC',
      referralOutcome: 'STRATEGY_S47',
      statutoryMeasures: ['S47'],
      cinFactors: ['11A'],
      rationale: 'Risk of significant harm from older adults.',
      feedbackToReferrer: 'The MASH has started enquiries.',
    }),
  );

  const worker = await p(cast.caseWorker);
  const indicators = Object.fromEntries(
    SCORED_TEMPLATE_V1.sections.flatMap((s) => s.indicators.map((i) => [i.id, 'NOT_PRESENT'])),
  );
  await actAs(t.db, worker, (tx) =>
    assessRisk(
      tx,
      worker,
      childId,
      { templateId: 'lantern-scored', answers: { indicators }, disclosure: true } as never,
      repeatMissingFeed,
    ),
  );
  const episodes: string[] = [];
  for (const days of [20, 15, 10]) {
    const recorded = await actAs(t.db, worker, (tx) =>
      recordEpisode(tx, worker, {
        personId: childId,
        type: 'MISSING',
        from: { kind: 'HOME', postcode: 'PR1 4AB' },
        reportedAt: ago(days * DAY),
        reportedBy: 'Parent',
        riskGrade: 'MEDIUM',
        exploitationSuspected: true,
        returned: { returnedAt: ago(days * DAY - 12 * HOUR), foundWhere: `Bus station (${days} days ago)` },
      }),
    );
    episodes.push(recorded.id);
  }
  await actAs(t.db, worker, (tx) =>
    recordReturnHomeInterview(tx, worker, episodes[0]!, {
      offered: true,
      offeredAt: ago(19 * DAY),
      response: 'ACCEPTED',
      completedAt: ago(19 * DAY - 2 * HOUR),
      byAgencyId: cast.rhiAgencyId,
      byName: 'Jo Worker',
    }),
  );
  return { childId, episodeId, referral, discussion, missingEpisodes: episodes };
}

function today(): string {
  return new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}
