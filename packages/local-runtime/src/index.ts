/**
 * `@tasks/local-runtime`: the whole API on one machine (SPEC §7). The deployed esbuild
 * bundles, found through the SAM template's routes and `CodeUri` folders, behind a local
 * HTTP server that invokes them as API Gateway (HTTP API, payload 2.0) does, on DynamoDB
 * Local, a given DynamoDB, or memory; unauthenticated, or behind API Gateway's JWT
 * authorizer with the local issuer's tokens (`npm run token`) or another issuer's; with the
 * web page's build beside it, on the one port, as the CloudFront distribution serves both.
 */
export {
  type EventMetadata,
  type IncomingHttpRequest,
  toApiGatewayEvent,
} from './api-gateway-event.js';
export { issuerKeyDir } from './auth.js';
export { bannerLines } from './banner.js';
export { cliOptions } from './cli-options.js';
export { acquireDataDirLock, type DataDirLock, LOCK_FILE } from './data-dir-lock.js';
export {
  BundlesMissingError,
  DataDirLockedError,
  FunctionInitError,
  InvalidEnvironmentError,
  InvalidOptionsError,
  InvalidTemplateError,
  ListenFailedError,
  LOCAL_RUNTIME_ERROR_CODES,
  LocalRuntimeError,
  type LocalRuntimeErrorCode,
  PortInUseError,
  StoreLostError,
} from './errors.js';
export { MAX_REQUEST_BODY_BYTES } from './http-server.js';
export { DISCOVERY_PATH, JWKS_PATH } from './issuer-documents.js';
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
  type AuthChoice,
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  DEFAULT_TABLE_NAME,
  DEFAULT_WEB_DIR,
  type LocalRuntime,
  type LocalRuntimeOptions,
  type LogLevel,
  type RuntimeAuth,
  type TrustedIssuer,
  type WebOptions,
} from './runtime-options.js';
export type { StoreChoice } from './storage.js';
export { type Behaviour, LOCAL_ISSUER_PREFIXES } from './web/behaviours.js';
export { cacheControlOf, contentTypeOf } from './web/object-metadata.js';
export type { RuntimePage } from './web/page.js';
export { MAX_USERNAME_LENGTH, SIGN_IN_PATH, SIGN_IN_TOKEN_SECONDS } from './web/sign-in.js';
export { type DistributionBehaviour, templateDistribution } from './web/template-distribution.js';
export { type ViewerRequestEvent, viewerRequestEvent } from './web/viewer-request-event.js';
export {
  compileViewerRequestFunction,
  type FunctionOutcome,
  templateViewerRequestFunction,
  type ViewerRequestFunction,
} from './web/viewer-request-function.js';
