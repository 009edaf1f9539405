/** The details route's location path segment: validated, echoed, never changes the answer. */
import { validationError } from '../../../errors.js';
import { truncate } from '../../request.js';

/** USPS codes and names of the states, DC and territories (location validation only). */
const STATES: readonly (readonly [string, string])[] = [
  ['AL', 'Alabama'],
  ['AK', 'Alaska'],
  ['AZ', 'Arizona'],
  ['AR', 'Arkansas'],
  ['CA', 'California'],
  ['CO', 'Colorado'],
  ['CT', 'Connecticut'],
  ['DE', 'Delaware'],
  ['DC', 'District of Columbia'],
  ['FL', 'Florida'],
  ['GA', 'Georgia'],
  ['HI', 'Hawaii'],
  ['ID', 'Idaho'],
  ['IL', 'Illinois'],
  ['IN', 'Indiana'],
  ['IA', 'Iowa'],
  ['KS', 'Kansas'],
  ['KY', 'Kentucky'],
  ['LA', 'Louisiana'],
  ['ME', 'Maine'],
  ['MD', 'Maryland'],
  ['MA', 'Massachusetts'],
  ['MI', 'Michigan'],
  ['MN', 'Minnesota'],
  ['MS', 'Mississippi'],
  ['MO', 'Missouri'],
  ['MT', 'Montana'],
  ['NE', 'Nebraska'],
  ['NV', 'Nevada'],
  ['NH', 'New Hampshire'],
  ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'],
  ['NY', 'New York'],
  ['NC', 'North Carolina'],
  ['ND', 'North Dakota'],
  ['OH', 'Ohio'],
  ['OK', 'Oklahoma'],
  ['OR', 'Oregon'],
  ['PA', 'Pennsylvania'],
  ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'],
  ['SD', 'South Dakota'],
  ['TN', 'Tennessee'],
  ['TX', 'Texas'],
  ['UT', 'Utah'],
  ['VT', 'Vermont'],
  ['VA', 'Virginia'],
  ['WA', 'Washington'],
  ['WV', 'West Virginia'],
  ['WI', 'Wisconsin'],
  ['WY', 'Wyoming'],
  ['AS', 'American Samoa'],
  ['GU', 'Guam'],
  ['MP', 'Northern Mariana Islands'],
  ['PR', 'Puerto Rico'],
  ['VI', 'Virgin Islands'],
];
const STATE_CODES = new Set(STATES.map(([c]) => c));
const STATE_NAMES = new Set(STATES.map(([, n]) => n.toLowerCase()));

/**
 * Validates the location path segment: national ("0", "US"), a state code or name, a 5-digit ZIP
 * code, or "City, ST". O*NET data are national, so the location never changes the answer.
 */
export function checkLocation(location: string | undefined): string {
  const value = (location ?? '').trim();
  const ok =
    /^(0|us)$/i.test(value) ||
    STATE_CODES.has(value.toUpperCase()) ||
    STATE_NAMES.has(value.toLowerCase()) ||
    /^\d{5}$/.test(value) ||
    (/^[A-Za-z][A-Za-z .'-]{0,60},\s*([A-Za-z]{2})$/.test(value) && STATE_CODES.has(value.slice(-2).toUpperCase()));
  if (!ok) {
    throw validationError(
      'location',
      `"${truncate(value)}" is not a location: use US or 0 (national), a state (IL or Illinois), a ZIP code (61299) or "City, ST"`,
      'Use US: O*NET data are national',
    );
  }
  return value;
}
