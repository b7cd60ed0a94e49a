// AWS's own linter reads the template as CloudFormation will (issue 11): it found the
// table and the user pool without a DeletionPolicy (I3011), which our schema check and
// the local runtime cannot see. Informational checks count: a finding fails the run.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_PATH } from '../src/index.js';
import { findCfnLint, planCfnLint } from './support/cfn-lint.js';

describe('infra/template.yaml under cfn-lint', () => {
  it('has no finding, informational ones included', async () => {
    const plan = planCfnLint(await findCfnLint(process.env['PATH']), process.env['CI']);
    if (plan.action === 'fail') throw new Error(plan.message);
    if (plan.action === 'note') {
      console.warn(plan.message);
      return;
    }

    const run = await promisify(execFile)(
      plan.command,
      ['--include-checks', 'I', '--format', 'parseable', '--', TEMPLATE_PATH],
      { timeout: 120_000 },
    ).then(
      ({ stdout }) => ({ code: 0, findings: stdout }),
      (error: { code?: number; stdout?: string }) => ({
        code: error.code,
        findings: error.stdout ?? String(error),
      }),
    );

    expect(run.findings).toBe('');
    expect(run.code).toBe(0);
  }, 150_000);

  it.each([
    ['/usr/bin/cfn-lint', undefined, 'run'],
    ['/usr/bin/cfn-lint', 'true', 'run'],
    [undefined, 'true', 'fail'],
    [undefined, '1', 'fail'],
    [undefined, undefined, 'note'],
    [undefined, '', 'note'],
    [undefined, 'false', 'note'],
  ] as const)('with cfn-lint at %s and CI=%s, plans to %s', (found, ci, action) => {
    expect(planCfnLint(found, ci).action).toBe(action);
  });
});
