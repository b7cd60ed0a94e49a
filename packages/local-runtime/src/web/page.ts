import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SamTemplate } from '@tasks/sam-template';
import type { Gateway } from '../gateway.js';
import type { AuthChoice } from '../runtime-options.js';
import { makePageBehaviour } from './page-behaviour.js';
import { directoryBucket, type GeneratedObject } from './page-bucket.js';
import { pageSignIn, securityHeaders, type WebConfig } from './page-config.js';
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
  /** The runtime's URL, without a trailing slash. */
  readonly url: string;
  readonly log: (line: string) => void;
}

const isFile = (path: string): Promise<boolean> =>
  stat(path).then(
    (info) => info.isFile(),
    () => false,
  );

/**
 * The page's behaviour on the build in `dir` (Vite's `dist/`), with the `config.json` the
 * deploy would write for this runtime's authentication; `undefined` with the state
 * `missing` when `dir` holds no `index.html`. Throws `InvalidTemplateError` when the
 * template's viewer-request function is missing or does not compile.
 */
export const startPage = async (
  dir: string,
  context: PageContext,
): Promise<{ summary: RuntimePage; behaviour: Gateway | undefined }> => {
  if (!(await isFile(join(dir, 'index.html')))) {
    return { summary: { state: 'missing', dir }, behaviour: undefined };
  }
  const viewerRequest = templateViewerRequestFunction(context.template, context.log);
  const signIn = pageSignIn(context.auth, context.fixedOwner);
  const generated = new Map<string, GeneratedObject>();
  if (signIn.ok) {
    const body = Buffer.from(`${JSON.stringify(signIn.config, null, 2)}\n`);
    generated.set('config.json', { body, contentType: 'application/json' });
  }
  const behaviour = makePageBehaviour({
    bucket: await directoryBucket(dir, generated),
    viewerRequest,
    names: { distributionDomainName: new URL(context.url).host, distributionId: 'LOCAL' },
    headers: securityHeaders(signIn.ok ? signIn.connectSources : []),
    log: context.log,
  });
  const url = `${context.url}/`;
  const summary: RuntimePage = signIn.ok
    ? { state: 'served', url, dir, auth: signIn.config.auth }
    : { state: 'served', url, dir, auth: undefined, problem: signIn.problem };
  return { summary, behaviour };
};
