import { FIRST_LOAD_GZIP_LIMIT_BYTES, measureFirstLoad } from '@tasks/web/size';
import { kilobytes } from './stats.js';

/**
 * The row of the web page's first load (SPEC §9: JavaScript and CSS ≤ 30 KB gzipped),
 * measured as the page's build measures it: every asset `index.html` loads, followed
 * through static imports, in `packages/web/dist`.
 */
export const webSizeRow = async (): Promise<string[]> => {
  const load = await measureFirstLoad();
  return [
    'web page first load',
    `${load.assets.map((asset) => asset.file).join(' + ')} (packages/web/dist)`,
    `${kilobytes(load.gzipBytes)} gzipped (${kilobytes(load.bytes)} minified)`,
    '',
    '',
    `≤ ${FIRST_LOAD_GZIP_LIMIT_BYTES / 1024} KB gzipped`,
  ];
};
