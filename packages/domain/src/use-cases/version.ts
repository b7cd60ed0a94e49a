import * as v from 'valibot';

/** A version a client expects (from `If-Match`): a positive integer. */
export const ExpectedVersionSchema = v.pipe(
  v.number(),
  v.safeInteger(),
  v.minValue(1, 'must be a positive version'),
);
