import type { LocalRuntime } from './runtime-options.js';

/**
 * What the CLI prints first: where the API is, which store holds the data and where,
 * that authentication is off and for whom, and the routes read from the template.
 */
export const bannerLines = (runtime: LocalRuntime): string[] => {
  const width = Math.max(...runtime.routes.map((route) => route.routeKey.length));
  return [
    `Tasks API on ${runtime.url}`,
    `Store: ${runtime.storage.description}`,
    ...runtime.storage.notes.map((note) => `  ${note}`),
    `Authentication: off (AUTH_MODE=none): every request acts as the fixed owner "${runtime.fixedOwner}"`,
    'Routes (from infra/template.yaml, each served by its bundle in dist/functions):',
    ...runtime.routes.map((route) => `  ${route.routeKey.padEnd(width)}  ${route.functionId}`),
    'Press Ctrl-C to stop.',
  ];
};
