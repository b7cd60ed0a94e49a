import { METHODS } from 'node:http';
import { expect } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '../../src/index.js';
import type { RawReply, RawRequest } from './raw-http.js';

const TOKEN = /^[-!#$%&'*+.^_`|~0-9A-Za-z]+$/;
// RFC 9112 §3.2: a request-target is visible ASCII; in origin form it starts with `/`
// (`*` is the asterisk form). Non-ASCII characters become bytes over 0x7F on the wire, so
// testing the string tests the bytes. (The generator sends no absolute form, whose
// reading by Node's parser is its own.)
const TARGET = /^[/*][\x21-\x7e]*$/;
/** RFC 9110 §5.5: a field value holds no control byte but tab (bytes over 0x7F pass). */
const hasControlByte = (value: string): boolean =>
  [...value].some((char) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 && char !== '\t') || code === 0x7f;
  });
/** Node's default `maxHeaderSize`: the request line and the header lines together. */
const MAX_HEAD_BYTES = 16 * 1024;

const headBytes = (request: RawRequest): number =>
  Buffer.byteLength(`${request.method} ${request.target} HTTP/1.1\r\n`) +
  request.headers.reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(`${name}: ${value}\r\n`),
    0,
  );

/**
 * The statuses Node's HTTP parser may answer `request` with, before the local gateway sees
 * it (`[]` when it parses): Node writes them itself, with no body and no `apigw-requestid`.
 * These are requests that are not HTTP/1.1 (RFC 9112) or whose head is too large, which
 * API Gateway refuses itself too, before any route: its own limit on the request line and
 * headers is 10 KB, so the generator's heads are either under 10 KB or over 16 KiB.
 * One divergence is kept in view rather than hidden: a method that is a valid token but
 * unknown to Node (`FOO`, `get`) is Node's 400, where API Gateway may hand it to an `ANY`
 * route (whose function answers 405 as a problem).
 */
const nodeParserStatuses = (request: RawRequest): number[] => {
  const malformed =
    !METHODS.includes(request.method) ||
    // Spaces before `HTTP/1.1` are read as one, as RFC 9112 §3 lets a server do.
    !TARGET.test(request.target.replace(/ +$/, '')) ||
    request.headers.some(([name, value]) => !TOKEN.test(name) || hasControlByte(value));
  return [
    ...(malformed ? [400] : []),
    // Which of the two comes first depends on where in the head the parser stops.
    ...(headBytes(request) > MAX_HEAD_BYTES ? [431] : []),
  ];
};

/**
 * Whether the local gateway refuses `request` the way API Gateway does, before any function
 * runs: a payload over 10 MB is 413 `{"message":"Request Entity Too Large"}`. (Its other
 * own answer, 404 `{"message":"Not Found"}` when no route matches, never comes: the
 * template has a `$default` route, whose function answers 404 as a problem.)
 */
const overGatewayLimit = (request: RawRequest): boolean =>
  (request.body?.byteLength ?? 0) > MAX_REQUEST_BODY_BYTES;

const jsonOf = (reply: RawReply): unknown => {
  const text = reply.body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * What answered and how: `<status> <problem code>`, `<status> gateway` for the gateway's
 * own `{"message"}`, `<status> node` for Node's parser, `<status> ` for a body-less reply.
 */
export const kindOf = (reply: RawReply): string => {
  if (!reply.headers.has('apigw-requestid')) return `${reply.status} node`;
  const body = jsonOf(reply);
  const record = typeof body === 'object' && body !== null ? body : {};
  if ('code' in record) return `${reply.status} ${record.code}`;
  const onlyMessage = Object.keys(record).join() === 'message';
  return `${reply.status} ${onlyMessage ? 'gateway' : ''}`;
};

/**
 * Fails unless `reply` is an answer `request` may get: never a 5xx; Node's own answer
 * exactly when its parser refuses the request; the gateway's own 413 exactly when the body
 * is over 10 MB; every other error an RFC 9457 problem whose `status` is the HTTP status.
 * A reply to HEAD has no body: its header is all there is to check.
 */
export const expectAllowedAnswer = (request: RawRequest, reply: RawReply): void => {
  const { status } = reply;
  const body = jsonOf(reply);
  const fromGateway = reply.headers.has('apigw-requestid');
  const hasBody = request.method !== 'HEAD';
  const parserStatuses = nodeParserStatuses(request);

  expect(status).toBeLessThan(500);
  if (parserStatuses.length > 0) {
    expect({ status, fromGateway }).toEqual({
      status: expect.toBeOneOf(parserStatuses),
      fromGateway: false,
    });
  } else if (overGatewayLimit(request)) {
    expect({ status, body }).toEqual({
      status: 413,
      body: hasBody ? { message: 'Request Entity Too Large' } : '',
    });
  } else {
    expect(fromGateway).toBe(true);
    if (status >= 400) {
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
      if (hasBody) {
        expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
      }
    }
  }
};
