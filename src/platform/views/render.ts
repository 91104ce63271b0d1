/**
 * Server-rendered pages: Nunjucks with autoescaping always on, the GOV.UK Frontend templates on the search
 * path, and one layout that carries the OFFICIAL-SENSITIVE marking, the demo banner and role navigation.
 */
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Principal } from '../access/principal.ts';
import type { FieldError } from '../http/errors.ts';
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
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.message }])),
  };
}

export function createViews(): Views {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([SRC, GOVUK], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('isoDateTime', (value: unknown) =>
    value instanceof Date ? `${value.toISOString().replace('T', ' ').slice(0, 19)} UTC` : '',
  );
  env.addFilter('ukDate', (value: unknown) =>
    value instanceof Date
      ? value.toLocaleDateString('en-GB', {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'Europe/London',
        })
      : '',
  );
  env.addFilter('json', (value: unknown) =>
    value === null || value === undefined ? '' : JSON.stringify(value),
  );
  return {
    render(template, page, data) {
      return env.render(template, {
        ...data,
        cspNonce: page.cspNonce,
        csrfToken: page.csrfToken,
        demo: page.demo,
        principal: page.principal,
        signedIn: page.principal.kind === 'user',
        navigation: navigationFor(page.principal, page.currentPath),
      });
    },
  };
}
