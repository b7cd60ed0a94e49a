import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { JWKS_PATH } from '../../src/index.js';
import { apiAt, itemsOf } from '../support/api.js';
import { withAuthorization } from '../support/auth-runtime.js';
import { apiUrlOf, startCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dir.js';

/** `npm run token` runs this, built by turbo before the tests (`^build`). */
const TOKEN_CLI = fileURLToPath(
  new URL('../../../local-issuer/dist/token-cli.js', import.meta.url),
);
const READY = /^Press Ctrl-C to stop\.$/;

const token = async (...args: string[]): Promise<string> => {
  if (!existsSync(TOKEN_CLI)) throw new Error(`${TOKEN_CLI} is not built: run npm run build`);
  const { stdout } = await promisify(execFile)(process.execPath, [TOKEN_CLI, ...args]);
  return stdout.trim();
};

describe('the tasks-local CLI with TASKS_AUTH=jwt', () => {
  const tempDir = useTempDirs();

  it('says how it authenticates, and accepts the tokens npm run token prints for its data directory', async () => {
    const dataDir = await tempDir();
    const cli = startCli({
      PORT: '0',
      TASKS_STORE: 'memory',
      TASKS_AUTH: 'jwt',
      TASKS_DATA_DIR: dataDir,
    });
    try {
      const banner = await cli.linesUntil(READY);
      const url = apiUrlOf(banner);
      expect(banner).toContain(
        `Authentication: JWT (local issuer https://issuer.tasks.localhost, audience tasks-local); get a token with: npm run token -- --sub alice --data-dir "${dataDir}"`,
      );
      expect(banner).toContain(
        `  Each request's owner is its token's sub; the issuer's keys are at ${url}${JWKS_PATH}`,
      );
      const api = apiAt(() => url);
      const aliceToken = await token('--sub', 'alice', '--data-dir', dataDir);
      const alice = withAuthorization(api, async () => `Bearer ${aliceToken}`);
      const bobToken = await token('--sub', 'bob', '--data-dir', dataDir);
      const bob = withAuthorization(api, async () => bobToken);

      expect((await alice.post('/tasks', { json: { title: 'Alice only' } })).status).toBe(201);
      expect(itemsOf(await alice.get('/tasks'))).toHaveLength(1);
      expect(itemsOf(await bob.get('/tasks'))).toHaveLength(0);
      expect((await api.get('/tasks')).status).toBe(401);
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it('exits 1 with one line when TASKS_AUTH is neither jwt nor none', async () => {
    const cli = startCli({ PORT: '0', TASKS_AUTH: 'oauth' });

    expect(await cli.exited).toEqual({ code: 1, signal: null });
    expect(cli.stderr).toEqual([
      'tasks-local: Invalid environment: TASKS_AUTH must be "jwt" or "none", not "oauth"',
    ]);
  });

  it('still says that authentication is off without TASKS_AUTH', async () => {
    const cli = startCli({ PORT: '0', TASKS_STORE: 'memory', TASKS_AUTH: '' });

    const banner = await cli.linesUntil(READY);
    cli.child.kill('SIGTERM');

    expect(banner).toContain(
      'Authentication: off (AUTH_MODE=none): every request acts as the fixed owner "local"',
    );
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });
});
