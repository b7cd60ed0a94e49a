import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidWebConfigError, parseWebConfig, type WebConfig } from '../src/index.js';

const problemsOf = (value: unknown): readonly string[] => {
  try {
    parseWebConfig(value);
  } catch (error) {
    if (error instanceof InvalidWebConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
};

const VALID: readonly WebConfig[] = [
  { apiUrl: '', auth: { kind: 'none', owner: 'local' } },
  { apiUrl: '', auth: { kind: 'local', signInUrl: '/local-issuer/sign-in' } },
  {
    apiUrl: 'http://127.0.0.1:3000',
    auth: { kind: 'local', signInUrl: 'http://127.0.0.1:3000/local-issuer/sign-in' },
  },
  {
    apiUrl: 'https://d111111abcdef8.cloudfront.net',
    auth: {
      kind: 'cognito',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbCdEf123',
      clientId: '1example23456789abcdefghij',
    },
  },
  {
    apiUrl: 'https://abc.execute-api.us-gov-west-1.amazonaws.com/dev',
    auth: {
      kind: 'cognito',
      region: 'us-gov-west-1',
      userPoolId: 'us-gov-west-1_x1',
      clientId: 'c',
    },
  },
];

describe('parseWebConfig', () => {
  it.each(VALID)('accepts %j as it is', (config) => {
    expect(parseWebConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });

  it.each([
    [null, 'the config must be a JSON object'],
    [[], 'the config must be a JSON object'],
    [
      { auth: { kind: 'none', owner: 'o' } },
      'apiUrl must be a string ("" for the page\'s own origin)',
    ],
    [
      { apiUrl: 'https://api.example.com/', auth: { kind: 'none', owner: 'o' } },
      'apiUrl "https://api.example.com/" must be "" or an http(s) URL without a trailing slash',
    ],
    [
      { apiUrl: 'ftp://x', auth: { kind: 'none', owner: 'o' } },
      'apiUrl "ftp://x" must be "" or an http(s) URL without a trailing slash',
    ],
    [
      { apiUrl: 'https://x/?a=1', auth: { kind: 'none', owner: 'o' } },
      'apiUrl "https://x/?a=1" must be "" or an http(s) URL without a trailing slash',
    ],
    [{ apiUrl: '' }, 'auth must be an object'],
    [{ apiUrl: '', auth: { kind: 'oauth' } }, 'auth.kind must be "none", "local" or "cognito"'],
    [{ apiUrl: '', auth: { kind: 'none', owner: ' ' } }, 'auth.owner must be a non-empty string'],
    [{ apiUrl: '', auth: { kind: 'local' } }, 'auth.signInUrl must be a non-empty string'],
    [
      { apiUrl: '', auth: { kind: 'none', owner: 'o', signInUrl: '/x' } },
      'auth.signInUrl is not a known setting',
    ],
    [
      { apiUrl: '', api: 'x', auth: { kind: 'none', owner: 'o' } },
      'config.api is not a known setting',
    ],
    [
      { apiUrl: '', auth: { kind: 'cognito', region: 'eu-west-1', userPoolId: 'eu-west-1_a' } },
      'auth.clientId must be a non-empty string',
    ],
    [
      {
        apiUrl: '',
        auth: { kind: 'cognito', region: 'Europe', userPoolId: 'eu-west-1_a', clientId: 'c' },
      },
      'auth.region "Europe" is not an AWS region',
    ],
    [
      {
        apiUrl: '',
        auth: { kind: 'cognito', region: 'eu-west-1', userPoolId: 'eu-west-1', clientId: 'c' },
      },
      'auth.userPoolId "eu-west-1" is not a user pool id (<region>_<id>)',
    ],
    [
      {
        apiUrl: '',
        auth: { kind: 'cognito', region: 'eu-west-1', userPoolId: 'us-east-1_a', clientId: 'c' },
      },
      'auth.userPoolId "us-east-1_a" is not in auth.region "eu-west-1"',
    ],
    [
      {
        apiUrl: '',
        auth: { kind: 'cognito', region: 'eu-west-1', userPoolId: 'eu-west-1_a', clientId: 'c d' },
      },
      'auth.clientId "c d" is not a client id',
    ],
  ])('refuses %j: %s', (value, problem) => {
    expect(problemsOf(value)).toContain(problem);
  });

  // `fetch` resolves each of these against the page into another origin (or none), so
  // the user name would be posted elsewhere: only "/path" from the page's origin or an
  // http(s) URL, whose host the config names outright.
  it.each([
    'local-issuer/sign-in',
    '//evil.example/sign-in',
    '/\\evil.example/sign-in',
    '/\t/evil.example/sign-in',
    '/local-issuer\\sign-in',
    'javascript:alert(1)',
  ])('refuses the sign-in URL %j, which is not a path from the page’s origin', (signInUrl) => {
    expect(problemsOf({ apiUrl: '', auth: { kind: 'local', signInUrl } })).toEqual([
      `auth.signInUrl "${signInUrl}" must be a path from the page's origin ("/…", not "//…", no "\\") or an http(s) URL`,
    ]);
  });

  it('names every problem at once, with a stable code', () => {
    const error = (() => {
      try {
        return parseWebConfig({ apiUrl: 3, auth: { kind: 'none' }, extra: true });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidWebConfigError);
    expect(error).toMatchObject({
      code: 'invalid_web_config',
      problems: [
        'config.extra is not a known setting',
        'apiUrl must be a string ("" for the page\'s own origin)',
        'auth.owner must be a non-empty string',
      ],
    });
  });

  it('returns a valid config unchanged and refuses it with any unknown field added', () => {
    const name = fc
      .string({ minLength: 1 })
      .filter((key) => !['apiUrl', 'auth', '__proto__'].includes(key));
    fc.assert(
      fc.property(fc.constantFrom(...VALID), name, fc.jsonValue(), (config, key, value) => {
        expect(parseWebConfig(structuredClone(config))).toEqual(config);
        expect(problemsOf({ ...config, [key]: value })).toEqual([
          `config.${key} is not a known setting`,
        ]);
      }),
    );
  });
});
