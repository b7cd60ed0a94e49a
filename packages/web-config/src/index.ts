/**
 * `@tasks/web-config`: the page's runtime settings, `/config.json` (SPEC §12), the one
 * contract between the page that reads them and whoever serves it: the local runtime,
 * which writes them, and the stack, whose `WebConfig` output the deploy script uploads.
 * Never built into the page, so that one build serves every stage. A package of its own
 * so that the local runtime need not depend on the page (whose client's tests run the
 * local runtime): no DOM, no Node, no dependencies.
 */

/** How the page signs its user in. */
export type WebAuthConfig =
  /** No authentication (`npm start` without `TASKS_AUTH`): every request is this owner's. */
  | { readonly kind: 'none'; readonly owner: string }
  /** The local issuer (`TASKS_AUTH=jwt`, dev only): any user name gets a token. */
  | { readonly kind: 'local'; readonly signInUrl: string }
  /** The stage's Cognito user pool, through the SRP flow (the app client has no secret). */
  | {
      readonly kind: 'cognito';
      readonly region: string;
      readonly userPoolId: string;
      readonly clientId: string;
    };

export interface WebConfig {
  /** Base URL of the API without trailing slash; "" means the page's own origin. */
  readonly apiUrl: string;
  readonly auth: WebAuthConfig;
}

/** Where the page reads its settings, relative to its origin. */
export const WEB_CONFIG_PATH = '/config.json';

/** A `config.json` that does not have the shape of {@link WebConfig}. */
export class InvalidWebConfigError extends Error {
  override readonly name = 'InvalidWebConfigError';
  readonly code = 'invalid_web_config';
  constructor(
    /** Every problem found, one sentence each. */
    readonly problems: readonly string[],
  ) {
    super(`Invalid web config: ${problems.join('; ')}`);
  }
}

type Fields = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// An absolute http(s) URL with a host, an optional path and nothing after it. A pattern,
// not `URL`: this file type-checks without the DOM's or Node's globals.
const HTTP_URL = /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/i;
const isHttpUrl = (value: string): boolean => HTTP_URL.test(value);

// A path from the page's own origin. `//host/x` is another origin to a browser (a
// scheme-relative URL), and so are `/\host/x` (the URL parser reads `\` as `/`) and
// `/<tab>/host/x` (it drops tabs and newlines first): no backslash, no whitespace.
const ORIGIN_PATH = /^\/(?![/\\])[^\\\s]*$/;

// Cognito's own patterns: a region such as `eu-west-1` (or `us-gov-west-1`), a pool id
// `<region>_<id>`, an app client id of word characters.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const USER_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;

const AUTH_FIELDS = {
  none: ['kind', 'owner'],
  local: ['kind', 'signInUrl'],
  cognito: ['kind', 'region', 'userPoolId', 'clientId'],
} as const;

const unknownFields = (where: string, value: Fields, known: readonly string[]): string[] =>
  Object.keys(value)
    .filter((name) => !known.includes(name))
    .map((name) => `${where}.${name} is not a known setting`);

const text = (problems: string[], where: string, value: unknown): string | undefined => {
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push(`${where} must be a non-empty string`);
  return undefined;
};

const parseAuth = (problems: string[], value: unknown): WebAuthConfig | undefined => {
  if (!isRecord(value)) {
    problems.push('auth must be an object');
    return undefined;
  }
  const kind = value['kind'];
  if (kind !== 'none' && kind !== 'local' && kind !== 'cognito') {
    problems.push('auth.kind must be "none", "local" or "cognito"');
    return undefined;
  }
  problems.push(...unknownFields('auth', value, AUTH_FIELDS[kind]));
  if (kind === 'none') {
    const owner = text(problems, 'auth.owner', value['owner']);
    return owner === undefined ? undefined : { kind, owner };
  }
  if (kind === 'local') {
    const signInUrl = text(problems, 'auth.signInUrl', value['signInUrl']);
    if (signInUrl === undefined) return undefined;
    if (!ORIGIN_PATH.test(signInUrl) && !isHttpUrl(signInUrl)) {
      problems.push(
        `auth.signInUrl "${signInUrl}" must be a path from the page's origin ("/…", not "//…", no "\\") or an http(s) URL`,
      );
      return undefined;
    }
    return { kind, signInUrl };
  }
  const region = text(problems, 'auth.region', value['region']);
  const userPoolId = text(problems, 'auth.userPoolId', value['userPoolId']);
  const clientId = text(problems, 'auth.clientId', value['clientId']);
  if (region === undefined || userPoolId === undefined || clientId === undefined) return undefined;
  const before = problems.length;
  if (!REGION.test(region)) problems.push(`auth.region "${region}" is not an AWS region`);
  const poolRegion = USER_POOL_ID.exec(userPoolId)?.[1];
  if (poolRegion === undefined) {
    problems.push(`auth.userPoolId "${userPoolId}" is not a user pool id (<region>_<id>)`);
  } else if (poolRegion !== region) {
    problems.push(`auth.userPoolId "${userPoolId}" is not in auth.region "${region}"`);
  }
  if (!CLIENT_ID.test(clientId)) problems.push(`auth.clientId "${clientId}" is not a client id`);
  return problems.length === before ? { kind, region, userPoolId, clientId } : undefined;
};

/**
 * Reads a parsed `config.json`. Unknown settings are errors, not ignored, so that a typo
 * in a deploy script fails where it is made. Throws {@link InvalidWebConfigError} naming
 * every problem.
 */
export const parseWebConfig = (value: unknown): WebConfig => {
  if (!isRecord(value)) throw new InvalidWebConfigError(['the config must be a JSON object']);
  const problems = unknownFields('config', value, ['apiUrl', 'auth']);
  const apiUrl = value['apiUrl'];
  if (typeof apiUrl !== 'string') {
    problems.push('apiUrl must be a string ("" for the page\'s own origin)');
  } else if (apiUrl !== '' && (!isHttpUrl(apiUrl) || apiUrl.endsWith('/'))) {
    problems.push(`apiUrl "${apiUrl}" must be "" or an http(s) URL without a trailing slash`);
  }
  const auth = parseAuth(problems, value['auth']);
  if (problems.length > 0 || typeof apiUrl !== 'string' || auth === undefined) {
    throw new InvalidWebConfigError(problems);
  }
  return { apiUrl, auth };
};
