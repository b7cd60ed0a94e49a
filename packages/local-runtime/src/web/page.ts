import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SamTemplate } from '@tasks/sam-template';
import type { WebConfig } from '@tasks/web-config';
import { InvalidTemplateError } from '../errors.js';
import type { AuthChoice } from '../runtime-options.js';
import type { DistributionOrigins, SiteBehaviour } from './distribution.js';
import { makePageBehaviour } from './page-behaviour.js';
import { directoryBucket, type GeneratedObject } from './page-bucket.js';
import { type LocalSignIn, pageSignIn } from './page-config.js';
import { policyHeaders } from './response-headers.js';
import { templateDistribution } from './template-distribution.js';
import { templateViewerRequestFunction } from './viewer-request-function.js';

/** The page, as `startLocalRuntime` serves it (or not), for the banner. */
export type RuntimePage =
  | { readonly state: 'off' }
  /** The build is not there: the API is served alone. */
  | { readonly state: 'missing'; readonly dir: string }
  | {
      readonly state: 'served';
      /** `http://127.0.0.1:3000/` */
      readonly url: string;
      readonly dir: string;
      /** How it signs in, as its `/config.json` says; `undefined` when it cannot. */
      readonly auth: WebConfig['auth'] | undefined;
      /** Why it cannot sign in (no `/config.json` is served then). */
      readonly problem?: string;
    };

export interface PageContext {
  readonly template: SamTemplate;
  readonly auth: AuthChoice;
  readonly fixedOwner: string;
  /** Whether the local issuer's sign-in is served (the runtime listens on loopback). */
  readonly localSignIn: LocalSignIn;
  /** The runtime's URL, without a trailing slash. */
  readonly url: string;
  /** The runtime's region, which the template's intrinsics resolve `AWS::Region` to. */
  readonly region: string;
  readonly log: (line: string) => void;
}

const isFile = (path: string): Promise<boolean> =>
  stat(path).then(
    (info) => info.isFile(),
    () => false,
  );

/**
 * The template's distribution on the page's build in `dir` (Vite's `dist/`), with the
 * `config.json` the deploy would write for this runtime's authentication: each behaviour
 * with its allowed methods and its response headers policy's headers, resolved for the
 * region of the stack the page would sign in with (a trusted Cognito pool's, else the
 * runtime's); the page's behaviour with its viewer-request function. No site, with the
 * state `missing`, when `dir` holds no `index.html`. Throws {@link InvalidTemplateError}
 * when the template has no distribution, or one the runtime cannot imitate.
 */
export const startPage = async (
  dir: string,
  context: PageContext,
): Promise<{ summary: RuntimePage; site: DistributionOrigins['site'] }> => {
  if (!(await isFile(join(dir, 'index.html')))) {
    return { summary: { state: 'missing', dir }, site: undefined };
  }
  const { template, log } = context;
  const behaviours = templateDistribution(template);
  const pageBehaviour = behaviours?.find((behaviour) => behaviour.origin === 'page');
  if (behaviours === undefined || pageBehaviour === undefined) {
    throw new InvalidTemplateError(
      'The template has no CloudFront distribution of the page to imitate',
    );
  }
  const signIn = pageSignIn(context.auth, context.fixedOwner, context.localSignIn);
  const auth = signIn.ok ? signIn.config.auth : undefined;
  const region = auth?.kind === 'cognito' ? auth.region : context.region;
  const generated = new Map<string, GeneratedObject>();
  if (signIn.ok) {
    const body = Buffer.from(`${JSON.stringify(signIn.config, null, 2)}\n`);
    generated.set('config.json', { body, contentType: 'application/json' });
  }
  const functionId = pageBehaviour.viewerRequestFunctionId;
  const page = makePageBehaviour({
    bucket: await directoryBucket(dir, generated),
    viewerRequest:
      functionId === undefined
        ? undefined
        : templateViewerRequestFunction(template, functionId, log),
    names: { distributionDomainName: new URL(context.url).host, distributionId: 'LOCAL' },
    log,
  });
  const site = {
    page,
    behaviours: behaviours.map(
      ({ matches, origin, allowedMethods, responseHeadersPolicyId: policy }): SiteBehaviour => ({
        matches,
        origin,
        allowedMethods,
        headers: policy === undefined ? [] : policyHeaders(template, policy, region),
      }),
    ),
  };
  const url = `${context.url}/`;
  const summary: RuntimePage = signIn.ok
    ? { state: 'served', url, dir, auth }
    : { state: 'served', url, dir, auth: undefined, problem: signIn.problem };
  return { summary, site };
};
