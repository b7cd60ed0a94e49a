import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { cacheControlOf, contentTypeOf } from './object-metadata.js';

/** An object of the page's bucket, with the metadata S3 answers it with. */
export interface BucketObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
  /** S3's ETag of a single-part upload: the MD5 of the bytes, quoted. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** The page's bucket, read-only, as CloudFront's origin access control may read it. */
export interface PageBucket {
  /** The object at `key`, or `undefined` when there is none (S3's NoSuchKey). */
  get(key: string): Promise<BucketObject | undefined>;
}

/** An object the runtime writes itself, as the deploy writes it beside the build. */
export interface GeneratedObject {
  readonly body: Buffer;
  readonly contentType: string;
}

const etagOf = (body: Buffer): string => `"${createHash('md5').update(body).digest('hex')}"`;

/**
 * Whether `key` could name a file under the build. S3 keys are opaque strings, so `a/../b`
 * would simply be another key that the upload never wrote; a folder can never resolve
 * them as paths, so such keys, and those that a file system reads otherwise (backslashes,
 * NUL, empty or dot segments), name nothing.
 */
const isPlainKey = (key: string): boolean =>
  key !== '' &&
  !/[\\\0]/.test(key) &&
  key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');

/**
 * The bucket the build in `dir` was uploaded to (`aws s3 sync dir s3://bucket`), with
 * `generated` written beside it (and over it: `config.json` is written per stage). Only
 * regular files inside `dir` are objects: never a folder (no listing), never a link that
 * leads out of it.
 */
export const directoryBucket = async (
  dir: string,
  generated: ReadonlyMap<string, GeneratedObject>,
  now: Date = new Date(),
): Promise<PageBucket> => {
  const root = await realpath(dir);
  const written = new Map(
    [...generated].map(([key, object]): [string, BucketObject] => [
      key,
      {
        ...object,
        cacheControl: cacheControlOf(key),
        etag: etagOf(object.body),
        lastModified: now,
      },
    ]),
  );
  const fileAt = async (key: string): Promise<BucketObject | undefined> => {
    if (!isPlainKey(key)) return undefined;
    const path = await realpath(join(root, ...key.split('/'))).catch(() => undefined);
    if (path === undefined || !path.startsWith(`${root}${sep}`)) return undefined;
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) return undefined;
    const body = await readFile(path).catch(() => undefined);
    if (body === undefined) return undefined;
    return {
      body,
      contentType: contentTypeOf(key),
      cacheControl: cacheControlOf(key),
      etag: etagOf(body),
      lastModified: info.mtime,
    };
  };
  return { get: async (key) => written.get(key) ?? fileAt(key) };
};
