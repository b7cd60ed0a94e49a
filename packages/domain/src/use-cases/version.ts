import * as z from 'zod/mini';

/** A version a client expects (from `If-Match`): a positive integer. */
export const ExpectedVersionSchema = z.int().check(z.minimum(1, 'must be a positive version'));
