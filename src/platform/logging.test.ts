import { describe, expect, it } from 'vitest';
import { safeError } from './logging.ts';

describe('errors in the log', () => {
  it('keep a database error’s code and object, never the values it quotes', () => {
    const error = Object.assign(new Error('invalid input syntax for type date: "Jane Smith 2011-02-30"'), {
      code: '22007',
      severity: 'ERROR',
      detail: 'Key (forename)=(Jane) already exists.',
      where: 'SQL function "lantern_may_see_person" statement 1: Jane',
      hint: 'Jane',
      table: 'person',
      column: 'dob',
      routine: 'DateTimeParseError',
    });
    const logged = safeError(error);
    expect(JSON.stringify(logged)).not.toContain('Jane');
    expect(logged).toMatchObject({
      sqlstate: '22007',
      table: 'person',
      column: 'dob',
      routine: 'DateTimeParseError',
    });
    expect(logged.message).toBe('database error 22007');
  });

  it('keep a programming error as it is', () => {
    const logged = safeError(new TypeError('expected one row, got 0'));
    expect(logged).toMatchObject({ type: 'TypeError', message: 'expected one row, got 0' });
    expect(logged.stack).toContain('logging.test.ts');
  });
});
