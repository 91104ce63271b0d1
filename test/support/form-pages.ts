/** What a page test expects of a form sent back: 400, and the page showing the errors and what was kept. */
import { expect } from 'vitest';

/** The form shown again (400) with each of these in the page: error summary links, messages, values kept. */
export function expectShownAgain(response: { statusCode: number; body: string }, ...shown: string[]): void {
  expect(response.statusCode).toBe(400);
  for (const text of shown) expect(response.body).toContain(text);
}
