import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/index.js';
import { apiAt, createdId } from '../support/api.js';
import { apiUrlOf, holdPort, startCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const READY = /^Press Ctrl-C to stop\.$/;

/** Command lines of every process still running that mentions `text` (a DynamoDB Local -dbPath). */
const processesMentioning = (text: string): string[] =>
  spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.includes(text) && !line.startsWith('ps '));

const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 0;

describe('the tasks-local CLI (node dist/main.js)', () => {
  const tempDir = useTempDirs();

  it('serves on DynamoDB Local, stops cleanly on SIGTERM and finds its data again after a restart', async () => {
    const dataDir = await tempDir();
    // Where Docker answers, DynamoDB Local runs in a container, as another user.
    await chmod(dataDir, 0o777);
    // A lock left by a process that died: the CLI must take it over.
    await writeFile(join(dataDir, LOCK_FILE), `${deadPid()}\n`);
    const env = { PORT: '0', TASKS_DATA_DIR: dataDir };

    const first = startCli(env);
    const banner = await first.linesUntil(READY);
    let url = apiUrlOf(banner);
    expect(banner.slice(0, 3)).toEqual([
      `Tasks API on ${url}`,
      expect.stringMatching(
        new RegExp(
          `^Store: DynamoDB Local at http://\\S+ \\((jar|testcontainers), data in ${dataDir}\\), table tasks-local$`,
        ),
      ),
      // The jar on loopback; a container's port is published on every interface.
      expect.stringMatching(
        /^ {2}(DynamoDB Local listens on loopback only|Warning: DynamoDB Local listens on every network interface)/,
      ),
    ]);
    expect(banner).toContain(
      'Authentication: off (AUTH_MODE=none): every request acts as the fixed owner "local"',
    );
    expect(banner).toContain('  POST /tasks              CreateTaskFunction');
    const api = apiAt(() => url);
    const created = await api.post('/tasks', { json: { title: 'Finish cloud project' } });
    expect(created.status).toBe(201);
    const taskId = createdId(created);

    // Right after the write was acknowledged: it must survive the shutdown.
    first.child.kill('SIGTERM');

    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.stdout.slice(-2)).toEqual([
      'SIGTERM: stopping (requests in flight may finish)…',
      'Stopped.',
    ]);
    expect(processesMentioning(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const second = startCli(env);
    url = apiUrlOf(await second.linesUntil(READY));
    const read = await api.get(`/tasks/${taskId}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ taskId, title: 'Finish cloud project' });
    second.child.kill('SIGINT');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 180_000);

  it('says clearly that it runs in memory with TASKS_STORE=memory', async () => {
    const cli = startCli({ PORT: '0', TASKS_STORE: 'memory' });

    const banner = await cli.linesUntil(READY);
    cli.child.kill('SIGTERM');

    expect(banner[1]).toBe('Store: in memory (TASKS_STORE=memory): data is lost on exit');
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it('falls back to memory and says why when neither Java nor Docker is there', async () => {
    const dataDir = await tempDir();
    const cli = startCli({
      PORT: '0',
      TASKS_DATA_DIR: dataDir,
      PATH: dataDir,
      JAVA_HOME: '',
      DOCKER_HOST: `unix://${join(dataDir, 'no-docker.sock')}`,
    });

    const banner = await cli.linesUntil(READY);
    cli.child.kill('SIGTERM');

    expect(banner[1]).toBe(
      'Store: in memory, because DynamoDB Local cannot run here: data is lost on exit',
    );
    expect(banner.join('\n')).toMatch(/jar: no `java` on PATH/);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it('exits 1 with one line, not a stack trace, when the port is in use', async () => {
    const { port, server } = await holdPort();
    try {
      const cli = startCli({ PORT: String(port), TASKS_STORE: 'memory' });

      expect(await cli.exited).toEqual({ code: 1, signal: null });
      expect(cli.stderr).toEqual([
        `tasks-local: Port ${port} on 127.0.0.1 is already in use: stop what uses it or set PORT`,
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('exits 1 with one line when another running instance uses the data directory', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, LOCK_FILE), `${process.pid}\n`);

    const cli = startCli({ PORT: '0', TASKS_DATA_DIR: dataDir });

    expect(await cli.exited).toEqual({ code: 1, signal: null });
    expect(cli.stderr).toEqual([
      `tasks-local: The data directory ${dataDir} is in use by another running instance (pid ${process.pid}): stop it or set TASKS_DATA_DIR`,
    ]);
  });

  it('exits 1 with one line when DYNAMODB_ENDPOINT does not answer', async () => {
    // Held here, so no other test's server can take the port and answer: it hangs up at once.
    const { port, server } = await holdPort();
    server.on('connection', (socket) => socket.destroy());
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      const cli = startCli({ PORT: '0', DYNAMODB_ENDPOINT: endpoint });

      expect(await cli.exited).toEqual({ code: 1, signal: null });
      expect(cli.stderr).toEqual([
        `tasks-local: DYNAMODB_ENDPOINT=${endpoint} does not answer HTTP requests`,
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('exits 1 with one line naming a wrong environment variable', async () => {
    const cli = startCli({ PORT: 'http' });

    expect(await cli.exited).toEqual({ code: 1, signal: null });
    expect(cli.stderr).toEqual([
      'tasks-local: Invalid environment: PORT must be a port number from 0 to 65535, not "http"',
    ]);
  });
});
