/**
 * The error summary's rule on a rendered page (issue 14): one entry per field, in the order the fields
 * appear on the page whatever order the rules found them in, and the back link above the summary.
 */
import { describe, expect, it } from 'vitest';
import { principalWithRoles } from '../access/test-principal.ts';
import { createViews, errorView } from './render.ts';

const views = createViews();
const page = (roles: Parameters<typeof principalWithRoles>[0]) => ({
  principal: principalWithRoles(roles),
  cspNonce: 'n',
  csrfToken: 't',
  demo: false,
  currentPath: '/',
});

function summaryHrefs(html: string): string[] {
  const summary = html.slice(
    html.indexOf('govuk-error-summary'),
    html.indexOf('</ul>', html.indexOf('govuk-error-summary')),
  );
  return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
}

describe('the error summary on a page', () => {
  it('lists one entry per field, in the order the fields appear', () => {
    // The audit filter: Action, ..., Outcome, Correlation id, then the From and To dates.
    const errors = [
      { field: 'to', message: 'Enter a real to date' },
      { field: 'correlationId', message: 'Enter a correlation id as shown on an error page' },
      { field: 'to', message: 'The to date must be after the from date' },
      { field: 'outcome', message: 'Select an outcome from the list' },
    ];
    const html = views.render('platform/audit/views/audit.njk', page(['AUDITOR']), {
      title: 'Audit log',
      events: [],
      values: {},
      ...errorView(errors),
    });
    expect(summaryHrefs(html)).toEqual(['outcome', 'correlationId', 'to']);
    // A field shows the first message it got, as the summary does.
    expect(html).toContain('Enter a real to date');
    expect(html).not.toContain('The to date must be after the from date');
  });

  it('puts the back link above the summary', () => {
    const html = views.render('mash/views/transfer.njk', page(['MASH_MANAGER']), {
      title: 'Transfer',
      back: '/referrals/r1',
      ...errorView([{ field: 'reason', message: 'Say why the referral is being transferred' }]),
    });
    const back = html.indexOf('govuk-back-link');
    const summary = html.indexOf('govuk-error-summary');
    expect(back).toBeGreaterThan(0);
    expect(summary).toBeGreaterThan(back);
  });
});
