import { type Answer, type HttpHandler, makeEndpoint } from './endpoint.js';
import type { HttpRequest } from './http-request.js';
import type { HttpResponse } from './http-response.js';
import { type Logger, makeJsonLogger } from './logger.js';
import { checkOwnerSource, type OwnerSource, ownerOf } from './owner.js';
import { pathParametersOf } from './path-template.js';

/** What a controller gets: the request, its route's path parameters and its owner. */
export interface ControllerInput {
  readonly request: HttpRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly owner: string;
}

/** Turns one request into one use-case call and its result into a response. */
export type Controller = (input: ControllerInput) => Promise<HttpResponse>;

/** What {@link makeRouteHandler} needs; composition roots build it once per cold start. */
export interface RouteHandlerOptions {
  /** The controller of the one route this function serves, bound to its use case. */
  readonly controller: Controller;
  /** Where each request's owner comes from: the verified JWT, or one fixed local owner. */
  readonly owner: OwnerSource;
  /** Defaults to JSON lines on standard output at `info`. */
  readonly logger?: Logger;
}

/**
 * The handler of one route. API Gateway selected the route (and the function) before the
 * event arrived, so nothing is routed again: request → owner → the controller's use case →
 * response, inside the frame every function shares (errors as problems, the access log).
 */
export const makeRouteHandler = (options: RouteHandlerOptions): HttpHandler => {
  checkOwnerSource(options.owner);
  const { controller, owner } = options;
  const answer: Answer = (request, event) =>
    controller({ request, params: pathParametersOf(event), owner: ownerOf(owner, request) });
  return makeEndpoint(options.logger ?? makeJsonLogger(), answer);
};
