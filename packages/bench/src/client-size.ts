import { CLIENT_GZIP_LIMIT_BYTES, measureClientBundle } from '@tasks/client/bundle-size';
import { kilobytes } from './stats.js';

/**
 * The row of `@tasks/client`'s size (SPEC §9: ≤ 5 KB minified and gzipped), measured as
 * the client's own size test measures it: its `dist` bundled by esbuild for browsers.
 */
export const clientSizeRow = async (): Promise<string[]> => {
  const bundle = await measureClientBundle();
  return [
    'client size',
    '@tasks/client (esbuild, browser)',
    `${kilobytes(bundle.gzipBytes)} gzipped (${kilobytes(bundle.bytes)} minified)`,
    '',
    '',
    `≤ ${CLIENT_GZIP_LIMIT_BYTES / 1024} KB gzipped`,
  ];
};
