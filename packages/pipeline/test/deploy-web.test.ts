/**
 * scripts/deploy-web.sh against a stand-in AWS CLI (support/fake-aws.ts): what it uploads,
 * in which order, with which headers, and which old assets it deletes. The order is the
 * point: a page must never be served before the files it loads, and an asset must outlive
 * every page that named it by RETENTION_DAYS (sst deleted them at once, and live sessions
 * broke: notes/anchors.md).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheControlOf, contentTypeOf } from '@tasks/local-runtime';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/repository.js';

const FAKE_AWS = fileURLToPath(new URL('./support/fake-aws.ts', import.meta.url));
const IMMUTABLE = 'public, max-age=31536000, immutable';
const CONFIG =
  '{"apiUrl":"","auth":{"kind":"cognito","region":"eu-west-1","userPoolId":"eu-west-1_pool","clientId":"client"}}';
const OUTPUTS = {
  WebBucketName: 'tasks-dev-webbucket-1a2b',
  WebConfig: CONFIG,
  WebUrl: 'https://d111111abcdef8.cloudfront.net',
};
const BUILD = [
  'index.html',
  'favicon.svg',
  'assets/index-1a2b3c.js',
  'assets/chart-4d5e6f.js',
  'assets/index-7a8b9c.css',
  'assets/logo-0d1e2f.svg',
];
const NOW = '2026-12-02T12:00:00+00:00';

interface Call {
  readonly args: readonly string[];
  readonly stdin: string;
}
interface State {
  readonly outputs?: Record<string, string>;
  readonly indexVersions?: readonly string[];
  readonly assets?: readonly (readonly [string, string])[];
  readonly build?: readonly string[];
}

/** Runs the script on a fresh build and bucket state; returns its exit code, stderr and calls. */
const deploy = async ({
  outputs = OUTPUTS,
  indexVersions = [NOW],
  assets = [],
  build = BUILD,
}: State = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-web-'));
  const dist = join(dir, 'dist');
  for (const file of build) {
    mkdirSync(join(dist, file, '..'), { recursive: true });
    writeFileSync(join(dist, file), `// ${file}\n`);
  }
  mkdirSync(join(dir, 'bin'));
  writeFileSync(
    join(dir, 'bin', 'aws'),
    `#!/bin/sh\nexec '${process.execPath}' '${FAKE_AWS}' "$@"\n`,
  );
  chmodSync(join(dir, 'bin', 'aws'), 0o755);
  writeFileSync(join(dir, 'log'), '');
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ outputs, indexVersions, assets }));
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      `${ROOT}scripts/deploy-web.sh`,
      ['tasks-dev', dist],
      {
        env: {
          ...process.env,
          PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}`,
          FAKE_AWS_LOG: join(dir, 'log'),
          FAKE_AWS_STATE: join(dir, 'state.json'),
        },
      },
      (error, _stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1,
          stderr,
        }),
    );
  });
  const calls: Call[] = readFileSync(join(dir, 'log'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
  return { code, stderr, calls, dist };
};

/** An `aws s3 cp` call: from, to, its options, and its --exclude/--include filters in order. */
const copyOf = ({ args, stdin }: Call) => {
  const [, , from = '', to = '', ...rest] = args;
  const options = new Map<string, string>();
  const filters: [string, string][] = [];
  for (let i = 0; i < rest.length; i++) {
    const name = rest[i] ?? '';
    if (name === '--recursive' || name === '--no-progress') continue;
    const value = rest[++i] ?? '';
    if (name === '--exclude' || name === '--include') filters.push([name, value]);
    else options.set(name, value);
  }
  return { from, to, options, filters, stdin, recursive: args.includes('--recursive') };
};

/** Whether the CLI's filters take a file (path relative to the copied folder): the last match decides. */
const takes = (filters: readonly [string, string][], path: string): boolean =>
  filters.reduce((taken, [kind, pattern]) => {
    const matches = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    ).test(path);
    return matches ? kind === '--include' : taken;
  }, true);

/** Every file of the build with the uploads that carried it, as S3 stores each. */
const uploads = (calls: readonly Call[], dist: string) =>
  BUILD.map((file) => {
    const carried = calls
      .filter(({ args }) => args[0] === 's3' && args[1] === 'cp')
      .map(copyOf)
      .filter((copy) =>
        copy.recursive
          ? file.startsWith(copy.from === dist ? '' : `${copy.from.slice(dist.length + 1)}/`) &&
            takes(
              copy.filters,
              copy.from === dist ? file : file.slice(copy.from.length - dist.length),
            )
          : copy.from === join(dist, file),
      )
      .map((copy) => ({
        cacheControl: copy.options.get('--cache-control'),
        contentType: copy.options.get('--content-type'),
      }));
    return { file, carried };
  });

describe('scripts/deploy-web.sh', () => {
  it('uploads every file of the build once, with its cache lifetime and type', async () => {
    const { code, calls, dist } = await deploy();
    expect(code).toBe(0);
    const js = { cacheControl: IMMUTABLE, contentType: 'text/javascript; charset=utf-8' };
    expect(uploads(calls, dist)).toEqual([
      {
        file: 'index.html',
        carried: [{ cacheControl: 'no-cache', contentType: 'text/html; charset=utf-8' }],
      },
      { file: 'favicon.svg', carried: [{ cacheControl: 'no-cache', contentType: undefined }] },
      { file: 'assets/index-1a2b3c.js', carried: [js] },
      { file: 'assets/chart-4d5e6f.js', carried: [js] },
      {
        file: 'assets/index-7a8b9c.css',
        carried: [{ cacheControl: IMMUTABLE, contentType: 'text/css; charset=utf-8' }],
      },
      {
        file: 'assets/logo-0d1e2f.svg',
        carried: [{ cacheControl: IMMUTABLE, contentType: undefined }],
      },
    ]);
  });

  it('uploads each file with the metadata the local runtime serves it with', async () => {
    // The local runtime imitates the bucket this script fills (packages/local-runtime,
    // src/web/object-metadata.ts): the same Cache-Control for every file, and the same
    // Content-Type wherever the script names one (elsewhere the CLI guesses by extension).
    const { calls, dist } = await deploy();
    for (const { file, carried } of uploads(calls, dist)) {
      for (const { cacheControl, contentType } of carried) {
        expect({ file, cacheControl }).toEqual({ file, cacheControl: cacheControlOf(file) });
        if (contentType !== undefined) {
          expect({ file, contentType }).toEqual({ file, contentType: contentTypeOf(file) });
        }
      }
    }
  });

  it('uploads the assets, then config.json, then index.html, and deletes only after', async () => {
    const { calls, dist } = await deploy();
    const steps = calls.map(({ args }) =>
      args[1] === 'cp'
        ? `cp ${args[2] === `${dist}/assets` ? 'assets' : String(args[3]).replace('s3://tasks-dev-webbucket-1a2b', '')}`
        : `${args[0]} ${args[1]}`,
    );
    expect(steps).toEqual([
      'cloudformation describe-stacks',
      'cp assets',
      'cp assets',
      'cp assets',
      'cp ',
      'cp /config.json',
      'cp /index.html',
      's3api list-object-versions',
      's3api list-objects-v2',
    ]);
  });

  it('writes the stack’s WebConfig output as config.json, revalidated on every load', async () => {
    const { calls } = await deploy();
    const config = calls.map(copyOf).find((copy) => copy.to.endsWith('/config.json'));
    expect(config).toMatchObject({
      from: '-',
      to: 's3://tasks-dev-webbucket-1a2b/config.json',
      stdin: `${CONFIG}\n`,
    });
    expect(Object.fromEntries(config?.options ?? [])).toEqual({
      '--content-type': 'application/json',
      '--cache-control': 'no-cache',
    });
  });

  it('deletes an asset only once the deploy that stopped naming it is 30 days old', async () => {
    const { code, calls } = await deploy({
      indexVersions: [
        '2026-08-01T10:00:05+00:00',
        '2026-10-01T10:00:05+00:00',
        '2026-11-25T10:00:05+00:00',
        NOW,
      ],
      assets: [
        ...BUILD.filter((file) => file.startsWith('assets/')).map((key) => [key, NOW] as const),
        // Last uploaded on 1 August, not by the deploy of 1 October: unnamed for 62 days.
        ['assets/index-old111.js', '2026-08-01T10:00:00+00:00'],
        // Last uploaded on 25 November: pages loaded until today name it.
        ['assets/index-recent.js', '2026-11-25T10:00:00+00:00'],
        // Unnamed since 25 November: 7 days.
        ['assets/index-week01.js', '2026-10-01T10:00:00.000Z'],
      ],
    });
    expect(code).toBe(0);
    expect(calls.filter(({ args }) => args[1] === 'rm').map(({ args }) => args[2])).toEqual([
      's3://tasks-dev-webbucket-1a2b/assets/index-old111.js',
    ]);
  });

  it('keeps what pages loaded before a long pause name, however old its upload', async () => {
    // One deploy in June, the next today: the June page was live until a moment ago.
    const { calls } = await deploy({
      indexVersions: ['2026-06-01T10:00:05+00:00', NOW],
      assets: [['assets/index-june01.js', '2026-06-01T10:00:00+00:00']],
    });
    expect(calls.filter(({ args }) => args[1] === 'rm')).toEqual([]);
  });

  it('never deletes an asset of the build it deploys', async () => {
    const { calls } = await deploy({
      indexVersions: ['2025-01-01T00:00:05Z', '2025-02-01T00:00:05Z', NOW],
      assets: [['assets/index-1a2b3c.js', '2025-01-01T00:00:00Z']],
    });
    expect(calls.filter(({ args }) => args[1] === 'rm')).toEqual([]);
  });

  it('refuses a missing build, before any AWS call', async () => {
    const { code, stderr, calls } = await deploy({ build: ['assets/index-1a2b3c.js'] });
    expect(code).toBe(1);
    expect(stderr).toContain('npm run build -w @tasks/web');
    expect(calls).toEqual([]);
  });

  it('refuses a stack without the web outputs, before any upload', async () => {
    const { code, stderr, calls } = await deploy({
      outputs: { WebBucketName: OUTPUTS.WebBucketName, WebUrl: OUTPUTS.WebUrl },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('stack tasks-dev has no WebConfig output');
    expect(calls.map(({ args }) => args[1])).toEqual(['describe-stacks']);
  });
});
