import type { JwtAuthorizerContext, Verdict } from '@tasks/local-issuer';
import type { APIGatewayEventRequestContextV2, APIGatewayProxyEventV2 } from 'aws-lambda';
import { type GatewayResponse, gatewayMessage } from './lambda-result.js';

/** What API Gateway decided before the function runs: the event to invoke it with, or its answer. */
export type Authorization =
  | { readonly ok: true; readonly event: APIGatewayProxyEventV2 }
  | { readonly ok: false; readonly response: GatewayResponse };

/**
 * API Gateway's authorizer of a route: runs after route selection, before the function, on
 * every request the route takes (a CORS preflight included: it has no token, so an
 * authorized route refuses it).
 */
export type RouteAuthorizer = (event: APIGatewayProxyEventV2) => Promise<Authorization>;

/** Checks an `Authorization` header as API Gateway's JWT authorizer does (`makeJwtAuthorizer`). */
export type VerifyToken = (authorization: string | undefined) => Promise<Verdict>;

/** The request context of an event whose route has a JWT authorizer (payload 2.0). */
interface JwtRequestContext extends APIGatewayEventRequestContextV2 {
  readonly authorizer: { readonly jwt: JwtAuthorizerContext };
}

/**
 * RFC 6750 §3: `error_description` is `%x20-21 / %x23-5B / %x5D-7E`. The verifier words
 * its refusals itself; this keeps any other text (a verifier of another issuer's) from
 * carrying what a header cannot, or what a client would misread, into the challenge.
 */
export const errorDescription = (text: string): string =>
  text.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '?');

/**
 * API Gateway's 401 for a route with a JWT authorizer: `{"message":"Unauthorized"}` and
 * a `www-authenticate` challenge laid out as the developer guide shows it
 * (`Bearer scope="" error="invalid_token" error_description="…"`) for a token it refused,
 * and the bare scheme when there is no token at all (RFC 6750 §3.1: no error code then).
 */
export const unauthorized = (reason: string | undefined): GatewayResponse => {
  const answer = gatewayMessage(401, 'Unauthorized');
  const challenge =
    reason === undefined
      ? 'Bearer'
      : `Bearer scope="" error="invalid_token" error_description="${errorDescription(reason)}"`;
  return { ...answer, headers: [...answer.headers, ['www-authenticate', challenge]] };
};

/**
 * What a JWT authorizer on a route does (infra/template.yaml's `DefaultAuthorizer`,
 * identity source `$request.header.Authorization`): a request without a token, or with
 * one `verify` refuses, gets the 401 and never reaches the function; an accepted one is
 * invoked with the token's claims (all strings) and scopes at
 * `requestContext.authorizer.jwt`, where the deployed handlers read the owner (`sub`).
 */
export const makeJwtRouteAuthorizer =
  (verify: VerifyToken): RouteAuthorizer =>
  async (event) => {
    const header = event.headers['authorization'];
    if (header === undefined || header.trim() === '') {
      return { ok: false, response: unauthorized(undefined) };
    }
    const verdict = await verify(header);
    if (!verdict.ok) return { ok: false, response: unauthorized(verdict.reason) };
    const requestContext: JwtRequestContext = {
      ...event.requestContext,
      authorizer: { jwt: verdict.jwt },
    };
    return { ok: true, event: { ...event, requestContext } };
  };
