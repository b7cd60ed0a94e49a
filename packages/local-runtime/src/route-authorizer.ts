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

// The one refusal AWS documents the wording of ("Troubleshooting issues with HTTP API JWT
// authorizers", API Gateway developer guide); local-issuer words it its own way.
const AUDIENCE_REFUSED = 'the token does not have a valid audience';

/** RFC 9110 §5.6.4: what a quoted-string can carry as is. */
const quotable = (text: string): string => text.replace(/["\\\p{Cc}]/gu, '');

/**
 * API Gateway's 401 for a route with a JWT authorizer: `{"message":"Unauthorized"}` and
 * a `www-authenticate` challenge laid out as the developer guide shows it
 * (`Bearer scope="" error="invalid_token" error_description="…"`) for a token it refused,
 * and the bare scheme when there is no token at all (RFC 6750 §3.1: no error code then).
 */
export const unauthorized = (reason: string | undefined): GatewayResponse => {
  const answer = gatewayMessage(401, 'Unauthorized');
  const description = reason?.includes('audience') ? AUDIENCE_REFUSED : reason;
  const challenge =
    description === undefined
      ? 'Bearer'
      : `Bearer scope="" error="invalid_token" error_description="${quotable(description)}"`;
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
