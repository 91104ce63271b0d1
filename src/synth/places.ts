/**
 * Places of concern: the kinds of location practitioners record when children are seen with adults.
 * Each chunk generates its own list so referrals return to the same places, as they do in practice.
 */

import { postcodeIn } from './addresses.ts';
import { ids } from './ids.ts';
import { POSTCODE_DISTRICTS } from './partnership.ts';
import type { Rng } from './random.ts';
import type { PlaceOfConcern } from './types.ts';

const INLAND_PLACES: readonly string[] = [
  'takeaway on a high street',
  'park near the town centre',
  'bus station',
  'retail park car park',
  'hotel near a motorway junction',
  'flat above a shop',
  'house where parties are held',
  'taxi rank',
  'fast-food restaurant',
  'supermarket car park',
  'canal towpath',
  'recreation ground',
  'railway station',
  'shopping centre',
  'block of flats',
];

const SEASIDE_PLACES: readonly string[] = [
  'amusement arcade on the promenade',
  'shelter on the seafront',
  'guest house near the seafront',
];

const SEASIDE_TOWNS = new Set([
  'Blackpool',
  'Fleetwood',
  'Morecambe',
  'Lytham St Annes',
  'Thornton-Cleveleys',
]);

/** Two or three places per postcode district. */
export function generatePlaces(rng: Rng, chunkIndex: number): PlaceOfConcern[] {
  const places: PlaceOfConcern[] = [];
  for (const district of POSTCODE_DISTRICTS) {
    const kinds = SEASIDE_TOWNS.has(district.town) ? [...INLAND_PLACES, ...SEASIDE_PLACES] : INLAND_PLACES;
    const count = rng.int(2, 3);
    for (const kind of rng.shuffle(kinds).slice(0, count)) {
      places.push({
        placeId: ids.place(chunkIndex, places.length),
        kind,
        description: `${kind[0]!.toUpperCase()}${kind.slice(1)} in ${district.town}`,
        town: district.town,
        postcode: postcodeIn(rng, district),
        area: district.area,
        division: district.division,
      });
    }
  }
  return places;
}
