// @ts-check
/**
 * The esbuild options of every deployed bundle, shared by scripts/bundle.mjs and the
 * benchmark (which bundles its baseline handler the same way, for a fair comparison).
 */
import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOWED_METHODS_MODULE, allowedMethods } from './template-routes.mjs';

const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** The template's Runtime (nodejs24.x) as an esbuild target. */
export const NODE_TARGET = 'node24';

/**
 * In Lambda the execution role's credentials are always in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the SDK's default chain
 * (SSO, INI files, process, web identity, IMDS, with the STS and SSO clients they embed:
 * about 130 KB minified) is replaced by its environment provider alone. The local runtime
 * passes explicit credentials for DynamoDB Local.
 * @type {import('esbuild').Plugin}
 */
export const credentialsFromEnvironmentOnly = {
  name: 'credentials-from-environment-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: 'credential-provider-node',
      namespace: 'lambda-credentials',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lambda-credentials' }, () => ({
      contents: "export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';",
      resolveDir: packageRoot,
      loader: 'js',
    }));
  },
};

/**
 * What the AWS SDK bundles for features no DynamoDB call of ours uses, replaced (SPEC §9:
 * each bundle ≤ 250 KB, DynamoDB client included), about 23 KB minified:
 * - `@smithy/core/event-streams` (15 KB): loaded by a dynamic `import()` only for an
 *   operation with an event stream, which DynamoDB has none of; should one ever ask for it,
 *   the import rejects with a clear error instead of running.
 * - `@aws-sdk/middleware-endpoint-discovery` (8 KB with the LRU cache it builds): in this
 *   SDK no DynamoDB command adds the endpoint-discovery middleware any more, yet the client
 *   still resolves its configuration and builds an `EndpointCache` of 1,000 entries that
 *   nothing reads. The replacement keeps the configuration's shape without the cache.
 * @type {import('esbuild').Plugin}
 */
export const sdkWithoutUnusedFeatures = {
  name: 'sdk-without-unused-features',
  setup(pluginBuild) {
    pluginBuild.onResolve(
      { filter: /^(@smithy\/core\/event-streams|@aws-sdk\/middleware-endpoint-discovery)$/ },
      (args) => ({ path: args.path, namespace: 'sdk-unused' }),
    );
    pluginBuild.onLoad({ filter: /event-streams$/, namespace: 'sdk-unused' }, () => ({
      contents:
        "throw new Error('This bundle leaves out the AWS SDK event streams: no DynamoDB operation uses them');",
      loader: 'js',
    }));
    pluginBuild.onLoad({ filter: /endpoint-discovery$/, namespace: 'sdk-unused' }, () => ({
      contents: [
        '// No command reads these: the endpoint-discovery middleware is not on any stack.',
        'export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {',
        '  environmentVariableSelector: () => undefined,',
        '  configFileSelector: () => undefined,',
        '  default: undefined,',
        '};',
        'export const resolveEndpointDiscoveryConfig = (input) => input;',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const escaped = (/** @type {string} */ name) =>
  name.replace(/[/.]/g, (character) => `\\${character}`);
/** Every Node built-in by its bare name (`fs`, `fs/promises`) or with the `node:` scheme. */
const BUILTIN = new RegExp(
  `^(node:.+|(${builtinModules
    .filter((name) => !name.startsWith('_'))
    .map(escaped)
    .join('|')}))$`,
);

/**
 * Reads every Node built-in through `process.getBuiltinModule` instead of an ES import.
 * Importing a built-in as an ES module makes Node build the module's namespace, which
 * reads every export, lazy getters included: `node:http`'s `WebSocket`, `CloseEvent` and
 * `MessageEvent` load undici, Node's fetch, whole. The SDK's HTTP handler imports
 * `node:http` that way at its first request (a dynamic `import()`), so each cold start's
 * first answer paid about 12 ms on this machine for a WebSocket nothing opens, and
 * `node:process`'s and `node:fs`'s namespaces cost a few more at import (README,
 * Performance). Here each built-in is a CommonJS module of one line, whose exports esbuild
 * reads only where the code uses them. Lambda's own runtime loads `node:http` with
 * `require` too, so nothing had loaded undici before the handler either.
 * @type {import('esbuild').Plugin}
 */
export const builtinsWithoutNamespaces = {
  name: 'builtins-without-namespaces',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: BUILTIN }, (args) => ({
      path: args.path.startsWith('node:') ? args.path : `node:${args.path}`,
      namespace: 'node-builtin',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * Resolves `tasks:allowed-methods` (what the fallback function imports) to the methods of
 * each path of infra/template.yaml, read now: the bundle carries the template's routes as
 * data, and the template stays their only source.
 * @type {import('esbuild').Plugin}
 */
export const allowedMethodsFromTemplate = {
  name: 'allowed-methods-from-template',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^tasks:allowed-methods$/ }, () => ({
      path: ALLOWED_METHODS_MODULE,
      namespace: 'template',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'template' }, () => ({
      contents: JSON.stringify(allowedMethods()),
      loader: 'json',
    }));
  },
};

/**
 * Options for one Lambda bundle: ESM, minified, for the template's runtime, with an
 * external source map and a metafile.
 * @param {{ entry: string, outdir: string, externalSdk?: boolean }} options
 * @returns {import('esbuild').BuildOptions & { metafile: true }}
 */
export const lambdaBuildOptions = ({ entry, outdir, externalSdk = false }) => ({
  entryPoints: { index: entry },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: NODE_TARGET,
  // Node has run Unicode property escapes (`\p{…}`) since version 10, but esbuild's table
  // for node does not say so: it rewrote every such literal into `new RegExp(…)`, a call it
  // cannot drop, so valibot's unused EMOJI_REGEX stayed in every bundle and cost each cold
  // start the ICU lookups of its eight property escapes (about 0.5 ms, README Performance).
  supported: { 'regexp-unicode-property-escapes': true },
  minify: true,
  sourcemap: 'external',
  metafile: true,
  legalComments: 'external',
  // Workspace packages from their TypeScript sources; the SDK's ESM builds, which tree-shake.
  conditions: ['source', 'module'],
  mainFields: ['module', 'main'],
  external: externalSdk ? ['@aws-sdk/*', '@smithy/*'] : [],
  // For a require() esbuild cannot resolve at build time (none today: the plugin below
  // answers every built-in); read like the built-ins, without an ES import.
  banner: {
    js: "const require=process.getBuiltinModule('node:module').createRequire(import.meta.url);",
  },
  plugins: externalSdk
    ? [builtinsWithoutNamespaces, allowedMethodsFromTemplate]
    : [
        builtinsWithoutNamespaces,
        allowedMethodsFromTemplate,
        credentialsFromEnvironmentOnly,
        sdkWithoutUnusedFeatures,
      ],
  logLevel: 'warning',
});
