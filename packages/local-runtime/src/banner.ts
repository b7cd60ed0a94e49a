import type { LocalRuntime, RuntimeAuth } from './runtime-options.js';

/** How requests are authenticated, in a line or two. */
const authLines = (auth: RuntimeAuth): string[] => {
  if (auth.mode === 'none') {
    return [
      `Authentication: off (AUTH_MODE=none): every request acts as the fixed owner "${auth.fixedOwner}"`,
    ];
  }
  const audience = auth.audience.join(', ');
  if (auth.tokenCommand === undefined) {
    return [
      `Authentication: JWT (issuer ${auth.issuer}, audience ${audience}, keys from ${auth.jwksUrl})`,
    ];
  }
  return [
    `Authentication: JWT (local issuer ${auth.issuer}, audience ${audience}); get a token with: ${auth.tokenCommand}`,
    `  Each request's owner is its token's sub; the issuer's keys are at ${auth.jwksUrl}`,
  ];
};

/**
 * What the CLI prints first: where the API is, which store holds the data and where,
 * how requests are authenticated (off and for whom, or by which issuer's tokens), and
 * the routes read from the template.
 */
export const bannerLines = (runtime: LocalRuntime): string[] => {
  const width = Math.max(...runtime.routes.map((route) => route.routeKey.length));
  return [
    `Tasks API on ${runtime.url}`,
    `Store: ${runtime.storage.description}`,
    ...runtime.storage.notes.map((note) => `  ${note}`),
    ...authLines(runtime.auth),
    'Routes (from infra/template.yaml, each served by its bundle in dist/functions):',
    ...runtime.routes.map((route) => `  ${route.routeKey.padEnd(width)}  ${route.functionId}`),
    'Press Ctrl-C to stop.',
  ];
};
