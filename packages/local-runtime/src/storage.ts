import { createLocalDynamoDbClient, ensureTable } from '@tasks/adapter-dynamodb';
import {
  type DynamoDbLocal,
  DynamoDbLocalUnavailableError,
  type Env,
  startDynamoDbLocal,
} from '@tasks/dynamodb-local';
import { type SamTemplate, tableDefinition } from '@tasks/sam-template';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { StoreLostError } from './errors.js';
import { superviseDynamoDbLocal } from './store-supervisor.js';
import { STATS_TABLE_ID, statsTableNameFor } from './stream/stats-table.js';

/** Which store the functions use: DynamoDB (Local, or at an endpoint) or memory. */
export type StoreChoice = 'dynamodb' | 'memory';

export interface StorageOptions {
  readonly store: StoreChoice;
  /** Where DynamoDB Local keeps its files when the runtime starts it. */
  readonly dataDir: string;
  /** A DynamoDB that already runs: used as is (the table is still ensured). */
  readonly dynamoDbEndpoint: string | undefined;
  readonly tableName: string;
  readonly region: string;
  readonly template: SamTemplate;
  /** What DynamoDB Local is started with (`PATH`, `JAVA_HOME`, caches, `DOCKER_HOST`). */
  readonly env: Env;
  /** DynamoDB Local's progress and output. */
  readonly log?: (line: string) => void;
  /** What people must know at once: DynamoDB Local died, came back, or is gone for good. */
  readonly warn?: (line: string) => void;
}

/** The store in use and what the functions must be told about it. */
export interface Storage {
  readonly kind: 'dynamodb-local' | 'dynamodb-endpoint' | 'memory';
  /** One line for people: what it is, where its data is. */
  readonly description: string;
  /** Why the store is not the one asked for, line by line; empty when it is. */
  readonly notes: readonly string[];
  readonly endpoint?: string;
  /** Who can reach the DynamoDB Local the runtime started (see `DynamoDbLocal.listensOn`). */
  readonly listensOn?: 'loopback' | 'every-interface';
  /**
   * For the functions' environment: `TASKS_STORE` (which the stream functions read; the
   * API's bundles get memory's stores from the runtime), `DYNAMODB_ENDPOINT` (unset for memory).
   */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /**
   * Resolves when the DynamoDB Local the runtime started died and could not be restarted
   * (see `superviseDynamoDbLocal`); never, for memory and an endpoint of someone else's.
   */
  readonly lost: Promise<StoreLostError>;
  /** Stops what the runtime started (DynamoDB Local) and frees the data directory. */
  stop(): Promise<void>;
}

const never = new Promise<never>(() => undefined);

const memory = (description: string, notes: readonly string[] = []): Storage => ({
  kind: 'memory',
  description,
  notes,
  environment: { TASKS_STORE: 'memory', DYNAMODB_ENDPOINT: undefined },
  lost: never,
  stop: async () => undefined,
});

/** Creates the template's tables at `endpoint` when they are missing (tasks, statistics). */
const ensureTemplateTable = async (endpoint: string, options: StorageOptions): Promise<void> => {
  // A fresh DynamoDB Local answers its first CreateTable slowly: allow more than the default.
  const client = createLocalDynamoDbClient(endpoint, {
    region: options.region,
    requestTimeoutMs: 30_000,
  });
  try {
    await ensureTable(client, tableDefinition(options.template, { tableName: options.tableName }));
    if (options.template.Resources[STATS_TABLE_ID] !== undefined) {
      const tableName = statsTableNameFor(options.tableName);
      await ensureTable(
        client,
        tableDefinition(options.template, { logicalId: STATS_TABLE_ID, tableName }),
      );
    }
  } finally {
    client.destroy();
  }
};

const onDynamoDb = (
  dynamoDb: DynamoDbLocal,
  description: string,
  stop: () => Promise<void>,
  lost: Promise<StoreLostError> = never,
) =>
  ({
    kind: dynamoDb.source === 'endpoint' ? 'dynamodb-endpoint' : 'dynamodb-local',
    description,
    notes: [],
    endpoint: dynamoDb.endpoint,
    ...(dynamoDb.listensOn === undefined ? {} : { listensOn: dynamoDb.listensOn }),
    environment: { TASKS_STORE: 'dynamodb', DYNAMODB_ENDPOINT: dynamoDb.endpoint },
    lost,
    stop,
  }) satisfies Storage;

/**
 * Starts the store (SPEC §7): memory when asked; the DynamoDB at `dynamoDbEndpoint` when
 * given; else DynamoDB Local started with `startDynamoDbLocal({ dataDir })` (the pinned,
 * checksummed jar the tests use), its data kept in `dataDir`, which is locked meanwhile.
 * When no DynamoDB Local can run here (no Java, no Docker) it falls back to memory and
 * says why in `notes`; every other failure (checksum, start, unreachable endpoint)
 * rejects. The template's table is created on DynamoDB when missing.
 */
export const startStorage = async (options: StorageOptions): Promise<Storage> => {
  const { tableName } = options;
  if (options.store === 'memory') {
    return memory('in memory (TASKS_STORE=memory): data is lost on exit');
  }
  if (options.dynamoDbEndpoint !== undefined) {
    const env = { ...options.env, DYNAMODB_ENDPOINT: options.dynamoDbEndpoint };
    const dynamoDb = await startDynamoDbLocal({ env });
    await ensureTemplateTable(dynamoDb.endpoint, options);
    const description = `DynamoDB at ${dynamoDb.endpoint} (DYNAMODB_ENDPOINT), table ${tableName}`;
    return onDynamoDb(dynamoDb, description, dynamoDb.stop);
  }

  const lock = await acquireDataDirLock(options.dataDir);
  let dynamoDb: DynamoDbLocal;
  try {
    dynamoDb = await startDynamoDbLocal({
      dataDir: lock.dataDir,
      env: { ...options.env, DYNAMODB_ENDPOINT: undefined },
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  } catch (error) {
    await lock.release();
    if (!(error instanceof DynamoDbLocalUnavailableError)) throw error;
    return memory('in memory, because DynamoDB Local cannot run here: data is lost on exit', [
      ...error.reasons.map(({ source, reason }) => `${source}: ${reason}`),
      'Install Java 17+ (or start Docker) to keep data between runs, or set DYNAMODB_ENDPOINT.',
    ]);
  }
  try {
    await ensureTemplateTable(dynamoDb.endpoint, options);
  } catch (error) {
    await dynamoDb.stop();
    await lock.release();
    throw error;
  }
  // Restarted on the same port: the functions were given this endpoint.
  const port = Number(new URL(dynamoDb.endpoint).port);
  const supervised = superviseDynamoDbLocal(dynamoDb, {
    restart: () =>
      startDynamoDbLocal({
        dataDir: lock.dataDir,
        port,
        env: { ...options.env, DYNAMODB_ENDPOINT: undefined },
        ...(options.log === undefined ? {} : { log: options.log }),
      }),
    prepare: (next) => ensureTemplateTable(next.endpoint, options),
    warn: options.warn ?? (() => undefined),
  });
  const stop = async (): Promise<void> => {
    await supervised.stop();
    await lock.release();
  };
  const description = `DynamoDB Local at ${dynamoDb.endpoint} (${dynamoDb.source}, data in ${lock.dataDir}), table ${tableName}`;
  return onDynamoDb(dynamoDb, description, stop, supervised.lost);
};
