/**
 * The pipeline's shell: scripts/*.sh and every `run:` step of the workflows and actions,
 * with shellcheck. A `run:` step is a bash script once GitHub has put the values of its
 * `${{ }}` expressions in, so each expression becomes a plain word before the check.
 * shellcheck is required under CI (.ci/run installs it; GitHub's runners have it); on a
 * developer's machine without it the scripts must at least parse with `bash -n`.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ACTIONS, ROOT, readText, stepsOf, WORKFLOWS } from './support/repository.js';

const run = (file: string, args: string[], input?: string) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    const child = execFile(file, args, (error, stdout, stderr) =>
      resolve({
        code: error === null ? 0 : typeof error.code === 'number' ? error.code : 127,
        output: `${stdout}${stderr}`,
      }),
    );
    child.stdin?.end(input ?? '');
  });

const hasShellcheck = await promisify(execFile)('shellcheck', ['--version']).then(
  () => true,
  () => false,
);
const inCi = (process.env['CI'] ?? '') !== '' && process.env['CI'] !== 'false';

/** shellcheck where it is, `bash -n` where it may be missing; its status and its words. */
const check = (script: string) => {
  if (hasShellcheck) return run('shellcheck', ['--shell=bash', '--severity=style', '-'], script);
  if (inCi)
    return Promise.resolve({
      code: 127,
      output: 'CI needs shellcheck: apt-get install shellcheck',
    });
  return run('bash', ['-n'], script);
};

const SCRIPTS = readdirSync(`${ROOT}scripts`)
  .filter((file) => file.endsWith('.sh'))
  .map((file) => `scripts/${file}`);

const RUN_STEPS = [...WORKFLOWS, ...ACTIONS].flatMap((path) =>
  stepsOf(path).flatMap(({ where, step }) =>
    typeof step['run'] === 'string'
      ? [{ where, script: step['run'].replace(/\$\{\{[^}]*\}\}/g, 'EXPRESSION') }]
      : [],
  ),
);

describe('shell in the pipeline', () => {
  it('finds the scripts and the run steps it checks', () => {
    expect(SCRIPTS).toEqual(
      expect.arrayContaining(['scripts/smoke-users.sh', 'scripts/testcontainers-podman.sh']),
    );
    expect(RUN_STEPS.length).toBeGreaterThanOrEqual(10);
  });

  it.each(SCRIPTS)('%s is clean', async (path) => {
    expect(await check(readText(path))).toEqual({ code: 0, output: '' });
  });

  it.each(RUN_STEPS)('$where is clean', async ({ script }) => {
    expect(await check(`#!/usr/bin/env bash\n${script}`)).toEqual({ code: 0, output: '' });
  });

  it('reports a script with an unquoted expansion, so a clean report means something', async () => {
    const result = await check('#!/usr/bin/env bash\nrm -rf $1/\nif then\n');
    expect(result.code).not.toBe(0);
  });
});
