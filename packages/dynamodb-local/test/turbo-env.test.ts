// Turborepo's strict environment mode hands a task only the variables turbo.json
// declares: `DYNAMODB_ENDPOINT` was once dropped, so `npm test` with it set still started
// the jar (issue 11). This runs one package's `test` task through turbo, as `npm test`
// does, with DYNAMODB_ENDPOINT naming a stand-in that records what reaches it.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const turbo = fileURLToPath(new URL('../../../node_modules/.bin/turbo', import.meta.url));

/** An HTTP server answering like an empty DynamoDB, keeping each request's `x-amz-target`. */
const recordingEndpoint = async () => {
  const targets: string[] = [];
  const server = createServer((req, res) => {
    targets.push(String(req.headers['x-amz-target']));
    req.resume();
    res.setHeader('content-type', 'application/x-amz-json-1.0');
    res.end('{"TableNames":[]}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { endpoint: `http://127.0.0.1:${port}`, targets, server };
};

describe('npm test under Turborepo', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
  });

  it('hands DYNAMODB_ENDPOINT to the test suites', async () => {
    const { endpoint, targets, server } = await recordingEndpoint();
    servers.push(server);

    const run = await promisify(execFile)(
      turbo,
      [
        'run',
        'test',
        '--filter=@tasks/dynamodb-local',
        '--only',
        '--force',
        '--output-logs=full',
        '--',
        '--config',
        'test/turbo-env/vitest.config.ts',
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, DYNAMODB_ENDPOINT: endpoint, TURBO_TELEMETRY_DISABLED: '1' },
      },
    ).catch((error: unknown) => ({ stdout: String(error), stderr: '' }));

    // biome-ignore lint/suspicious/noControlCharactersInRegex: the colours of vitest's summary
    const output = run.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(targets, output).toContain('DynamoDB_20120810.ListTables');
    expect(output).toMatch(/Tests +1 passed/);
  }, 180_000);
});
