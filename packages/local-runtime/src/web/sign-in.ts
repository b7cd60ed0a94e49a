import {
  DOMAIN_PROBLEMS,
  HTTP_PROBLEMS,
  type ProblemSpec,
  problemResponse,
} from '@tasks/adapter-lambda';
import { issueToken, type SigningKey } from '@tasks/local-issuer';
import type { IncomingHttpRequest } from '../api-gateway-event.js';
import type { Gateway } from '../gateway.js';
import type { GatewayResponse } from '../lambda-result.js';
import { isLoopbackHost } from '../loopback.js';
import { headerOf } from './s3-answers.js';

/** The local issuer's sign-in (development only: it trusts whatever user name it is given). */
export const SIGN_IN_PATH = '/local-issuer/sign-in';
/** An hour, as Cognito's ID tokens and `npm run token`. */
export const SIGN_IN_TOKEN_SECONDS = 3600;
export const MAX_USERNAME_LENGTH = 128;

/** A sign-in asked for by a name that is no loopback name of this machine. */
const FORBIDDEN = { status: 403, slug: 'forbidden', title: 'Forbidden' } as const;

type Refusal = Pick<ProblemSpec, 'code' | 'detail' | 'errors' | 'headers'> & {
  readonly problem: Pick<ProblemSpec, 'status' | 'slug' | 'title'>;
};

/** The API's own problem details response (adapter-lambda's), as the gateway sends it. */
const problem = ({ problem: kind, ...refusal }: Refusal): GatewayResponse => {
  const response = problemResponse({ ...kind, ...refusal });
  return {
    statusCode: response.status,
    headers: Object.entries(response.headers),
    body: Buffer.from(response.body ?? ''),
  };
};

const invalidUsername = (message: string): Refusal => ({
  problem: DOMAIN_PROBLEMS.validation_failed,
  code: 'validation_failed',
  detail: `The sign-in was refused: ${message}.`,
  errors: [{ path: 'username', message }],
});

const isJson = (contentType: string | undefined): boolean => {
  const essence = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || /^application\/[^/]+\+json$/.test(essence);
};

const hexCode = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What a user name must not hold: control characters; format characters, invisible,
 * some of which reorder what follows them (U+202E shows "alice\u202Eevil" as "alicelive"
 * in "Signed in as"); line and paragraph separators.
 */
const UNSHOWN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const kindOf = (char: string): string => {
  if (/\p{Cc}/u.test(char)) return 'a control character';
  if (/\p{Cf}/u.test(char)) return 'an invisible format character';
  return 'a line or paragraph separator';
};

/**
 * Why `name` (trimmed) is no user name, or `undefined` when it is one: blank, longer than
 * {@link MAX_USERNAME_LENGTH} code points, not well-formed UTF-16 (a lone surrogate,
 * which DynamoDB stores as U+FFFD, so that two names would share one owner), or holding a
 * character that does not show as itself (see `UNSHOWN`).
 */
const usernameRefusal = (name: string): string | undefined => {
  if (name === '') return 'username must not be blank';
  if (!name.isWellFormed()) {
    return 'username must be well-formed Unicode: it has a lone surrogate, which would be stored as U+FFFD';
  }
  if ([...name].length > MAX_USERNAME_LENGTH) {
    return `username has at most ${MAX_USERNAME_LENGTH} characters`;
  }
  const unshown = UNSHOWN.exec(name)?.[0];
  if (unshown !== undefined) {
    return `username must not hold ${hexCode(unshown)}, ${kindOf(unshown)}: it would not show as itself`;
  }
  return undefined;
};

/** The user name of a sign-in request, trimmed, or why it is refused. */
const usernameOf = (request: IncomingHttpRequest): string | Refusal => {
  if (!isJson(headerOf(request.rawHeaders, 'content-type'))) {
    return {
      problem: HTTP_PROBLEMS.unsupported_media_type,
      code: 'unsupported_media_type',
      detail: 'The sign-in takes a JSON body: send Content-Type: application/json.',
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body));
  } catch {
    return {
      problem: HTTP_PROBLEMS.malformed_json,
      code: 'malformed_json',
      detail: 'The body is not JSON in UTF-8: send {"username": "alice"}.',
    };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalidUsername('the body must be an object {"username": "…"}');
  }
  const unknown = Object.keys(body).filter((name) => name !== 'username');
  if (unknown.length > 0) return invalidUsername('username is the only field');
  const username: unknown = Reflect.get(body, 'username');
  if (typeof username !== 'string') return invalidUsername('username is required, a string');
  const trimmed = username.trim();
  const refusal = usernameRefusal(trimmed);
  return refusal === undefined ? trimmed : invalidUsername(refusal);
};

/**
 * Refuses a request whose `Host` is not one loopback name of this machine (see
 * `isLoopbackHost`): on a loopback port, only a page of another site that reached it by
 * DNS rebinding (a same-origin JSON POST needs no preflight) sends another.
 */
const hostRefusal = (request: IncomingHttpRequest): Refusal | undefined => {
  const hosts: string[] = [];
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const value = request.rawHeaders[index + 1];
    if (request.rawHeaders[index]?.toLowerCase() === 'host' && value !== undefined) {
      hosts.push(value);
    }
  }
  const [host] = hosts;
  if (hosts.length === 1 && host !== undefined && isLoopbackHost(host)) return undefined;
  const named =
    hosts.length === 0
      ? 'no Host'
      : `Host ${hosts.map((value) => JSON.stringify(value)).join(', ')}`;
  return {
    problem: FORBIDDEN,
    code: 'forbidden',
    detail: `The sign-in answers only a request to a loopback host (Host 127.0.0.1, localhost or [::1], with or without the port), not one with ${named}: a page of another site can reach a loopback port by DNS rebinding. Open the page at http://127.0.0.1:<port>/, or get a token with npm run token.`,
  };
};

/**
 * `POST /local-issuer/sign-in` with `{"username": "alice"}`: a token of the local issuer
 * whose `sub` is that name, as `npm run token -- --sub alice` prints, signed with `key`.
 * Any name is taken without a password: the local issuer is for development only, and is
 * never part of a deployment (Cognito signs in there), so it answers only a request whose
 * `Host` is a loopback name (else 403), and only on a loopback port (`startAuth` serves
 * {@link signInOff} otherwise). Other methods are 405 with `Allow`, a body that is not
 * JSON 415 or 400, a name that is blank, too long, not well-formed or holds a character
 * that does not show as itself 400: problem details, as the API answers.
 */
export const makeSignIn =
  (key: SigningKey): Gateway =>
  async (request) => {
    const wrongHost = hostRefusal(request);
    if (wrongHost !== undefined) return problem(wrongHost);
    if (request.method !== 'POST') {
      return problem({
        problem: HTTP_PROBLEMS.method_not_allowed,
        code: 'method_not_allowed',
        detail: `${SIGN_IN_PATH} takes POST only.`,
        headers: { Allow: 'POST' },
      });
    }
    const username = usernameOf(request);
    if (typeof username !== 'string') return problem(username);
    const token = await issueToken(key, { sub: username, expiresInSeconds: SIGN_IN_TOKEN_SECONDS });
    return {
      statusCode: 200,
      // RFC 6749 §5.1: a response carrying a token is never stored.
      headers: [
        ['Content-Type', 'application/json'],
        ['Cache-Control', 'no-store'],
      ],
      body: Buffer.from(JSON.stringify({ token, expiresIn: SIGN_IN_TOKEN_SECONDS })),
    };
  };

/**
 * What the sign-in's path answers when the runtime listens beyond loopback (`host`, such
 * as `0.0.0.0`): no token, whatever the request, since anyone who reaches the port could
 * act as any user; a 404 problem that says why and how to get a token instead.
 */
export const signInOff =
  (host: string, tokenCommand: string): Gateway =>
  async () =>
    problem({
      problem: HTTP_PROBLEMS.not_found,
      code: 'not_found',
      detail: `No sign-in here: the runtime listens on ${host}, beyond loopback, where anyone who reaches the port could sign in as any user. Get a token with ${tokenCommand}, or listen on 127.0.0.1.`,
    });
