import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CachedJar } from './jar-cache.js';
import { runCommand } from './run-command.js';
import type { Env } from './types.js';

/** The launcher's Java source, shipped beside `src/` and `dist/`. */
export const LAUNCHER_SOURCE = fileURLToPath(
  new URL('../java/LoopbackDynamoDbLocal.java', import.meta.url),
);
/** Its main class, run instead of `-jar DynamoDBLocal.jar`. */
export const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';

/** Options of {@link ensureLoopbackLauncher}. */
export interface LauncherOptions {
  readonly java: string;
  readonly jar: CachedJar;
  readonly cacheDir: string;
  readonly env: Env;
  /** Default {@link LAUNCHER_SOURCE}. */
  readonly source?: string;
}

/** Compiled classes to put on the class path, or why there are none. */
export type Launcher = { readonly classDir: string } | { readonly reason: string };

const COMPILE_TIMEOUT_MS = 120_000;

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Compiles the loopback launcher with the Java that will run it, once: the classes are
 * cached under `cacheDir`, keyed by the source and the jar. It uses the JDK compiler
 * module through `java` itself (`-m jdk.compiler/…`), which Debian's and Ubuntu's JRE
 * packages ship; a Java without it resolves a `reason`, and DynamoDB Local then runs as
 * its jar does, on every interface. `--release 17` keeps the classes loadable by any Java
 * that DynamoDB Local 3 runs on.
 */
export const ensureLoopbackLauncher = async (options: LauncherOptions): Promise<Launcher> => {
  const { java, jar, cacheDir, env } = options;
  const source = options.source ?? LAUNCHER_SOURCE;
  const text = await readFile(source);
  const key = createHash('sha256').update(text).update(jar.jarFile).digest('hex').slice(0, 16);
  const classDir = join(cacheDir, `loopback-launcher-${key}`);
  if (await exists(join(classDir, `${LAUNCHER_CLASS}.class`))) return { classDir };

  await mkdir(cacheDir, { recursive: true });
  const workDir = join(cacheDir, `.launcher-${randomUUID()}`);
  try {
    await runCommand(
      java,
      [
        '-m',
        'jdk.compiler/com.sun.tools.javac.Main',
        '--release',
        '17',
        '-proc:none',
        '-cp',
        jar.jarFile,
        '-d',
        workDir,
        source,
      ],
      { cwd: jar.jarDir, env, timeoutMs: COMPILE_TIMEOUT_MS },
    );
    await rename(workDir, classDir).catch(async (error: unknown) => {
      // Another process compiled it first: its classes are the same.
      if (!(await exists(join(classDir, `${LAUNCHER_CLASS}.class`)))) throw error;
    });
    return { classDir };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { reason: `the loopback launcher did not compile: ${detail}` };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
};
