// @ts-check
/**
 * Bundles each composition root in src/handlers/ into dist/functions/<name>/index.mjs, as
 * infra/template.yaml's CodeUri folders expect, and prints each bundle's size. A CodeUri
 * folder deploys whole, so it holds only what runs (the code, its source map for
 * --enable-source-maps, the package.json `sam build` reads); esbuild's metafile, for size
 * analysis, goes to dist/metafiles/<name>.json.
 *
 *   node scripts/bundle.mjs                  the deployed bundles (AWS SDK bundled in)
 *   node scripts/bundle.mjs --external-sdk   the same, relying on the runtime's AWS SDK copy
 *                                            (dist/functions-external-sdk, for comparison)
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { lambdaBuildOptions } from './esbuild-options.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const externalSdk = process.argv.includes('--external-sdk');
const outRoot = join(root, 'dist', externalSdk ? 'functions-external-sdk' : 'functions');
const metaRoot = join(root, 'dist', externalSdk ? 'metafiles-external-sdk' : 'metafiles');
const handlersDir = join(root, 'src', 'handlers');

const names = (await readdir(handlersDir))
  // Every file in src/handlers/ is the composition root of one deployed function.
  .filter((file) => file.endsWith('.ts'))
  .map((file) => basename(file, '.ts'))
  .sort();

await rm(outRoot, { recursive: true, force: true });
await rm(metaRoot, { recursive: true, force: true });
await mkdir(metaRoot, { recursive: true });
const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `Bundles in ${outRoot.slice(root.length + 1)} (AWS SDK ${externalSdk ? 'external' : 'bundled'}):`,
);
for (const name of names) {
  const outdir = join(outRoot, name);
  await mkdir(outdir, { recursive: true });
  const result = await build(
    lambdaBuildOptions({ entry: join(handlersDir, `${name}.ts`), outdir, externalSdk }),
  );
  await writeFile(join(metaRoot, `${name}.json`), JSON.stringify(result.metafile));
  // For `sam build`, whose Node.js builder expects a package.json in each CodeUri.
  const manifest = { name: `tasks-${name}`, version: '0.1.0', private: true, type: 'module' };
  await writeFile(join(outdir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const code = await readFile(join(outdir, 'index.mjs'));
  console.log(
    `  ${name.padEnd(12)} ${kb(code.length).padStart(10)}  (gzip ${kb(gzipSync(code).length)})`,
  );
}
