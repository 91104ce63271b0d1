/**
 * The MASH episode's sharing form answered for a decision to share, as a hub member fills it in the
 * browser: decision, time, purpose, what is shared, the recipient chosen from the list, channel, legal
 * basis, consent and necessity. Ticking the items (and checking which research is offered) stays with each
 * test: that is what the tests differ in.
 */
import type { Locator } from 'playwright-core';

export interface ShareAnswers {
  information: string;
  /** The option of "Recipient 1" as it reads, e.g. "Team: South CSE team, Police". */
  recipient: string;
  channel: 'Within Lantern' | 'Secure email';
  consent: { sought: true } | { sought: false; why: string };
  necessity: string;
}

export async function fillShareDecision(form: Locator, answers: ShareAnswers): Promise<void> {
  await form.getByRole('group', { name: 'Decision' }).getByLabel('Share', { exact: true }).check();
  await form.getByLabel('Time of the decision').fill('00:01');
  await form.getByLabel('Purpose of sharing').fill('To protect the child from exploitation');
  await form.getByLabel('What was shared (or would have been)').fill(answers.information);
  await form.getByLabel('Recipient 1').selectOption({ label: answers.recipient });
  await form.getByLabel('How it was shared').selectOption({ label: answers.channel });
  await form.getByLabel('Children Act 2004 section 11').check();
  const consent = form.getByRole('group', { name: 'Was consent sought?' });
  await consent.getByLabel(answers.consent.sought ? 'Yes' : 'No', { exact: true }).check();
  if (!answers.consent.sought)
    await form.getByLabel('If consent was not sought, why not?').fill(answers.consent.why);
  await form.getByLabel('Why sharing (or not) is necessary and proportionate').fill(answers.necessity);
}
