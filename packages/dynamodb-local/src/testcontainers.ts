import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { dynamoDbLocalArgs } from './dynamodb-local-args.js';
import { DYNAMODB_LOCAL_IMAGE } from './pinned.js';
import { waitUntilReady } from './probe.js';
import type { DynamoDbLocal } from './types.js';

/** Options of {@link startContainerDynamoDbLocal}. */
export interface StartContainerOptions {
  readonly port?: number;
  readonly dataDir?: string;
  readonly startTimeoutMs: number;
  readonly log?: (line: string) => void;
}

const CONTAINER_PORT = 8000;
const CONTAINER_DATA_DIR = '/home/dynamodblocal/data';

/**
 * Runs the pinned `amazon/dynamodb-local` image with Testcontainers (whose Ryuk container
 * removes it if this process dies). `dataDir` is bind-mounted. Testcontainers is imported
 * here, lazily, so the other sources never load it.
 */
export const startContainerDynamoDbLocal = async (
  options: StartContainerOptions,
): Promise<DynamoDbLocal> => {
  const { GenericContainer } = await import('testcontainers');
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  // The image's entrypoint is `java`, its working directory holds the jar.
  const command = [
    '-jar',
    'DynamoDBLocal.jar',
    ...dynamoDbLocalArgs(CONTAINER_PORT, dataDir === undefined ? undefined : CONTAINER_DATA_DIR),
  ];
  let container = new GenericContainer(DYNAMODB_LOCAL_IMAGE)
    .withCommand(command)
    .withExposedPorts(
      options.port === undefined
        ? CONTAINER_PORT
        : { container: CONTAINER_PORT, host: options.port },
    )
    .withStartupTimeout(options.startTimeoutMs);
  if (dataDir !== undefined) {
    container = container.withBindMounts([
      { source: dataDir, target: CONTAINER_DATA_DIR, mode: 'rw' },
    ]);
  }
  options.log?.(`Starting ${DYNAMODB_LOCAL_IMAGE} with Testcontainers`);
  const started = await container.start();
  const endpoint = `http://${started.getHost()}:${started.getMappedPort(CONTAINER_PORT)}`;
  try {
    await waitUntilReady(endpoint, { timeoutMs: options.startTimeoutMs });
  } catch (error) {
    await started.stop();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    source: 'testcontainers',
    // Docker publishes the port on every interface of the host.
    listensOn: 'every-interface',
    stop: () => {
      stopping ??= started.stop().then(() => undefined);
      return stopping;
    },
  };
};
