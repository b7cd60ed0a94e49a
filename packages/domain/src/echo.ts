import { CONTROL_CHARACTERS, onFirstUse } from './unicode.js';

/**
 * How many characters of a value from the request an error message quotes: a UUID (36)
 * fits whole, a 15,000-character "task id" does not (SPEC §4: a small request never
 * buys a large answer).
 */
export const ECHO_MAX_LENGTH = 40;

// Shown as U+FFFD: controls and format characters (bidi overrides, zero-width…) would
// reorder or hide the message they are quoted in; a lone surrogate is no character.
const unshowable = onFirstUse(`[${CONTROL_CHARACTERS}\\p{Cf}]`, 'gu');

/**
 * `value` as an error message quotes it: at most {@link ECHO_MAX_LENGTH} code points
 * (then `…`), never cut inside a character, invisible characters shown as U+FFFD.
 */
export const echoed = (value: string): string => {
  // Enough UTF-16 units for ECHO_MAX_LENGTH + 1 code points; the rest is never read.
  const head = value.slice(0, 2 * ECHO_MAX_LENGTH + 2);
  const points = [...head.toWellFormed().replace(unshowable(), '\ufffd')];
  if (points.length <= ECHO_MAX_LENGTH) return points.join('');
  return `${points.slice(0, ECHO_MAX_LENGTH).join('')}…`;
};
