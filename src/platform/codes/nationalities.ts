/**
 * Nationality as a country of the ISO 3166-1 list (two letters; Kosovo as XK, as the UK government uses
 * it), named in British English by the runtime's own copy of the Unicode locale data, so that no list of
 * 246 names is kept here by hand. Uninhabited territories are left out. A person may also be stateless, or
 * not have said, or have refused to say.
 */
import type { CodeEntry } from './code-list.ts';

const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY ' +
  'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
  'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HN HR HT HU ID IE IL IM IN ' +
  'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ' +
  'ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA ' +
  'PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ' +
  'SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VG VI VN VU ' +
  'WF WS XK YE YT ZA ZM ZW'
).split(' ');

const names = new Intl.DisplayNames(['en-GB'], { type: 'region', fallback: 'code' });

/** The countries, the United Kingdom first (most people recorded), then by name. */
const COUNTRIES: CodeEntry[] = COUNTRY_CODES.map((code) => ({ code, label: names.of(code) ?? code })).sort(
  (a, b) => (a.code === 'GB' ? -1 : b.code === 'GB' ? 1 : a.label.localeCompare(b.label, 'en-GB')),
);

/** What a monitoring question accepts besides a real answer. */
export const NOT_STATED = 'NOT_STATED';
export const REFUSED = 'REFUSED';

export const NATIONALITIES: readonly CodeEntry[] = [
  ...COUNTRIES,
  { code: 'STATELESS', label: 'Stateless' },
  { code: NOT_STATED, label: 'Not stated' },
  { code: REFUSED, label: 'Refused to say' },
];
