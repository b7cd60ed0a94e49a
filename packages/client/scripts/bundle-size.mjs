// @ts-check
/**
 * The size of `@tasks/client` as an application ships it (SPEC §9: ≤ 5 KB minified and
 * gzipped): `dist/index.js` bundled by esbuild for browsers, minified, then gzipped.
 * Shared by the client's size test and `npm run bench`.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** SPEC §9's bound, in bytes of the minified and gzipped bundle. */
export const CLIENT_GZIP_LIMIT_BYTES = 5 * 1024;

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Bundles the built client (run `npm run build` first) and measures it. */
export const measureClientBundle = async () => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    code: new TextDecoder().decode(code),
    bytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.keys(result.metafile.inputs),
  };
};
