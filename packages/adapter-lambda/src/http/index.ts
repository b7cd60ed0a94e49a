/**
 * The HTTP layer: API Gateway events (HTTP API payload 2.0, REST API payload 1.0) to
 * use cases to responses. No AWS SDK import: the event types are type-only.
 */
export {
  type CorsOptions,
  DEFAULT_CORS_ALLOW_HEADERS,
  DEFAULT_CORS_EXPOSE_HEADERS,
} from './cors.js';
export { DOMAIN_PROBLEMS } from './domain-errors.js';
export type { ApiGatewayEvent } from './from-api-gateway.js';
export { type HttpHandler, type HttpHandlerOptions, makeHttpHandler } from './http-handler.js';
export { HTTP_PROBLEMS, type HttpProblemCode } from './http-problems.js';
export type { ApiGatewayResult } from './http-response.js';
export {
  errorFields,
  type JsonLoggerOptions,
  LOG_LEVELS,
  type LogFields,
  type Logger,
  type LogLevel,
  type LogSink,
  makeJsonLogger,
} from './logger.js';
export type { OwnerSource } from './owner.js';
export { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, type Problem } from './problem.js';
export { MAX_BODY_BYTES } from './request-body.js';
export { routeKeyOf, TASK_ROUTES, type TaskRoute, type TaskUseCaseName } from './routes.js';
