/** The examples the referral form's hints give must pass the form's own checks (issue 14). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber } from '../people/nhs-number.ts';

const template = (name: string) => readFileSync(join(import.meta.dirname, 'views', name), 'utf8');

describe('examples in hints', () => {
  it('gives an NHS number that passes the check digit', () => {
    const example = /NHS number.*?10 digits, like ([\d ]+)"/.exec(template('person-fields.njk'))?.[1];
    expect(example).toBeDefined();
    expect(isValidNhsNumber(example!)).toBe(true);
  });

  it('would catch an example that fails the check digit', () => {
    expect(isValidNhsNumber('485 777 3456')).toBe(false);
  });
});
