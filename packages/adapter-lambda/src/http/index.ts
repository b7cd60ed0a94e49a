/**
 * The HTTP layer: API Gateway events (HTTP API payload 2.0, REST API payload 1.0) to
 * use cases to responses. No AWS SDK import: the event types are type-only. Each
 * deployed function imports only the files of its own route (see src/handlers/).
 */

export { createTaskController } from './controllers/create-task.js';
export { deleteTaskController } from './controllers/delete-task.js';
export { getStatsController } from './controllers/get-stats.js';
export { getTaskController } from './controllers/get-task.js';
export { listTasksController } from './controllers/list-tasks.js';
export { updateTaskController } from './controllers/update-task.js';
export { DOMAIN_PROBLEMS } from './domain-errors.js';
export { type Answer, type HttpHandler, makeEndpoint } from './endpoint.js';
export {
  type AllowedMethods,
  type FallbackHandlerOptions,
  makeFallbackHandler,
} from './fallback.js';
export type { ApiGatewayEvent } from './from-api-gateway.js';
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
export { fitsTemplate } from './path-template.js';
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  type Problem,
  type ProblemSpec,
  problemResponse,
} from './problem.js';
export { MAX_BODY_BYTES } from './request-body.js';
export {
  type Controller,
  type ControllerInput,
  makeRouteHandler,
  type RouteHandlerOptions,
} from './route-handler.js';
