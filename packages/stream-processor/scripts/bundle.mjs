// @ts-check
/**
 * Bundles each composition root in src/handlers/ into dist/functions/<name>/index.mjs, as
 * infra/template.yaml's CodeUri folders expect, with the API's esbuild options (one
 * source for how every deployed function is built), and prints each bundle's size.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { lambdaBuildOptions } from '@tasks/adapter-lambda/esbuild-options';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outRoot = join(root, 'dist', 'functions');
const handlersDir = join(root, 'src', 'handlers');

const names = (await readdir(handlersDir))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => basename(file, '.ts'))
  .sort();

await rm(outRoot, { recursive: true, force: true });
const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`Bundles in ${outRoot.slice(root.length + 1)} (AWS SDK bundled):`);
for (const name of names) {
  const outdir = join(outRoot, name);
  await mkdir(outdir, { recursive: true });
  const result = await build(
    lambdaBuildOptions({ entry: join(handlersDir, `${name}.ts`), outdir }),
  );
  await writeFile(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  // For `sam build`, whose Node.js builder expects a package.json in each CodeUri.
  const manifest = { name: `tasks-${name}`, version: '0.1.0', private: true, type: 'module' };
  await writeFile(join(outdir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const code = await readFile(join(outdir, 'index.mjs'));
  console.log(
    `  ${name.padEnd(16)} ${kb(code.length).padStart(10)}  (gzip ${kb(gzipSync(code).length)})`,
  );
}
