import type { GatewayResponse } from '../lambda-result.js';
import type { BucketObject } from './page-bucket.js';

type Headers = readonly (readonly [string, string])[];

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The first value of a request header, by lower-case name. */
export const headerOf = (rawHeaders: readonly string[], name: string): string | undefined => {
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === name) return rawHeaders[index + 1];
  }
  return undefined;
};

/**
 * What S3 answers for a missing key when the reader may list the bucket (the page's
 * policy grants `s3:ListBucket`): 404 NoSuchKey. Without that grant it would be a 403.
 */
export const noSuchKey = (key: string, requestId: string): GatewayResponse => ({
  statusCode: 404,
  headers: [['Content-Type', 'application/xml']],
  body: Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${escapeXml(key)}</Key><RequestId>${escapeXml(requestId)}</RequestId></Error>`,
  ),
});

/** RFC 9110 §13.1.2: If-None-Match compares weakly; `*` matches any current object. */
const noneMatch = (header: string, etag: string): boolean => {
  if (header.trim() === '*') return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return !header.split(',').some((tag) => opaque(tag) === opaque(etag));
};

/** Whether the viewer's copy is current: If-None-Match when sent, else If-Modified-Since. */
const notModified = (rawHeaders: readonly string[], object: BucketObject): boolean => {
  const ifNoneMatch = headerOf(rawHeaders, 'if-none-match');
  if (ifNoneMatch !== undefined) return !noneMatch(ifNoneMatch, object.etag);
  const since = Date.parse(headerOf(rawHeaders, 'if-modified-since') ?? '');
  return Number.isFinite(since) && Math.floor(object.lastModified.getTime() / 1000) * 1000 <= since;
};

/**
 * S3's answer for a present object to GET or HEAD: 200 with its metadata and bytes, or
 * 304 with its validators when the viewer's conditional request says it has them.
 */
export const objectResponse = (
  rawHeaders: readonly string[],
  object: BucketObject,
): GatewayResponse => {
  const validators: Headers = [
    ['Cache-Control', object.cacheControl],
    ['ETag', object.etag],
    ['Last-Modified', object.lastModified.toUTCString()],
  ];
  if (notModified(rawHeaders, object)) {
    return { statusCode: 304, headers: validators, body: Buffer.alloc(0) };
  }
  return {
    statusCode: 200,
    headers: [['Content-Type', object.contentType], ...validators],
    body: object.body,
  };
};
