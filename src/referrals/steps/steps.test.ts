import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/access/principal.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { PAGES, type VictimDraft } from '../form.ts';
import { STEP_LIST, STEPS } from './index.ts';
import { MAX_PLACES, type StepContext, stepErrors } from './step.ts';

// The pure steps never touch the database; a Tx that throws proves it.
const context: StepContext = {
  tx: new Proxy({}, { get: () => () => Promise.reject(new Error('no database here')) }) as unknown as Tx,
  principal: { permissions: new Set() } as unknown as Principal,
  now: new Date('2026-03-01T12:00:00Z'),
};

describe('draft steps', () => {
  it('there is one step per page, in page order', () => {
    expect(STEP_LIST.map((s) => s.name)).toEqual([...PAGES]);
  });

  it('a step saves what was posted into the draft and validates it', async () => {
    const data: VictimDraft = {};
    const missing = await STEPS.urgency.apply({}, data, context);
    expect(missing.errors.map((e) => e.field)).toEqual(['urgency']);
    const urgent = await STEPS.urgency.apply({ urgency: 'URGENT' }, data, context);
    expect(urgent).toEqual({ values: { urgency: 'URGENT' }, errors: [] });
    expect(data.urgency).toEqual({ urgency: 'URGENT' });
  });

  it('places are added, refused when full, removed, and the step is then done', async () => {
    const data: VictimDraft = {};
    const added = await STEPS.places.apply(
      { action: 'add', description: 'Park', placePostcode: 'FY1 5AB' },
      data,
      context,
    );
    expect(added.errors).toEqual([]);
    expect(added.stay).toBe(true);
    expect(data.places).toEqual([{ description: 'Park', postcode: 'FY1 5AB' }]);
    const badPostcode = await STEPS.places.apply(
      { action: 'add', description: 'Shop', placePostcode: 'nope' },
      data,
      context,
    );
    expect(badPostcode.errors.map((e) => e.field)).toEqual(['placePostcode']);
    data.places = Array.from({ length: MAX_PLACES }, () => ({ description: 'x', postcode: '' }));
    const full = await STEPS.places.apply({ action: 'add', description: 'One more' }, data, context);
    expect(full.errors.map((e) => e.message)).toEqual([`Name up to ${MAX_PLACES} places of concern`]);
    await STEPS.places.apply({ action: 'remove-0' }, data, context);
    expect(data.places).toHaveLength(MAX_PLACES - 1);
    const done = await STEPS.places.apply({ action: 'continue' }, data, context);
    expect(done).toEqual({ values: {}, errors: [] });
    expect(data.placesDone).toBe(true);
  });

  it('a suspect needs a role; errors name the step’s inputs', async () => {
    const data: VictimDraft = {};
    const result = await STEPS.suspects.apply({ action: 'add', forename: 'Darren' }, data, context);
    expect(result.errors.map((e) => e.field)).toContain('role');
    expect(data.people).toBeUndefined();
    const shown = stepErrors(STEPS.child, [{ field: 'child.address.postcode', message: 'Enter a postcode' }]);
    expect(shown.fieldErrors).toEqual({ postcode: { text: 'Enter a postcode' } });
    const received = stepErrors(STEPS.referrer, [{ field: 'concernNoticedAt', message: 'Enter when' }]);
    expect(received.errorList).toEqual([{ text: 'Enter when', href: '#received-day' }]);
  });

  it('the child step offers the registry search only to those who may search', async () => {
    const view = await STEPS.child.view({}, {}, context);
    expect(view['canSearch']).toBe(false);
    const searcher = {
      ...context,
      principal: { permissions: new Set(['case:search']) } as unknown as Principal,
    };
    expect((await STEPS.child.view({}, {}, searcher))['canSearch']).toBe(true);
  });
});
