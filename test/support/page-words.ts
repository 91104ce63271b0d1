/**
 * The words a page shows, checked: no code where a label exists, and no date in a style other than
 * GOV.UK's ("4 December 2026", "4 December 2026 at 2:05pm"). Pure: the browser check hands it the page's
 * visible text (text nodes, not attribute or input values).
 */

/** Acronyms people write in running text that happen to be codes too. */
const ACRONYMS = new Set(['CSE', 'CCE']);

/**
 * Upper-case tokens: 'LANCASHIRE', 'RESIDENTIAL_CHILDRENS_HOME', 'S47'. Hyphens join a token ('POLICE-HELD', a
 * marker a test typed; 'LCC-CSC', an agency's short code), which is then no code.
 */
const TOKEN = /(?<![A-Za-z0-9_-])[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)*(?![A-Za-z0-9_-])/g;

const SHORT_MONTHS = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';

/** Dates and times in other styles, each with a name for the report. */
const OTHER_DATE_STYLES: Array<[string, RegExp]> = [
  ['ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  ['ISO time', /\dT\d{2}:\d{2}/],
  ['UTC', /\bUTC\b/],
  ['short month', new RegExp(`\\b\\d{1,2} (?:${SHORT_MONTHS})\\.? \\d{4}\\b`)],
  ['24-hour time after a date', /\b\d{4},? \d{2}:\d{2}\b/],
  ['dd/mm/yyyy', /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/],
];

/** What is wrong with the words of a page: codes shown where a label exists, and dates in other styles. */
export function wordProblems(text: string, codes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    if (token.length < 2 || ACRONYMS.has(token) || !codes.has(token) || seen.has(token)) continue;
    seen.add(token);
    problems.push(`code "${token}" shown instead of its label: …${around(text, match.index)}…`);
  }
  for (const [name, pattern] of OTHER_DATE_STYLES) {
    const global = new RegExp(pattern.source, 'g');
    for (const match of text.matchAll(global)) {
      problems.push(`date in another style (${name}) "${match[0]}": …${around(text, match.index)}…`);
      break;
    }
  }
  return problems;
}

function around(text: string, index: number): string {
  return text
    .slice(Math.max(0, index - 40), index + 60)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text a person reads, as a script for the page (run with page.evaluate): every text node outside
 * scripts, styles, templates and text areas (whose text is an input value), one per line, closed <details>
 * and options of a select included.
 */
export function readableTextScript(): string {
  return `(() => {
    const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'TEXTAREA', 'NOSCRIPT']);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      let el = node.parentElement, hidden = false;
      while (el) { if (skip.has(el.tagName)) { hidden = true; break; } el = el.parentElement; }
      if (!hidden && node.nodeValue.trim()) out.push(node.nodeValue.trim());
    }
    return out.join('\\n');
  })()`;
}
