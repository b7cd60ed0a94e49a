/** The codes of the harness's own failures, stable for whoever reads a failed run. */
export type HarnessErrorCode = 'browser_unavailable' | 'page_not_built' | 'sign_in_failed';

/** A failure of the test harness itself, before any behaviour of the page is tried. */
export class HarnessError extends Error {
  override readonly name: string = 'HarnessError';
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** No Chromium can be had on this machine. */
export class BrowserUnavailableError extends HarnessError {
  override readonly name = 'BrowserUnavailableError';
  constructor(message: string, options?: ErrorOptions) {
    super('browser_unavailable', message, options);
  }
}

/** `packages/web/dist` has no `index.html`: the page was not built. */
export class PageNotBuiltError extends HarnessError {
  override readonly name = 'PageNotBuiltError';
  constructor(dir: string, options?: ErrorOptions) {
    super(
      'page_not_built',
      `the page is not built (no ${dir}/index.html): run \`npm run build\``,
      options,
    );
  }
}

/** The local issuer gave no token. */
export class SignInFailedError extends HarnessError {
  override readonly name = 'SignInFailedError';
  constructor(user: string, status: number, options?: ErrorOptions) {
    super(
      'sign_in_failed',
      `the local issuer gave no token for "${user}" (HTTP ${status})`,
      options,
    );
  }
}
