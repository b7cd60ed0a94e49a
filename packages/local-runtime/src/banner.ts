import type { LocalRuntime, RuntimeAuth } from './runtime-options.js';
import type { RuntimePage } from './web/page.js';
import { SIGN_IN_PATH } from './web/sign-in.js';

/** How requests are authenticated, in a line or two (three when no page says the sign-in is off). */
const authLines = (auth: RuntimeAuth, host: string, page: RuntimePage): string[] => {
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
    // A page served says it on its own line.
    ...(auth.signIn === 'off' && page.state !== 'served'
      ? [
          `  No sign-in (POST ${SIGN_IN_PATH}): the runtime listens on ${host}, beyond loopback, where anyone could sign in as any user; use npm run token`,
        ]
      : []),
  ];
};

/**
 * Who can reach the DynamoDB Local the runtime started. It checks no credentials, so
 * whoever reaches its port reads every owner's tasks: loopback is said, and every
 * interface (a Java that cannot compile the loopback launcher, or Docker's published
 * port) is warned about, since it cannot be prevented from here.
 */
const exposureLines = (storage: LocalRuntime['storage']): string[] => {
  if (storage.endpoint === undefined || storage.listensOn === undefined) return [];
  const { port } = new URL(storage.endpoint);
  if (storage.listensOn === 'loopback') {
    return [`  DynamoDB Local listens on loopback only (127.0.0.1:${port})`];
  }
  return [
    `  Warning: DynamoDB Local listens on every network interface (port ${port}), not only loopback:`,
    `  anyone who can reach port ${port} of this machine can read and change every owner's tasks. Block it with a firewall on shared networks.`,
  ];
};

/** Where the page is and how it signs in; or, in one line, why it is not served. */
const pageLines = (page: RuntimePage): string[] => {
  if (page.state === 'off') return [];
  if (page.state === 'missing') {
    return [
      `Page: not served, ${page.dir} has no index.html (build it with npm run build); serving the API alone`,
    ];
  }
  const where = `Page: ${page.url} (the build in ${page.dir})`;
  const { auth } = page;
  if (auth === undefined)
    return [`${where} cannot sign in: ${page.problem}; no /config.json is served`];
  switch (auth.kind) {
    case 'none':
      return [`${where}, acting as the fixed owner "${auth.owner}"`];
    case 'local':
      return [
        `${where}; sign in with any user name (development only: POST ${SIGN_IN_PATH} hands out the local issuer's tokens)`,
      ];
    case 'cognito':
      return [
        `${where}; signs in with the Cognito user pool ${auth.userPoolId} (app client ${auth.clientId})`,
      ];
  }
};

/** Which functions read the table's stream, and where what they give up on goes. */
const streamLines = (streams: LocalRuntime['streams']): string[] =>
  streams.functionIds.length === 0
    ? []
    : [
        `Stream: ${streams.functionIds.join(', ')} on the tasks table's stream, as its event source mapping feeds it; failed batches to ${streams.failureQueueFile}`,
      ];

/**
 * What the CLI prints first: where the API is, which store holds the data and where (and
 * who else can reach it), how requests are authenticated (off and for whom, or by which
 * issuer's tokens), the page (where, and how it signs in), the stream's functions, and the routes read from the template.
 */
export const bannerLines = (runtime: LocalRuntime): string[] => {
  const width = Math.max(...runtime.routes.map((route) => route.routeKey.length));
  return [
    `Tasks API on ${runtime.url}`,
    `Store: ${runtime.storage.description}`,
    ...runtime.storage.notes.map((note) => `  ${note}`),
    ...exposureLines(runtime.storage),
    ...authLines(runtime.auth, runtime.host, runtime.page),
    ...pageLines(runtime.page),
    ...streamLines(runtime.streams),
    'Routes (from infra/template.yaml, each served by its bundle in dist/functions):',
    ...runtime.routes.map((route) => `  ${route.routeKey.padEnd(width)}  ${route.functionId}`),
    'Press Ctrl-C to stop.',
  ];
};
