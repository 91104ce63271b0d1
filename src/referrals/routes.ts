/**
 * Referral pages: the multi-page victim referral (step-router.ts, one module per step in steps/), choosing
 * a child already known (child-routes.ts), the referrals list and each referral (referral-routes.ts), and
 * suspect referrals (suspect-routes.ts). Every page that shows or changes personal data writes exactly one
 * audit event.
 */
import type { FastifyInstance } from 'fastify';
import { childChoiceRoutes } from './child-routes.ts';
import { divisionRoutes } from './division-routes.ts';
import { draftListRoutes } from './draft-list-routes.ts';
import { linkedPersonRoutes } from './linked-person-routes.ts';
import { referralViewRoutes } from './referral-routes.ts';
import { draftStepRoutes } from './step-router.ts';
import { suspectReferralRoutes } from './suspect-routes.ts';

export async function referralPageRoutes(app: FastifyInstance): Promise<void> {
  await draftListRoutes(app);
  await draftStepRoutes(app);
  await childChoiceRoutes(app);
  await linkedPersonRoutes(app);
  await referralViewRoutes(app);
  await divisionRoutes(app);
  await suspectReferralRoutes(app);
}
