import { describe, expect, it } from 'vitest';
import { parseSearch } from './search-service.ts';

describe('search input', () => {
  it('needs at least one term', () => {
    expect(parseSearch({}).errors[0]?.field).toBe('name');
  });

  it('normalises names and gives sound keys for forename and surname', () => {
    const { query, errors } = parseSearch({ name: '  Jéssica   SMYTH ' });
    expect(errors).toEqual([]);
    expect(query.name).toBe('jessica smyth');
    expect(query.surnameDm).toBe('SM0');
    expect(query.forenameDm).toBeTruthy();
  });

  it('takes a full postcode or a sector, and refuses anything else', () => {
    expect(parseSearch({ postcode: 'pr1 2ab' }).query.postcodePrefix).toBe('PR12AB');
    expect(parseSearch({ postcode: 'PR1 2' }).query.postcodePrefix).toBe('PR12');
    expect(parseSearch({ postcode: 'nowhere' }).errors[0]?.field).toBe('postcode');
  });

  it('refuses an impossible date of birth', () => {
    expect(parseSearch({ dob: '2011-02-30' }).errors[0]?.field).toBe('dob');
  });

  it('normalises NHS numbers typed with spaces', () => {
    expect(parseSearch({ identifier: '943 476 5919' }).query.identifier).toBe('9434765919');
  });
});
