/**
 * Peers of referred children who are not referred themselves: friends they go missing with and
 * introduce to others. They give the victim network its unreferred edges.
 */

import type { Faker } from '@faker-js/faker';
import { postcodeIn, randomDistrictInDivision, streetAddress } from './addresses.ts';
import { addYears, isoDate, type Period } from './calendar.ts';
import { globalPersonIndex, nhsNumberFor, policeRefFor } from './identifiers.ts';
import { ids } from './ids.ts';
import { forename, surname } from './names.ts';
import type { DivisionCode } from './partnership-types.ts';
import type { Rng } from './random.ts';
import { NO_CHILDRENS_SERVICES_FACTS, type Person } from './types.ts';

export function planAssociates(
  rng: Rng,
  faker: Faker,
  chunkIndex: number,
  period: Period,
  firstLocalIndex: number,
  divisions: readonly DivisionCode[],
): Person[] {
  return divisions.map((division, i) => {
    const localIndex = firstLocalIndex + i;
    const globalIndex = globalPersonIndex(chunkIndex, localIndex);
    const female = rng.chance(0.75);
    const age = rng.int(13, 19);
    const dob = isoDate(addYears(period.startDay, -age) - rng.int(0, 364));
    const district = randomDistrictInDivision(rng, division);
    return {
      trueId: ids.person(chunkIndex, localIndex),
      role: 'ASSOCIATE',
      forename: forename(rng, faker, female ? 'female' : 'male'),
      surname: surname(faker),
      previousSurnames: [],
      aliases: [],
      dob,
      gender: female ? 'FEMALE' : 'MALE',
      ethnicity: rng.weighted([
        ['WHITE_BRITISH', 92],
        ['WHITE_OTHER', 4],
        ['MIXED_OTHER', 2],
        ['NOT_STATED', 2],
      ]),
      nhsNumber: nhsNumberFor(globalIndex, rng.int(0, 8)),
      schoolUpn: null,
      schoolCode: null,
      policeRef: policeRefFor(globalIndex),
      addresses: [
        {
          line1: streetAddress(rng, faker),
          town: district.town,
          postcode: postcodeIn(rng, district),
          from: dob,
          to: null,
          childrensHomeCode: null,
        },
      ],
      livingSituation: age >= 18 ? 'OTHER' : 'FAMILY_HOME',
      ...NO_CHILDRENS_SERVICES_FACTS,
      area: district.area,
      division,
    } satisfies Person;
  });
}
