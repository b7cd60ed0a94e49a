// @ts-check
/**
 * The esbuild options of every deployed bundle, shared by scripts/bundle.mjs and the
 * benchmark (which bundles its baseline handler the same way, for a fair comparison).
 */
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
  minify: true,
  sourcemap: 'external',
  metafile: true,
  legalComments: 'external',
  // Workspace packages from their TypeScript sources; the SDK's ESM builds, which tree-shake.
  conditions: ['source', 'module'],
  mainFields: ['module', 'main'],
  external: externalSdk ? ['@aws-sdk/*', '@smithy/*'] : [],
  // A few CommonJS dependencies call require() on Node built-ins.
  banner: {
    js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  },
  plugins: externalSdk
    ? [allowedMethodsFromTemplate]
    : [allowedMethodsFromTemplate, credentialsFromEnvironmentOnly],
  logLevel: 'warning',
});
