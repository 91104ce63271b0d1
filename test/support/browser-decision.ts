/**
 * The MASH episode's decision form answered for a section 47 strategy decision, as a manager fills it in the
 * browser: referral to children's social care, strategy discussion, section 47, the CSE factor, the
 * rationale, and the feedback the referrer will read (what the tests differ in).
 */
import type { Locator } from 'playwright-core';

export async function fillSection47Decision(form: Locator, feedbackToReferrer: string): Promise<void> {
  await form.getByLabel('Referral to children’s social care').check();
  await form.getByLabel('Strategy discussion and/or section 47 enquiry').check();
  await form.getByLabel('Section 47: enquiry, child at risk of significant harm').check();
  await form.getByLabel('11A: Child sexual exploitation').check();
  await form.getByLabel('Rationale for the decision').fill('Risk of significant harm from older adults.');
  await form.getByLabel('Feedback to the referrer').fill(feedbackToReferrer);
}
