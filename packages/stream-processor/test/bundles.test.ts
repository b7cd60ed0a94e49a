/**
 * The stream functions' bundles are what deploys (SPEC §6, §10): each loads on its own in
 * a fresh Node process, as Lambda loads it, answers its event, and stays within SPEC §9's
 * 250 KB. Built by the real scripts/bundle.mjs into a private folder (as the API's bundle
 * test does), so that a concurrent build or the local runtime's tests never see it half-written.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOf } from './support/stream-records.js';

const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
const MAX_BUNDLE_BYTES = 250 * 1024;

let root: string;
beforeAll(async () => {
  await mkdir(join(PACKAGE_DIR, 'dist'), { recursive: true });
  root = await mkdtemp(join(PACKAGE_DIR, 'dist', 'bundle-test-'));
  await cp(join(PACKAGE_DIR, 'scripts'), join(root, 'scripts'), { recursive: true });
  await symlink(join(PACKAGE_DIR, 'src'), join(root, 'src'), 'dir');
  await promisify(execFile)(process.execPath, [join(root, 'scripts', 'bundle.mjs')], { cwd: root });
}, 120_000);
afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

const bundleOf = (name: string) => join(root, 'dist', 'functions', name, 'index.mjs');

// Runs in the child: imports the bundle as Lambda's Node.js runtime does and sends one event.
const CHILD = `
const [bundle, eventJson] = process.argv.slice(1);
const { handler } = await import(bundle);
const answer = await handler(JSON.parse(eventJson), { awsRequestId: 'bundle-test' });
process.send(answer ?? null, () => process.disconnect());
`;

const invoke = (bundle: string, event: unknown, env: Record<string, string>): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '--eval', CHILD, pathToFileURL(bundle).href, JSON.stringify(event)],
      { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    let answer: unknown;
    let answered = false;
    child.on('message', (message: unknown) => {
      answer = message;
      answered = true;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (answered && code === 0) resolve(answer);
      else reject(new Error(`${bundle} exited with ${code} and no answer:\n${output}`));
    });
  });

const MEMORY = { TASKS_STORE: 'memory', LOG_LEVEL: 'warn' };
const at = Date.UTC(2026, 11, 1, 9);

describe('the bundle of StatsProcessorFunction', () => {
  it('counts a batch in a fresh process, on the in-memory store, and reports no failure', async () => {
    const task = {
      taskId: 'bundled',
      status: 'DONE' as const,
      createdAtMs: at,
      updatedAtMs: at,
      version: 1,
    };
    const event = { Records: [recordOf({ owner: 'alice', kind: 'upsert', task, atMs: at })] };
    expect(await invoke(bundleOf('stats-processor'), event, MEMORY)).toEqual({
      batchItemFailures: [],
    });
  });

  it(`is at most ${MAX_BUNDLE_BYTES / 1024} KB`, async () => {
    expect((await stat(bundleOf('stats-processor'))).size).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });
});

describe('the bundle of RebuildStatsFunction', () => {
  it('rebuilds in a fresh process, on the in-memory store, and reports what it did', async () => {
    expect(await invoke(bundleOf('rebuild-stats'), {}, MEMORY)).toEqual({
      owners: 0,
      tasks: 0,
      unsettled: [],
    });
  });

  it(`is at most ${MAX_BUNDLE_BYTES / 1024} KB`, async () => {
    expect((await stat(bundleOf('rebuild-stats'))).size).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });
});
