/** Step 7: places of concern, added and removed one at a time ("add another"). */
import { formText } from '../../platform/forms/body.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { placeFrom, type VictimDraft, validateDraft } from '../form.ts';
import { type DraftStep, MAX_PLACES } from './step.ts';

export const placesStep: DraftStep = {
  name: 'places',
  title: 'Places of concern',
  apply(body, data, { now }) {
    const action = formText(body, 'action', 20);
    const places = data.places ?? [];
    const remove = /^remove-(\d+)$/.exec(action);
    if (remove) {
      places.splice(Number(remove[1]), 1);
      data.places = places;
      return { values: {}, errors: [], stay: true };
    }
    if (action === 'add') {
      const place = placeFrom(body);
      const errors: FieldError[] = [];
      if (!place.description || place.description.length > 500)
        errors.push({ field: 'description', message: 'Describe the place in up to 500 characters' });
      // The postcode rule of the whole referral, applied to this one place.
      const probe: VictimDraft = { places: [place] };
      errors.push(
        ...validateDraft(probe, now)
          .filter((e) => e.field === 'placesOfConcern[0].postcode')
          .map((e) => ({ ...e, field: 'placePostcode' })),
      );
      if (places.length >= MAX_PLACES)
        errors.push({ field: 'description', message: `Name up to ${MAX_PLACES} places of concern` });
      if (!errors.length) data.places = [...places, place];
      return { values: { ...place }, errors, stay: true };
    }
    data.places = places;
    data.placesDone = true;
    return { values: {}, errors: [] };
  },
  view(data, state) {
    return {
      places: (data.places ?? []).map((p, i) => ({ ...p, index: i })),
      values: state.values ?? { description: '', postcode: '' },
      full: (data.places ?? []).length >= MAX_PLACES,
    };
  },
};
