/**
 * Fictional addresses inside the partnership's postcode districts. The outward code is real geography
 * (so divisions and areas work); the inward code and street are generated and not looked up anywhere.
 */

import type { Faker } from '@faker-js/faker';
import { districtsIn, POSTCODE_DISTRICTS } from './partnership.ts';
import type { AreaCode, DivisionCode, PostcodeDistrict } from './partnership-types.ts';
import type { Rng } from './random.ts';

// Letters used in the inward code of real postcodes (never C, I, K, M, O or V).
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function postcodeIn(rng: Rng, district: PostcodeDistrict): string {
  const letter = (): string => INWARD_LETTERS[rng.int(0, INWARD_LETTERS.length - 1)]!;
  return `${district.district} ${rng.int(1, 9)}${letter()}${letter()}`;
}

export function streetAddress(rng: Rng, faker: Faker): string {
  return `${rng.int(1, 180)} ${faker.location.street()}`;
}

export function randomDistrictIn(rng: Rng, area: AreaCode): PostcodeDistrict {
  return rng.pick(districtsIn(area));
}

export function randomDistrictInDivision(rng: Rng, division: DivisionCode): PostcodeDistrict {
  return rng.pick(POSTCODE_DISTRICTS.filter((d) => d.division === division));
}
