/**
 * `@tasks/local-runtime`: the whole API on one machine (SPEC §7). The deployed esbuild
 * bundles, found through the SAM template's routes and `CodeUri` folders, behind a local
 * HTTP server that invokes them as API Gateway (HTTP API, payload 2.0) does, on DynamoDB
 * Local, a given DynamoDB, or memory.
 */
export {
  type EventMetadata,
  type IncomingHttpRequest,
  toApiGatewayEvent,
} from './api-gateway-event.js';
export { bannerLines } from './banner.js';
export { cliOptions } from './cli-options.js';
export { acquireDataDirLock, type DataDirLock, LOCK_FILE } from './data-dir-lock.js';
export {
  BundlesMissingError,
  DataDirLockedError,
  FunctionInitError,
  InvalidEnvironmentError,
  InvalidTemplateError,
  ListenFailedError,
  LOCAL_RUNTIME_ERROR_CODES,
  LocalRuntimeError,
  type LocalRuntimeErrorCode,
  PortInUseError,
} from './errors.js';
export { MAX_REQUEST_BODY_BYTES } from './http-server.js';
export { stopOnSignals } from './lifecycle.js';
export { startLocalRuntime } from './local-runtime.js';
export {
  buildRouteTable,
  type GatewayRoute,
  type RouteSelection,
  type RouteTable,
  selectRoute,
} from './route-table.js';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  DEFAULT_TABLE_NAME,
  type LocalRuntime,
  type LocalRuntimeOptions,
  type LogLevel,
} from './runtime-options.js';
export type { StoreChoice } from './storage.js';
