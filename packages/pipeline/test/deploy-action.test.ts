/**
 * What a deploy job runs once it has credentials (.github/actions/deploy-stage): the
 * order matters (nothing deploys unvalidated, the smoke test runs against what was just
 * deployed, the test users go whatever happened), and the stack it smoke-tests must be the
 * one samconfig.toml deploys.
 */
import { describe, expect, it } from 'vitest';
import { expression, readText, stepsOf } from './support/repository.js';

const ACTION = '.github/actions/deploy-stage/action.yml';
const steps = stepsOf(ACTION).map(({ step }) => step);
const commands = steps.map((step) => String(step['run'] ?? `uses ${String(step['uses'])}`));

describe('the deploy steps', () => {
  it('build, validate, deploy without a prompt, upload the page, then smoke-test with users made for the run, on the API and through the distribution', () => {
    expect(commands).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run build',
      expect.stringMatching(/^uses aws-actions\/setup-sam@/),
      'sam validate --lint',
      'sam build',
      'sam deploy --config-env "$STAGE" --no-confirm-changeset --no-fail-on-empty-changeset',
      'npm run build -w @tasks/web',
      'scripts/deploy-web.sh "tasks-$STAGE"',
      'scripts/smoke-users.sh create "tasks-$STAGE" "$SMOKE_RUN" "$GITHUB_ENV"',
      'npm run smoke -w @tasks/client',
      'TASKS_BASE_URL="$TASKS_WEB_URL" npm run smoke -w @tasks/client',
      'scripts/smoke-users.sh delete "tasks-$STAGE" "$SMOKE_RUN"',
    ]);
  });

  it('delete the test users whatever failed before, and only that step runs regardless', () => {
    expect(steps.map((step) => step['if'] ?? null)).toEqual([
      ...Array.from({ length: steps.length - 1 }, () => null),
      'always()',
    ]);
  });

  it('create and delete the same users: one run id, from the same expression', () => {
    const runIds = steps.flatMap((step) => {
      const env = step['env'];
      return typeof env === 'object' && env !== null && 'SMOKE_RUN' in env ? [env.SMOKE_RUN] : [];
    });
    expect(runIds).toEqual([
      `${expression('github.run_id')}-${expression('github.run_attempt')}`,
      `${expression('github.run_id')}-${expression('github.run_attempt')}`,
    ]);
  });

  it('upload the page to the stack the smoke test tests, as the same stage', () => {
    const scripts = steps.filter((step) =>
      /^scripts\/(deploy-web|smoke-users)\.sh /.test(String(step['run'])),
    );
    expect(scripts).toHaveLength(3);
    for (const step of scripts) {
      expect(String(step['run']).match(/"tasks-[^"]*"/g)).toEqual(['"tasks-$STAGE"']);
      expect(step['env']).toMatchObject({ STAGE: expression('inputs.stage') });
    }
  });

  it('smoke-test the stack samconfig.toml deploys for each stage', () => {
    const samconfig = readText('samconfig.toml');
    for (const stage of ['dev', 'prod']) {
      const section = samconfig.split(`[${stage}.deploy.parameters]`)[1]?.split('\n[')[0] ?? '';
      expect(section).toContain(`stack_name = "tasks-${stage}"`);
      expect(section).toContain(`parameter_overrides = "Stage=${stage}`);
    }
  });
});
