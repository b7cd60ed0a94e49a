import { isValid, OwnerSchema } from '@tasks/domain';
import { HttpProblemError } from './http-problems.js';
import type { HttpRequest } from './http-request.js';

/**
 * Where the owner of every task a request touches comes from (SPEC §3): the `sub` claim
 * that API Gateway's JWT authorizer verified, or, with authentication off (local runs,
 * tests), one fixed owner. Never the body, the query or a header.
 */
export type OwnerSource =
  | { readonly mode: 'jwt' }
  | { readonly mode: 'fixed'; readonly owner: string };

/** Fails at start-up, not on the first request, when a fixed owner is not a valid one. */
export const checkOwnerSource = (source: OwnerSource): void => {
  if (source.mode === 'fixed' && !isValid(OwnerSchema, source.owner)) {
    throw new TypeError('The fixed owner must be 1 to 256 characters without control characters');
  }
};

/**
 * The owner of the request. With `jwt`, a request without a usable `sub` is 401: API
 * Gateway verified the token, so a missing claim means the route is not protected or
 * the token carries no subject, and either way nobody can be trusted to own the data.
 */
export const ownerOf = (source: OwnerSource, request: HttpRequest): string => {
  if (source.mode === 'fixed') return source.owner;
  const sub = request.claims?.['sub'];
  if (typeof sub === 'string' && isValid(OwnerSchema, sub)) return sub;
  throw new HttpProblemError(
    'unauthorized',
    'A valid bearer token with a subject (sub) is required.',
    // RFC 6750 §3: a 401 names the scheme the client should authenticate with.
    { 'WWW-Authenticate': 'Bearer' },
  );
};
