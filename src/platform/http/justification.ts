/**
 * The reason a restricted record's case team gives for opening it or recording on it (SECURITY 3: case-team
 * membership and a recorded justification on every opening), shared by every module that opens one: read
 * from a form or an API header, checked by the same length rule the access policy applies, and the page
 * that asks for it (`platform/views/justify.njk`) or the field a form carries for it
 * (`platform/views/justification-field.njk`). The access policy still decides; this only asks and checks.
 */

import type { FastifyReply } from 'fastify';
import { MIN_JUSTIFICATION_LENGTH } from '../access/policy.ts';
import { formText } from '../forms/body.ts';
import { errorsForPage } from '../forms/items.ts';
import type { FieldError } from './errors.ts';

export const MAX_JUSTIFICATION_LENGTH = 1000;

/** The template of the page that asks why before a restricted record opens. */
const JUSTIFY_TEMPLATE = 'platform/views/justify.njk';

/** The hint beside every reason box: the policy's own minimum, never a copy of it. */
export const JUSTIFICATION_HINT = `At least ${MIN_JUSTIFICATION_LENGTH} characters, for example the task you are doing`;

/** The posted `justification`, trimmed; read a little past the limit so that a long one is refused, not cut. */
export function justificationFrom(body: unknown): string {
  return formText(body, 'justification', MAX_JUSTIFICATION_LENGTH + 100).trim();
}

/**
 * The `Lantern-Justification` header of an API request (the API's way to give the reason), or null. Cut at
 * 500 characters as the people API always has: the policy then decides whether it is enough.
 */
export function justificationHeaderOf(headers: Record<string, unknown>): string | null {
  const header = headers['lantern-justification'];
  return typeof header === 'string' ? header.slice(0, 500) : null;
}

/**
 * A field error naming `justification` unless the reason is of a length the policy accepts and the audit
 * keeps. `need` completes "Explain why you need to ...": "open this record", "record this".
 */
export function justificationErrors(text: string | null, need: string): FieldError[] {
  const length = (text ?? '').trim().length;
  if (length >= MIN_JUSTIFICATION_LENGTH && length <= MAX_JUSTIFICATION_LENGTH) return [];
  return [
    {
      field: 'justification',
      message: `Explain why you need to ${need}, in ${MIN_JUSTIFICATION_LENGTH} to ${MAX_JUSTIFICATION_LENGTH} characters`,
    },
  ];
}

/** What the asking page says: its heading, the warning, the box's label and the button. */
export interface JustifyWords {
  title: string;
  warning: string;
  label: string;
  button: string;
}

/** The asking page's view: posted to `action` (the same page, which then opens with the reason). */
function justifyPageView(words: JustifyWords, action: string, justification = '', errors: FieldError[] = []) {
  return { ...words, hint: JUSTIFICATION_HINT, action, justification, ...errorsForPage(errors) };
}

/** Shows the asking page: 400 with the errors when the reason given was not enough. */
export function replyJustify(
  reply: FastifyReply,
  words: JustifyWords,
  action: string,
  justification = '',
  errors: FieldError[] = [],
) {
  return reply.page(
    JUSTIFY_TEMPLATE,
    justifyPageView(words, action, justification, errors),
    errors.length ? 400 : undefined,
  );
}

/**
 * The reason box of a form about a restricted record (`justificationField` in the template), with what was
 * typed; null for a record that is not restricted, whose form asks nothing.
 */
export function reasonField(restricted: boolean, typed: string | null) {
  return restricted ? { value: typed ?? '', hint: JUSTIFICATION_HINT } : null;
}
