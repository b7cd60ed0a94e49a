import { resolveCacheDir } from './cache-dir.js';
import { DynamoDbLocalDownloadError } from './errors.js';
import { findJava } from './find-executable.js';
import { findFreePort } from './free-port.js';
import { ensureDynamoDbLocalJar } from './jar-cache.js';
import { startJavaDynamoDbLocal } from './java-process.js';
import { ensureLoopbackLauncher } from './loopback-launcher.js';
import type { DynamoDbLocal, Env } from './types.js';

/** Options of {@link startJarSource}, resolved by the caller. */
export interface JarSourceOptions {
  readonly env: Env;
  readonly startTimeoutMs: number;
  readonly port?: number;
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

/**
 * Starts the pinned jar with the machine's Java, bound to loopback through the launcher
 * (see `ensureLoopbackLauncher`) where this Java can compile it. Resolves a string saying why when this
 * source cannot run here (no Java, download failed); rejects when it should have run but
 * did not (checksum mismatch, JVM failed to start): those need a person, not a fallback.
 */
export const startJarSource = async (
  options: JarSourceOptions,
): Promise<DynamoDbLocal | string> => {
  const { env, log } = options;
  const java = await findJava(env);
  if (java === undefined)
    return 'no `java` on PATH or in JAVA_HOME (DynamoDB Local 3 needs Java 17+)';
  let jar: Awaited<ReturnType<typeof ensureDynamoDbLocalJar>>;
  try {
    jar = await ensureDynamoDbLocalJar({
      cacheDir: resolveCacheDir(env),
      env,
      ...(log && { log }),
    });
  } catch (error) {
    if (error instanceof DynamoDbLocalDownloadError) return error.message;
    throw error;
  }
  const launcher = await ensureLoopbackLauncher({ java, jar, cacheDir: resolveCacheDir(env), env });
  if ('reason' in launcher)
    log?.(`DynamoDB Local will listen on every interface: ${launcher.reason}`);
  return startJavaDynamoDbLocal({
    java,
    jar,
    ...('classDir' in launcher ? { launcherDir: launcher.classDir } : {}),
    env,
    port: options.port ?? (await findFreePort()),
    startTimeoutMs: options.startTimeoutMs,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(log && { log }),
  });
};
