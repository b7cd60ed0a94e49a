/**
 * The metadata the page's objects get when `scripts/deploy-web.sh` uploads them: a
 * Content-Type by extension (the page, its scripts and styles in UTF-8, said; the rest as
 * the AWS CLI guesses), and a Cache-Control by place. Hashed assets never change under
 * their name, so browsers keep them a year; everything else (`index.html`, `config.json`)
 * is revalidated on every load, so that a deploy is seen at once.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
  webmanifest: 'application/manifest+json',
  txt: 'text/plain',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/vnd.microsoft.icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
};

/** What S3 answers for an object uploaded without a Content-Type. */
export const S3_DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** The Content-Type of the object at `key`, by its extension (case-insensitive). */
export const contentTypeOf = (key: string): string => {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? S3_DEFAULT_CONTENT_TYPE;
};

/** Vite's content-hashed output: the name changes whenever the bytes do. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** May be stored, but is checked with the origin before each use. */
export const REVALIDATE = 'no-cache';

/** The Cache-Control of the object at `key`: `assets/*` immutable, the rest revalidated. */
export const cacheControlOf = (key: string): string =>
  key.startsWith('assets/') ? IMMUTABLE : REVALIDATE;
