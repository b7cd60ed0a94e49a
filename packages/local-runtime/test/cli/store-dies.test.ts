// What happens to `npm start` when its DynamoDB Local dies, and to DynamoDB Local when
// `npm start` dies (issue 11, SPEC §7): once, a `kill -9` of the JVM left every request
// at 503 for ever with nothing logged, and an aborted test run left a JVM behind. These
// run the real CLI on the real jar (DOCKER_HOST points nowhere, so the jar is chosen).
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
// The reader of listening sockets the DynamoDB Local package's own tests use.
import {
  listeningAddresses,
  onlyLoopback,
} from '../../../dynamodb-local/test/support/listening.js';
import { apiAt, createdId } from '../support/api.js';
import { apiUrlOf, type CliProcess, startCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const READY = /^Press Ctrl-C to stop\.$/;

/** Pids of the live processes whose command line mentions `text` (a -dbPath). */
const pidsMentioning = (text: string): number[] =>
  spawnSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, stat = 'Z', ...args]) => !stat.startsWith('Z') && args.join(' ').includes(text))
    .filter(([, , command]) => command !== 'ps')
    .map(([pid]) => Number(pid));

/** Polls `check` every 100 ms until it holds, for at most `timeoutMs`. */
const eventually = async (check: () => boolean | Promise<boolean>, timeoutMs = 90_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) await sleep(100);
  return check();
};

/** CLIs of the current test, stopped after it even when it fails half-way. */
const running: CliProcess[] = [];

const startOnJar = async (
  dataDir: string,
): Promise<{ cli: CliProcess; url: string; jvm: number }> => {
  const cli = startCli({
    PORT: '0',
    TASKS_DATA_DIR: dataDir,
    DOCKER_HOST: `unix://${join(dataDir, 'no-docker.sock')}`,
  });
  running.push(cli);
  const banner = await cli.linesUntil(READY);
  expect(banner[1]).toMatch(/^Store: DynamoDB Local at http:\/\/127\.0\.0\.1:\d+ \(jar, /);
  const [jvm, ...others] = pidsMentioning(dataDir);
  expect(others).toEqual([]);
  return { cli, url: apiUrlOf(banner), jvm: jvm ?? 0 };
};

describe('the CLI and its DynamoDB Local', () => {
  const tempDir = useTempDirs();
  // Registered after the temporary folders' hook, so it runs before it removes them.
  afterEach(async () => {
    for (const cli of running.splice(0)) {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('says at once that DynamoDB Local was killed, restarts it on the same data, and serves the earlier tasks again', async () => {
    const dataDir = await tempDir();
    const { cli, url, jvm } = await startOnJar(dataDir);
    const api = apiAt(() => url);
    const created = await api.post('/tasks', { json: { title: 'Survive a kill -9' } });
    expect(created.status).toBe(201);
    const taskId = createdId(created);

    process.kill(jvm, 'SIGKILL');
    const died = await eventually(() =>
      cli.stderr.some((line) =>
        line.startsWith(
          `DynamoDB Local (pid ${jvm}) was killed (SIGKILL): requests get 503 until it is back`,
        ),
      ),
    );
    expect(died).toBe(true);
    // Meanwhile a client sees 503 (the store is unavailable) and then the task: nothing else.
    const statuses = new Set<number>();
    const served = await eventually(async () => {
      const read = await api.get(`/tasks/${taskId}`);
      statuses.add(read.status);
      return read.status === 200;
    });

    expect(served).toBe(true);
    expect([...statuses].filter((status) => status !== 503 && status !== 200)).toEqual([]);
    expect((await api.get(`/tasks/${taskId}`)).json).toMatchObject({
      taskId,
      title: 'Survive a kill -9',
    });
    const back =
      /^DynamoDB Local is back on http:\/\/127\.0\.0\.1:\d+ \(pid \d+\) after \d+ ms; tasks kept$/;
    // It answers before its table is checked, and says it is back once it is.
    expect(await eventually(() => cli.stderr.some((line) => back.test(line)))).toBe(true);
    const [restarted, ...others] = pidsMentioning(dataDir);
    expect(others).toEqual([]);
    expect(restarted).not.toBe(jvm);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(pidsMentioning(dataDir)).toEqual([]);
  }, 240_000);

  it('exits 1 with one line when DynamoDB Local cannot be started again', async () => {
    const dataDir = await tempDir();
    const { cli, jvm } = await startOnJar(dataDir);
    const dynamoPort = Number(/127\.0\.0\.1:(\d+)/.exec(cli.stdout[1] ?? '')?.[1]);

    process.kill(jvm, 'SIGKILL');
    // Something else takes DynamoDB Local's port before it can come back.
    const squatter = createServer((_, res) => res.end('{}'));
    let squatted = false;
    for (let i = 0; i < 300 && !squatted; i += 1) {
      squatted = await new Promise<boolean>((done) => {
        squatter.once('error', () => done(false));
        squatter.listen(dynamoPort, '127.0.0.1', () => done(true));
      });
      if (!squatted) await sleep(100);
    }
    try {
      expect(squatted).toBe(true);
      expect(await cli.exited).toEqual({ code: 1, signal: null });
    } finally {
      await new Promise((done) => squatter.close(done));
    }

    expect(cli.stderr.at(-1)).toMatch(
      new RegExp(
        `^tasks-local: DynamoDB Local at http://127\\.0\\.0\\.1:${dynamoPort} is gone for good: 3 starts within 300 s did not keep it running \\(last: .*\\); stopping$`,
      ),
    );
    expect(cli.stderr).toContainEqual(
      expect.stringMatching(/^DynamoDB Local did not start again: /),
    );
    expect(pidsMentioning(dataDir)).toEqual([]);
  }, 180_000);

  it('leaves no JVM behind when the CLI itself is killed with SIGKILL', async () => {
    const dataDir = await tempDir();
    const { cli, jvm } = await startOnJar(dataDir);
    expect(jvm).toBeGreaterThan(0);

    cli.child.kill('SIGKILL');
    expect(await cli.exited).toEqual({ code: null, signal: 'SIGKILL' });

    expect(await eventually(() => pidsMentioning(dataDir).length === 0, 30_000)).toBe(true);
  }, 180_000);

  it('says in its banner that DynamoDB Local listens on loopback only, which it does', async () => {
    const dataDir = await tempDir();
    const { cli } = await startOnJar(dataDir);
    const dynamoPort = Number(/127\.0\.0\.1:(\d+)/.exec(cli.stdout[1] ?? '')?.[1]);

    const addresses = listeningAddresses(dynamoPort);

    expect(onlyLoopback(addresses), addresses.join(', ')).toBe(true);
    expect(cli.stdout[2]).toBe(
      `  DynamoDB Local listens on loopback only (127.0.0.1:${dynamoPort})`,
    );
  }, 180_000);
});
