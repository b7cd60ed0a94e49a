/** The first millisecond of year 0 and the last of year 9999 (proleptic Gregorian, UTC). */
const YEAR_0 = -62_167_219_200_000;
const END_OF_YEAR_9999 = 253_402_300_799_999;

const DAY_MS = 86_400_000;
/** Days from 0000-03-01 to 1970-01-01: the civil calendar counted from a March. */
const EPOCH_FROM_MARCH_0 = 719_468;
/** Days in a 400-year era of the Gregorian calendar. */
const ERA_DAYS = 146_097;

/** `00` to `99`: a number's text made once, not at every call. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, value) =>
  value < 10 ? `0${value}` : `${value}`,
);
const two = (value: number): string => TWO_DIGITS[value] ?? '';
const three = (value: number): string => (value < 100 ? `0${two(value)}` : `${value}`);
const four = (value: number): string => two(Math.floor(value / 100)) + two(value % 100);

/**
 * Howard Hinnant's days-to-civil algorithm (https://howardhinnant.github.io/date_algorithms.html):
 * the year counted from March, so that the leap day ends it, in 400-year eras.
 */
const dateOf = (days: number): string => {
  const fromMarch0 = days + EPOCH_FROM_MARCH_0;
  const era = Math.floor(fromMarch0 / ERA_DAYS);
  const dayOfEra = fromMarch0 - era * ERA_DAYS;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / (ERA_DAYS - 1))) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${four(year)}-${two(month)}-${two(day)}`;
};

/** The date of the last day written: the timestamps of a request, a page, fall on one day. */
let lastDays = Number.NaN;
let lastDate = '';

const format = (epochMs: number): string => {
  const days = Math.floor(epochMs / DAY_MS);
  const msOfDay = epochMs - days * DAY_MS;
  if (days !== lastDays) {
    lastDate = dateOf(days);
    lastDays = days;
  }
  const hours = Math.floor(msOfDay / 3_600_000);
  const minutes = Math.floor(msOfDay / 60_000) % 60;
  const seconds = Math.floor(msOfDay / 1000) % 60;
  return `${lastDate}T${two(hours)}:${two(minutes)}:${two(seconds)}.${three(msOfDay % 1000)}Z`;
};

/**
 * The text of a time as `Date.prototype.toISOString` writes it (`2026-01-31T09:05:00.000Z`),
 * computed in JavaScript. Every task carries two timestamps: a create, an update and each
 * task read from DynamoDB (which stores epoch milliseconds) writes them, and V8's own
 * `toISOString` cost about 0.5 µs on these machines, a tenth of a create in process
 * (profiled, issue 12); this costs about a tenth of that. Outside the four-digit years
 * `toISOString` writes (and for a time that is not a whole millisecond), it answers.
 */
export const isoTimestamp = (epochMs: number): string =>
  Number.isSafeInteger(epochMs) && epochMs >= YEAR_0 && epochMs <= END_OF_YEAR_9999
    ? format(epochMs)
    : new Date(epochMs).toISOString();
