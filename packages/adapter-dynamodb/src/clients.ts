import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Sha256 } from './sha256.js';

export interface DynamoDbClientOptions {
  /** A DynamoDB that is not AWS's, such as DynamoDB Local. */
  readonly endpoint?: string;
  /** Defaults to the SDK's own resolution (`AWS_REGION` in Lambda). */
  readonly region?: string;
  /** Static credentials, for a local endpoint; otherwise the SDK's default chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Attempts per call, the first included (default 3). */
  readonly maxAttempts?: number;
  /** Time to open a connection, per attempt (default 1,000 ms). */
  readonly connectionTimeoutMs?: number;
  /** Time to wait for a response, per attempt (default 4,000 ms). */
  readonly requestTimeoutMs?: number;
  /**
   * Connections open at once (default 256). A deployed function serves one request at a
   * time; the local runtime serves them all from one process, where the SDK's default of
   * 50 would queue requests behind each other until their connection timeout fires.
   */
  readonly maxSockets?: number;
}

/**
 * A DynamoDB client with retries and timeouts set explicitly: at most `maxAttempts` ×
 * (connection + request timeout) plus the SDK's backoff, about 15.5 s with the defaults.
 * A function bounds each call by its own deadline besides (the repository's `signal`),
 * whatever these allow. Throttling and transient faults are retried by the SDK's
 * standard mode; what still fails becomes `StorageUnavailableError` in the repository.
 */
export const createDynamoDbClient = ({
  endpoint,
  region,
  credentials,
  maxAttempts = 3,
  connectionTimeoutMs = 1000,
  requestTimeoutMs = 4000,
  maxSockets = 256,
}: DynamoDbClientOptions = {}): DynamoDBClient =>
  new DynamoDBClient({
    maxAttempts,
    retryMode: 'standard',
    // The signer's hashes, with each HMAC key made once (see Sha256).
    sha256: Sha256,
    requestHandler: {
      connectionTimeout: connectionTimeoutMs,
      requestTimeout: requestTimeoutMs,
      // Without it, a request over its timeout only logs a warning and waits on.
      throwOnRequestTimeout: true,
      httpAgent: { keepAlive: true, maxSockets },
      httpsAgent: { keepAlive: true, maxSockets },
    },
    ...(region === undefined ? {} : { region }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
  });

/**
 * A client for a DynamoDB that is not AWS's (DynamoDB Local): it accepts any credentials,
 * so the SDK must not go looking for real ones; and one local process serves every
 * request, so under load a call waits for a connection and for a JVM on a laptop:
 * patience, where AWS needs little (10 s to connect, 10 s per response by default).
 */
export const createLocalDynamoDbClient = (
  endpoint: string,
  options: Omit<DynamoDbClientOptions, 'endpoint' | 'credentials'> = {},
): DynamoDBClient =>
  createDynamoDbClient({
    region: 'us-east-1',
    connectionTimeoutMs: 10_000,
    requestTimeoutMs: 10_000,
    ...options,
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
