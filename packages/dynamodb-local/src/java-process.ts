import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { killOnExit } from './child-reaper.js';
import { dynamoDbLocalArgs } from './dynamodb-local-args.js';
import { DynamoDbLocalStartError } from './errors.js';
import { findOnPath } from './find-executable.js';
import type { CachedJar } from './jar-cache.js';
import { LAUNCHER_CLASS } from './loopback-launcher.js';
import { OutputTail } from './output-tail.js';
import { probeDynamoDb, waitUntilReady } from './probe.js';
import type { DynamoDbLocal, DynamoDbLocalExit, Env } from './types.js';

/** Options of {@link startJavaDynamoDbLocal}. */
export interface StartJavaOptions {
  readonly java: string;
  readonly jar: CachedJar;
  readonly port: number;
  readonly dataDir?: string;
  readonly env: Env;
  readonly startTimeoutMs: number;
  readonly log?: (line: string) => void;
  /** The compiled loopback launcher; without it, `-jar` (every interface). */
  readonly launcherDir?: string;
}

/** How long `stop()` waits after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 5_000;

const exited = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null;

const answers = (endpoint: string): Promise<boolean> =>
  probeDynamoDb(endpoint, 1_000).then(
    () => true,
    () => false,
  );

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((done) => {
    // No pid: spawning failed, there is nothing to stop (and no `exit` will come).
    if (child.pid === undefined || exited(child)) return done();
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });

/**
 * How the JVM is launched so that it never outlives this process. Node's `exit` hook
 * (`killOnExit`) cannot run when Node is killed with SIGKILL or crashes hard, so on Linux
 * the kernel is asked instead: util-linux's `setpriv --pdeathsig KILL` sets
 * PR_SET_PDEATHSIG and then execs java (same pid, same stdio), and the JVM receives
 * SIGKILL the moment its parent dies, however it dies. Elsewhere only the hook remains.
 */
const parentWatch = async (
  java: string,
  args: readonly string[],
  env: Env,
): Promise<{ command: string; args: readonly string[]; watched: boolean }> => {
  const setpriv = process.platform === 'linux' ? await findOnPath('setpriv', env) : undefined;
  return setpriv === undefined
    ? { command: java, args, watched: false }
    : { command: setpriv, args: ['--pdeathsig', 'KILL', '--', java, ...args], watched: true };
};

/**
 * Runs the jar with the machine's Java on `port` and resolves once `ListTables` answers.
 * DynamoDB Local binds every interface (it has no host option) unless started through the
 * loopback launcher (`launcherDir`); the endpoint is loopback either way.
 * The JVM runs in its own process group, so a terminal's Ctrl-C reaches this process, which
 * stops it, and not the JVM directly; it dies with this process (see {@link parentWatch}).
 * `exited` resolves when it ends, whoever ended it.
 * Rejects with {@link DynamoDbLocalStartError}, carrying the output's tail, when the JVM
 * exits early or does not answer within `startTimeoutMs`; the JVM is then stopped.
 */
export const startJavaDynamoDbLocal = async (options: StartJavaOptions): Promise<DynamoDbLocal> => {
  const { java, jar, port, env, log } = options;
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  // Else the readiness poll would take the other server's answers for ours.
  if (await answers(endpoint)) {
    throw new DynamoDbLocalStartError(`Port ${port} is already in use by an HTTP server`, '');
  }
  const { launcherDir } = options;
  const args = [
    `-Djava.library.path=${jar.libDir}`,
    ...(launcherDir === undefined
      ? ['-jar', jar.jarFile]
      : ['-cp', [jar.jarFile, join(jar.libDir, '*'), launcherDir].join(delimiter), LAUNCHER_CLASS]),
    ...dynamoDbLocalArgs(port, dataDir),
  ];
  const launch = await parentWatch(java, args, env);
  log?.(`Starting ${launch.command} ${launch.args.join(' ')}`);
  if (!launch.watched) {
    log?.('No setpriv here: the JVM is stopped when this process exits, but not if it is killed');
  }
  const child = spawn(launch.command, launch.args, {
    cwd: jar.jarDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  killOnExit(child);
  const exited = new Promise<DynamoDbLocalExit>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const tail = new OutputTail();
  const onLine = (line: string): void => log?.(`[dynamodb-local] ${line}`);
  child.stdout?.on('data', (chunk: Buffer) => tail.write(chunk, onLine));
  child.stderr?.on('data', (chunk: Buffer) => tail.write(chunk, onLine));

  const gone = new Promise<never>((_, reject) => {
    child.on('error', (error) => reject(error));
    child.once('exit', (code, signal) =>
      reject(new Error(`java exited (${signal ?? `code ${code}`}) before answering`)),
    );
  });
  gone.catch(() => undefined);

  try {
    await waitUntilReady(endpoint, { timeoutMs: options.startTimeoutMs, gone });
  } catch (error) {
    await stopChild(child);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DynamoDbLocalStartError(
      `DynamoDB Local (jar) did not start: ${reason}`,
      tail.toString(),
      {
        cause: error,
      },
    );
  }
  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    source: 'jar',
    listensOn: launcherDir === undefined ? 'every-interface' : 'loopback',
    ...(child.pid === undefined ? {} : { pid: child.pid }),
    exited,
    stop: () => {
      stopping ??= stopChild(child);
      return stopping;
    },
  };
};
