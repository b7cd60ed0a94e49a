// When the JVM cannot start, the error must carry its own words (stderr tail) and the
// process must not outlive the failure.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DynamoDbLocalStartError } from '../src/index.js';
import { startJavaDynamoDbLocal } from '../src/java-process.js';
import { useFakeEndpoints } from './support/fake-endpoint.js';
import { isRunning } from './support/process.js';
import { useTempDirs } from './support/temp-dir.js';

const tempDir = useTempDirs();
const fakeEndpoint = useFakeEndpoints();

/** Starts a fake `java` (a shell script) in place of the JVM. */
const startFake = async (script: string, options: { port?: number; timeoutMs?: number } = {}) => {
  const dir = await tempDir();
  const java = join(dir, 'java');
  await writeFile(java, `#!/bin/sh\n${script}\n`);
  await chmod(java, 0o755);
  return startJavaDynamoDbLocal({
    java,
    jar: { jarFile: join(dir, 'DynamoDBLocal.jar'), jarDir: dir, libDir: dir },
    port: options.port ?? 1,
    env: process.env,
    startTimeoutMs: options.timeoutMs ?? 10_000,
  });
};

describe('startJavaDynamoDbLocal', () => {
  it('rejects with the output tail when java exits before answering', async () => {
    const result = startFake('echo "Error: UnsupportedClassVersionError" >&2; exit 3');

    await expect(result).rejects.toBeInstanceOf(DynamoDbLocalStartError);
    await expect(result).rejects.toMatchObject({
      code: 'dynamodb_local_start_failed',
      message: expect.stringContaining('java exited (code 3)'),
      outputTail: 'Error: UnsupportedClassVersionError',
    });
  });

  it('stops a java that does not answer in time', async () => {
    const pidFile = join(await tempDir(), 'pid');

    const result = startFake(`echo $$ > ${pidFile}; exec sleep 30`, { timeoutMs: 500 });

    await expect(result).rejects.toThrow(/did not answer ListTables within 500 ms/);
    await expect(isRunning(Number(await readFile(pidFile, 'utf8')))).resolves.toBe(false);
  });

  it('refuses a port where another server already answers', async () => {
    const taken = Number(new URL(await fakeEndpoint()).port);

    await expect(startFake('exit 0', { port: taken })).rejects.toThrow(
      /Port \d+ is already in use/,
    );
  });
});
