import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { lambdaBuildOptions } from '@tasks/adapter-lambda/esbuild-options';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
/** Where `npm run build` leaves the deployed bundles. */
export const FUNCTIONS_DIR = fileURLToPath(
  new URL('../../adapter-lambda/dist/functions', import.meta.url),
);

export interface Bundle {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** A bundle's size, raw and gzipped. */
export const describeBundle = async (name: string, file: string): Promise<Bundle> => {
  const code = await readFile(file);
  return { name, file, bytes: code.length, gzipBytes: gzipSync(code).length };
};

/** The deployed bundles, as built by `npm run build`. */
export const deployedBundles = async (): Promise<Bundle[]> => {
  const names = (await readdir(FUNCTIONS_DIR)).sort();
  return Promise.all(
    names.map((name) => describeBundle(name, join(FUNCTIONS_DIR, name, 'index.mjs'))),
  );
};

/** The minimal DynamoDB handler, bundled with the deployed bundles' options. */
export const baselineBundle = async (outdir: string): Promise<Bundle> => {
  // The compiled baseline sits in dist/baseline; bundle its TypeScript source.
  const entry = join(here, '..', 'src', 'baseline', 'minimal-dynamodb-handler.ts');
  await build(lambdaBuildOptions({ entry, outdir }));
  return describeBundle('minimal DynamoDB handler', join(outdir, 'index.mjs'));
};
