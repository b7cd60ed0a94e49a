import { describe, expect, it } from 'vitest';
import {
  BundlesMissingError,
  FunctionInitError,
  type LocalRuntime,
  startLocalRuntime,
} from '../../src/index.js';
import { freePort } from '../support/cli.js';
import { ECHO_BUNDLE, useEchoProjects } from '../support/echo-project.js';

describe('the bundles a local runtime loads', () => {
  const project = useEchoProjects();

  const echo = async (runtime: LocalRuntime): Promise<unknown> =>
    (await fetch(`${runtime.url}/echo`)).json();

  it('are imported with the template and runtime environment set, and it is restored after', async () => {
    const templatePath = await project(ECHO_BUNDLE);

    const runtime = await startLocalRuntime({
      templatePath,
      store: 'memory',
      port: 0,
      fixedOwner: 'alice',
      tableName: 'tasks-x',
    });
    try {
      expect(await echo(runtime)).toMatchObject({
        seen: {
          TABLE_NAME: 'tasks-x',
          GREETING: 'bonjour',
          AUTH_MODE: 'none',
          FIXED_OWNER: 'alice',
          LOG_LEVEL: 'info',
          AWS_LAMBDA_FUNCTION_NAME: 'tasks-local-EchoFunction',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
        },
      });
      expect(process.env['GREETING']).toBeUndefined();
      expect(process.env['FIXED_OWNER']).toBeUndefined();
    } finally {
      await runtime.stop();
    }
  });

  it('take the function timeout from Globals', async () => {
    const runtime = await startLocalRuntime({
      templatePath: await project(ECHO_BUNDLE),
      store: 'memory',
      port: 0,
    });
    try {
      const { remaining } = Object(await echo(runtime));
      expect(remaining).toBeGreaterThan(6_000);
      expect(remaining).toBeLessThanOrEqual(7_000);
    } finally {
      await runtime.stop();
    }
  });

  it('are module instances of each runtime alone: two runtimes in one process share no state', async () => {
    const templatePath = await project(ECHO_BUNDLE);
    const first = await startLocalRuntime({
      templatePath,
      store: 'memory',
      port: 0,
      fixedOwner: 'first',
    });
    const second = await startLocalRuntime({
      templatePath,
      store: 'memory',
      port: 0,
      fixedOwner: 'second',
    });
    try {
      await echo(first);
      await echo(first);

      expect(await echo(second)).toMatchObject({ invocations: 1, seen: { FIXED_OWNER: 'second' } });
      expect(await echo(first)).toMatchObject({ invocations: 3, seen: { FIXED_OWNER: 'first' } });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('must be built: a missing bundle rejects with a message saying to run npm run build', async () => {
    const starting = startLocalRuntime({
      templatePath: await project(undefined),
      store: 'memory',
      port: 0,
    });

    await expect(starting).rejects.toBeInstanceOf(BundlesMissingError);
    await expect(starting).rejects.toMatchObject({
      code: 'bundles_missing',
      message: expect.stringContaining('run `npm run build` at the repository root'),
    });
  });

  it('fail the start like a Lambda init error when one throws on import, freeing the port', async () => {
    const templatePath = await project(
      "throw new Error('no config');\nexport const handler = () => 1;",
    );
    const port = await freePort();

    const starting = startLocalRuntime({ templatePath, store: 'memory', port });

    await expect(starting).rejects.toBeInstanceOf(FunctionInitError);
    await expect(starting).rejects.toMatchObject({
      code: 'function_init_failed',
      message: 'EchoFunction failed to start: no config',
    });
    const again = await startLocalRuntime({
      templatePath: await project(ECHO_BUNDLE),
      store: 'memory',
      port,
    });
    await again.stop();
  });
});
