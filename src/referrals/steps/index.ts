/** The steps of the victim referral draft, in the order the user answers them (form.ts PAGES). */
import { PAGES, type PageName } from '../form.ts';
import { childStep } from './child.ts';
import { concernsStep } from './concerns.ts';
import { consentStep } from './consent.ts';
import { exploitationStep } from './exploitation.ts';
import { modelStep } from './model.ts';
import { placesStep } from './places.ts';
import { referrerStep } from './referrer.ts';
import type { DraftStep } from './step.ts';
import { suspectsStep } from './suspects.ts';
import { urgencyStep } from './urgency.ts';

export const STEPS: Readonly<Record<PageName, DraftStep>> = {
  child: childStep,
  referrer: referrerStep,
  exploitation: exploitationStep,
  concerns: concernsStep,
  model: modelStep,
  suspects: suspectsStep,
  places: placesStep,
  consent: consentStep,
  urgency: urgencyStep,
};

/** The steps in page order. */
export const STEP_LIST: readonly DraftStep[] = PAGES.map((name) => STEPS[name]);

export const CHECK_TITLE = 'Check your answers before sending the referral';
