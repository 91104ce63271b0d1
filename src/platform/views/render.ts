/**
 * Server-rendered pages: Nunjucks with autoescaping always on, the GOV.UK Frontend templates on the search
 * path, and one layout that carries the OFFICIAL-SENSITIVE marking, the demo banner and role navigation.
 */
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Principal } from '../access/principal.ts';
import { areaLabel } from '../codes/areas.ts';
import type { FieldError } from '../http/errors.ts';
import { ukDate, ukDateTime } from '../time/display.ts';
import { inFieldOrder, type SummaryEntry } from './error-order.ts';
import { navigationFor } from './navigation.ts';

const SRC = join(import.meta.dirname, '..', '..');
const GOVUK = join(SRC, '..', 'node_modules', 'govuk-frontend', 'dist');

export interface PageContext {
  principal: Principal;
  cspNonce: string;
  csrfToken: string | null;
  demo: boolean;
  currentPath: string;
}

export interface Views {
  render(template: string, page: PageContext, data: Record<string, unknown>): string;
}

/** Field errors in the shapes GOV.UK macros take: a summary list and a per-field message lookup. */
export function errorView(errors: FieldError[]) {
  return {
    errorList: errors.map((e) => ({ text: e.message, href: `#${e.field}` })),
    // A field shows the first message it got (the summary keeps one entry per field too).
    fieldErrors: Object.fromEntries(errors.toReversed().map((e) => [e.field, { text: e.message }])),
  };
}

function isDateLike(value: unknown): value is Date | string {
  return value instanceof Date || typeof value === 'string';
}

export function createViews(): Views {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([SRC, GOVUK], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // The one date style (GOV.UK, UK time): "4 December 2026" and "4 December 2026 at 2:05pm".
  env.addFilter('ukDate', (value: unknown) => (isDateLike(value) ? ukDate(value) : ''));
  env.addFilter('ukDateTime', (value: unknown) => (isDateLike(value) ? ukDateTime(value) : ''));
  // Areas are data, not a list: their label is made from the code ('BLACKBURN_WITH_DARWEN').
  env.addFilter('areaLabel', (value: unknown) => areaLabel(typeof value === 'string' ? value : null));
  env.addFilter('json', (value: unknown) =>
    value === null || value === undefined ? '' : JSON.stringify(value),
  );
  return {
    render(template, page, data) {
      const html = renderOnce(template, page, data);
      const errorList = data['errorList'];
      if (!Array.isArray(errorList) || errorList.length < 2) return html;
      // One entry per field, in the order the fields appear: known only once the page is rendered.
      return renderOnce(template, page, {
        ...data,
        errorList: inFieldOrder(errorList as SummaryEntry[], html),
      });
    },
  };

  function renderOnce(template: string, page: PageContext, data: Record<string, unknown>): string {
    return env.render(template, {
      ...data,
      cspNonce: page.cspNonce,
      csrfToken: page.csrfToken,
      demo: page.demo,
      principal: page.principal,
      signedIn: page.principal.kind === 'user',
      navigation: navigationFor(page.principal, page.currentPath),
    });
  }
}
