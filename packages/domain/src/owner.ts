import * as v from 'valibot';
import { CONTROL_CHARACTERS } from './unicode.js';
import { parseInput } from './validation.js';

const OWNER_PATTERN = new RegExp(`^[^${CONTROL_CHARACTERS}]{1,256}$`, 'u');

/**
 * Who owns a task: the caller's identity (the JWT `sub`), never the request body.
 * Adapters pass it to every use case; it is checked here so that no adapter can
 * store a task under an empty or unbounded owner.
 */
export const OwnerSchema = v.pipe(
  v.string(),
  v.regex(OWNER_PATTERN, 'must be 1 to 256 characters without control characters'),
);

/**
 * The owner a use case was handed, checked: valid owners pass on one pattern test, and only
 * an invalid one goes through the schema, for its `ValidationError`
 * (a value that is not a string among them: a pattern test would read `123` as `"123"`).
 */
export const parseOwner = (owner: unknown): string =>
  typeof owner === 'string' && OWNER_PATTERN.test(owner)
    ? owner
    : parseInput(OwnerSchema, owner, 'owner');
