import { HttpProblemError } from './http-problems.js';
import type { HttpRequest } from './http-request.js';

/** SPEC §4: a body over 16 KiB is refused with 413. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Media types a create accepts. */
export const CREATE_MEDIA_TYPES = ['application/json'] as const;
/** Media types a merge patch accepts (RFC 7396 §4 registers the second). */
export const PATCH_MEDIA_TYPES = ['application/json', 'application/merge-patch+json'] as const;

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Whether a `Content-Type` value (RFC 9110 §8.3.1) names one of `accepted`. Type and
 * parameter names are case-insensitive; a `charset` must be UTF-8 (JSON is UTF-8, RFC
 * 8259 §8.1); other parameters are ignored.
 */
const isAcceptedMediaType = (value: string, accepted: readonly string[]): boolean => {
  // What clients send as a rule: exactly one of the accepted types, without parameters.
  if (accepted.includes(value)) return true;
  const [essence = '', ...parameters] = value.split(';').map((part) => part.trim());
  const [type = '', subtype = '', ...rest] = essence.toLowerCase().split('/');
  if (rest.length > 0 || !TOKEN.test(type) || !TOKEN.test(subtype)) return false;
  if (!accepted.includes(`${type}/${subtype}`)) return false;
  return parameters.every((parameter) => {
    const [name = '', ...valueParts] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    const charset = valueParts
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return ['utf-8', 'utf8'].includes(charset.toLowerCase());
  });
};

const decoder = new TextDecoder('utf-8', { fatal: true });
const BYTE_ORDER_MARK = '\ufeff';

const notUtf8 = () =>
  new HttpProblemError('malformed_json', 'The request body is not valid UTF-8.');

/**
 * The body as text, and its length in bytes (what the limit counts). API Gateway
 * base64-encodes every body it does not hand over as text (and the local runtime any body
 * that is not UTF-8): those bytes are decoded strictly. A text body is a string of the
 * event's JSON, counted as the UTF-8 it came as, without encoding a copy; one that is not
 * well-formed Unicode (a lone surrogate) came from no UTF-8 body, and the bytes it would
 * encode to hold U+FFFD in its place, which must not be stored as if sent.
 */
const decodedBody = (
  body: NonNullable<HttpRequest['body']>,
): { readonly byteLength: number; readonly text: () => string } => {
  if (!body.isBase64Encoded) {
    return {
      byteLength: Buffer.byteLength(body.text, 'utf8'),
      text: () => {
        if (!body.text.isWellFormed()) throw notUtf8();
        // As the decoder of a base64 body does: a leading byte order mark is not the JSON.
        return body.text.startsWith(BYTE_ORDER_MARK) ? body.text.slice(1) : body.text;
      },
    };
  }
  const bytes = Buffer.from(body.text, 'base64');
  return {
    byteLength: bytes.byteLength,
    text: () => {
      try {
        return decoder.decode(bytes);
      } catch {
        throw notUtf8();
      }
    },
  };
};

/**
 * RFC 9110 §8.4: a body in a content coding (gzip…) is not the JSON it stands for; we
 * decode none, so anything but `identity` is 415, naming what is accepted (RFC 7694 §3).
 */
const checkContentEncoding = (value: string | undefined): void => {
  if (value === undefined) return;
  const codings = value.split(',').map((coding) => coding.trim().toLowerCase());
  if (codings.every((coding) => coding === 'identity' || coding === '')) return;
  throw new HttpProblemError(
    'unsupported_media_type',
    'Content-Encoding must be identity (or absent): send the JSON body uncompressed.',
    { 'Accept-Encoding': 'identity' },
  );
};

/**
 * `curl -d '{"title":"…"}'`, the call the original design documents, labels its JSON
 * `application/x-www-form-urlencoded`. Such a body that is JSON is read as JSON, so that
 * clients written for the original design keep working (SPEC §4); a real form is 415.
 */
const CURL_DEFAULT = 'application/x-www-form-urlencoded';

const unsupportedMediaType = (accepted: readonly string[]) =>
  new HttpProblemError(
    'unsupported_media_type',
    `Content-Type must be ${accepted.join(' or ')}, optionally with charset=utf-8.`,
    // RFC 5789 §2.2: a 415 to a PATCH names the patch formats the resource accepts.
    accepted.includes('application/merge-patch+json')
      ? { 'Accept-Patch': accepted.join(', ') }
      : {},
  );

/**
 * The request body parsed as JSON, checked in the order a client can fix: a
 * `Content-Type` that is present and not one of `accepted` is 415 (an absent one is
 * read as JSON), so is a `Content-Encoding` other than `identity`; a body over
 * {@link MAX_BODY_BYTES} is 413; bytes that are not UTF-8, whatever the `Content-Type`,
 * and text that is not JSON are 400. The value itself is left to the use case's schema.
 */
export const readJsonBody = (request: HttpRequest, accepted: readonly string[]): unknown => {
  const contentType = request.headers.get('content-type');
  const acceptedType = contentType === undefined || isAcceptedMediaType(contentType, accepted);
  // No accepted type is the form type, so only a type not accepted can be curl's default.
  const curlDefault =
    contentType !== undefined && !acceptedType && isAcceptedMediaType(contentType, [CURL_DEFAULT]);
  if (!acceptedType && !curlDefault) throw unsupportedMediaType(accepted);
  checkContentEncoding(request.headers.get('content-encoding'));
  if (request.body === undefined) {
    throw new HttpProblemError('malformed_json', 'The request body is empty: send a JSON object.');
  }
  const body = decodedBody(request.body);
  if (body.byteLength > MAX_BODY_BYTES) {
    throw new HttpProblemError(
      'payload_too_large',
      `The request body is ${body.byteLength} bytes; at most ${MAX_BODY_BYTES} are accepted.`,
    );
  }
  const text = body.text();
  try {
    return JSON.parse(text);
  } catch {
    if (curlDefault) throw unsupportedMediaType(accepted);
    throw new HttpProblemError('malformed_json', 'The request body is not valid JSON.');
  }
};
