import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The CLI as `npm start` runs it; the global setup compiles it. */
export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** A running `node dist/main.js`, its output collected line by line. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves the stdout lines up to the first that matches, once it is printed. */
  linesUntil(pattern: RegExp, timeoutMs?: number): Promise<string[]>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI with `env` over a clean environment (no DYNAMODB_ENDPOINT, quiet logs). */
export const startCli = (env: Readonly<Record<string, string>>): CliProcess => {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, DYNAMODB_ENDPOINT: '', LOG_LEVEL: 'warn', HOST: '', PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (lines: string[]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
    };
  };
  child.stdout?.on('data', collect(stdout));
  child.stderr?.on('data', collect(stderr));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const linesUntil = async (pattern: RegExp, timeoutMs = 90_000): Promise<string[]> => {
    const deadline = Date.now() + timeoutMs;
    let gone = false;
    void exited.then(() => {
      gone = true;
    });
    for (;;) {
      const index = stdout.findIndex((line) => pattern.test(line));
      if (index >= 0) return stdout.slice(0, index + 1);
      if (gone || Date.now() > deadline) {
        throw new Error(
          `no line matching ${pattern}; stdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('\n')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, stdout, stderr, linesUntil, exited };
};

/** A TCP server holding a free loopback port, until closed. */
export const holdPort = async (): Promise<{ port: number; server: Server }> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return { port: address.port, server };
};

/**
 * The API's address from the banner of a CLI started with `PORT: '0'`. Letting the CLI pick
 * its port is the only race-free way: a port probed free here can be taken by another test's
 * server or DynamoDB Local before the CLI, a few hundred milliseconds later, binds it.
 */
export const apiUrlOf = (banner: readonly string[]): string => {
  for (const line of banner) {
    const url = /^Tasks API on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    if (url !== undefined) return url;
  }
  throw new Error(`no "Tasks API on" line in the banner:\n${banner.join('\n')}`);
};

/** A loopback port that was free a moment ago. */
export const freePort = async (): Promise<number> => {
  const { port, server } = await holdPort();
  await new Promise((resolve) => server.close(resolve));
  return port;
};
