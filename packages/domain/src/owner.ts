import * as v from 'valibot';
import { CONTROL_CHARACTERS } from './unicode.js';

/**
 * Who owns a task: the caller's identity (the JWT `sub`), never the request body.
 * Adapters pass it to every use case; it is checked here so that no adapter can
 * store a task under an empty or unbounded owner.
 */
export const OwnerSchema = v.pipe(
  v.string(),
  v.regex(
    new RegExp(`^[^${CONTROL_CHARACTERS}]{1,256}$`, 'u'),
    'must be 1 to 256 characters without control characters',
  ),
);
