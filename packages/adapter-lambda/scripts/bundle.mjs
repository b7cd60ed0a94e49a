// @ts-check
/**
 * Bundles each composition root in src/handlers/ into dist/functions/<name>/index.mjs, as
 * infra/template.yaml's CodeUri folders expect: ESM, minified, for the template's runtime,
 * with a source map and a metafile. Prints each bundle's size.
 *
 *   node scripts/bundle.mjs                  the deployed bundles (AWS SDK bundled in)
 *   node scripts/bundle.mjs --external-sdk   the same, relying on the runtime's AWS SDK copy
 *                                            (for the comparison in the README)
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const externalSdk = process.argv.includes('--external-sdk');
const outRoot = join(root, 'dist', externalSdk ? 'functions-external-sdk' : 'functions');
/** The template's Runtime (nodejs24.x) as an esbuild target. */
export const NODE_TARGET = 'node24';

/**
 * In Lambda the execution role's credentials are always in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the SDK's default chain
 * (SSO, INI files, process, web identity, IMDS, with the STS and SSO clients they embed:
 * about 100 KB minified) is replaced by its environment provider alone. The local runtime
 * passes explicit credentials for DynamoDB Local.
 */
const credentialsFromEnvironmentOnly = {
  name: 'credentials-from-environment-only',
  setup(/** @type {import('esbuild').PluginBuild} */ pluginBuild) {
    pluginBuild.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: 'credential-provider-node',
      namespace: 'lambda-credentials',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lambda-credentials' }, () => ({
      contents: "export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const handlersDir = join(root, 'src', 'handlers');
const entries = (await readdir(handlersDir))
  .filter((file) => file.endsWith('.ts') && !['compose.ts', 'environment.ts'].includes(file))
  .map((file) => basename(file, '.ts'));

await rm(outRoot, { recursive: true, force: true });
const rows = [];
for (const name of entries.sort()) {
  const outdir = join(outRoot, name);
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: { index: join(handlersDir, `${name}.ts`) },
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
    plugins: externalSdk ? [] : [credentialsFromEnvironmentOnly],
    logLevel: 'warning',
  });
  await writeFile(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  // For `sam build`, whose Node.js builder expects a package.json in each CodeUri.
  await writeFile(
    join(outdir, 'package.json'),
    `${JSON.stringify({ name: `tasks-${name}`, version: '0.1.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('.mjs'));
  if (output === undefined) throw new Error(`no bundle for ${name}`);
  const { readFile } = await import('node:fs/promises');
  const code = await readFile(join(outdir, 'index.mjs'));
  rows.push({ name, bytes: code.length, gzip: gzipSync(code).length });
}

const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `Bundles in ${outRoot.slice(root.length + 1)} (${externalSdk ? 'AWS SDK external' : 'AWS SDK bundled'}):`,
);
for (const { name, bytes, gzip } of rows)
  console.log(`  ${name.padEnd(12)} ${kb(bytes).padStart(10)}  (gzip ${kb(gzip)})`);
