/**
 * Ethnicity is recorded, never used (DESIGN.md, principle 6). This guards the generator's side of that:
 * only the modules that draw, copy or count ethnicity may mention it.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ALLOWED = new Set([
  'types.ts', // the shape
  'children.ts', // draws children's ethnicity (a quota, chosen at random)
  'suspects.ts', // draws suspects' ethnicity (recorded mix per division)
  'associates.ts', // draws peers' ethnicity
  'source-records.ts', // copies it onto agency records, sometimes leaving it blank
  'suspect-referrals.ts', // copies it onto the referral
  'measures.ts', // counts it for the calibration figures
  'load-plan.ts', // copies it from the generated records onto the rows loaded into the registry
  'load.ts', // writes it to the source_record column, as intake does
]);

describe('fairness', () => {
  it('reads ethnicity only where it is drawn, copied or counted', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !ALLOWED.has(f))
      .filter((f) => {
        // Code only: comments may say that ethnicity is not used.
        const code = readFileSync(`${dir}/${f}`, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
          .map((line) => line.replace(/\/\/.*$/, ''))
          .join('\n');
        return /\.ethnicity\b|\bethnicity\s*[:=?]|Ethnicit(y|ies)\b/.test(code);
      });
    expect(offenders).toEqual([]);
  });
});
