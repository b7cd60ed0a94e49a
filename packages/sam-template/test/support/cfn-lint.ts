import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** What to do about cfn-lint: run it, fail because CI requires it, or note its absence. */
export type CfnLintPlan =
  | { readonly action: 'run'; readonly command: string }
  | { readonly action: 'fail'; readonly message: string }
  | { readonly action: 'note'; readonly message: string };

/** Whether `CI` asks for a CI run, as CI services set it (`true`, `1`, …; not `false`/`0`). */
export const isCi = (ci: string | undefined): boolean =>
  ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';

/**
 * cfn-lint is a Python tool, not an npm package: machines of this kind have it (pip), a
 * developer's may not. Where `CI` is set it must be there; elsewhere its absence is said.
 */
export const planCfnLint = (found: string | undefined, ci: string | undefined): CfnLintPlan => {
  if (found !== undefined) return { action: 'run', command: found };
  return isCi(ci)
    ? {
        action: 'fail',
        message: 'cfn-lint is required when CI is set, and is not on PATH: pip install cfn-lint',
      }
    : {
        action: 'note',
        message:
          'Note: cfn-lint is not on PATH, so infra/template.yaml was not linted (pip install cfn-lint; CI requires it)',
      };
};

/** The first executable `cfn-lint` on `path`. */
export const findCfnLint = async (path: string | undefined): Promise<string | undefined> => {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'cfn-lint');
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    ) {
      return candidate;
    }
  }
  return undefined;
};
