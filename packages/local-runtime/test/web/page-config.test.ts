import { issueToken, loadOrCreateSigningKey } from '@tasks/local-issuer';
import { parseWebConfig } from '@tasks/web-config';
import { describe, expect, it } from 'vitest';
import { type AuthChoice, bannerLines, issuerKeyDir, SIGN_IN_PATH } from '../../src/index.js';
import { pageSignIn } from '../../src/web/page-config.js';
import { usePageRuntime } from '../support/page-build.js';

const COGNITO = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';
const CLIENT_ID = '1example23456789abcdefghij';
const SERVED = { served: true } as const;
const cognito = (issuer: string, audience = [CLIENT_ID, 'other-client']): AuthChoice => ({
  mode: 'jwt',
  trust: { issuer, audience, jwksUrl: `${issuer}/.well-known/jwks.json` },
});

describe("the page's config.json for each way the runtime authenticates", () => {
  it("is read by the page's own parser, in every mode the page can sign in with", () => {
    for (const auth of [{ mode: 'none' } as const, { mode: 'jwt' } as const, cognito(COGNITO)]) {
      const signIn = pageSignIn(auth, 'alice', SERVED);
      if (!signIn.ok) throw new Error(signIn.problem);
      expect(parseWebConfig(JSON.parse(JSON.stringify(signIn.config)))).toEqual(signIn.config);
    }
  });

  it('names the fixed owner when authentication is off', () => {
    expect(pageSignIn({ mode: 'none' }, 'alice', SERVED)).toEqual({
      ok: true,
      config: { apiUrl: '', auth: { kind: 'none', owner: 'alice' } },
    });
  });

  it("points at the local issuer's sign-in with TASKS_AUTH=jwt", () => {
    expect(pageSignIn({ mode: 'jwt' }, 'local', SERVED)).toEqual({
      ok: true,
      config: { apiUrl: '', auth: { kind: 'local', signInUrl: '/local-issuer/sign-in' } },
    });
  });

  it('names the pool, its region and the first audience as the app client for a trusted Cognito pool', () => {
    for (const issuer of [COGNITO, `${COGNITO}/`]) {
      expect(pageSignIn(cognito(issuer), 'local', SERVED)).toEqual({
        ok: true,
        config: {
          apiUrl: '',
          auth: {
            kind: 'cognito',
            region: 'eu-west-1',
            userPoolId: 'eu-west-1_AbC123',
            clientId: CLIENT_ID,
          },
        },
      });
    }
  });

  it.each([
    'https://issuer.example.com',
    'https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC123',
    'http://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
    'https://cognito-idp.eu-west-1.amazonaws.com.evil.example/eu-west-1_AbC123',
  ])('says the page cannot sign in with the issuer %s', (issuer) => {
    expect(pageSignIn(cognito(issuer), 'local', SERVED)).toEqual({
      ok: false,
      problem: expect.stringContaining(`not with ${issuer}`),
    });
  });

  it('says the page cannot sign in with the local issuer when the runtime listens beyond loopback, and only then', () => {
    const off = { served: false, listensOn: '0.0.0.0' } as const;

    expect(pageSignIn({ mode: 'jwt' }, 'local', off)).toEqual({
      ok: false,
      problem:
        "the local issuer's sign-in is off, as the runtime listens on 0.0.0.0, beyond loopback, where anyone could sign in as any user (use npm run token)",
    });
    expect(pageSignIn({ mode: 'none' }, 'alice', off)).toEqual(
      pageSignIn({ mode: 'none' }, 'alice', SERVED),
    );
    expect(pageSignIn(cognito(COGNITO), 'local', off)).toEqual(
      pageSignIn(cognito(COGNITO), 'local', SERVED),
    );
  });

  it('says the page cannot sign in when the first audience is no app client id', () => {
    expect(pageSignIn(cognito(COGNITO, ['not a client id']), 'local', SERVED)).toEqual({
      ok: false,
      problem: expect.stringContaining(
        'the page cannot sign in with the Cognito pool eu-west-1_AbC123: auth.clientId "not a client id" is not a client id',
      ),
    });
  });
});

describe('the page with TASKS_AUTH=jwt and the local issuer', () => {
  const { api, runtime } = usePageRuntime({ mode: 'jwt' });

  it('serves a config.json that signs in through the local issuer, the page without a token', async () => {
    const config = await api.get('/config.json');
    const page = await api.get('/');

    expect(config.json).toEqual({ apiUrl: '', auth: { kind: 'local', signInUrl: SIGN_IN_PATH } });
    expect(page.status).toBe(200);
    expect(
      ['/', '/tasks', SIGN_IN_PATH, '/.well-known/jwks.json'].map(runtime().answeredBy),
    ).toEqual(['page', 'api', 'local-issuer', 'local-issuer']);
    expect(bannerLines(runtime())).toContainEqual(
      expect.stringMatching(
        /^Page: http:\/\/127\.0\.0\.1:\d+\/ \(the build in .+\); sign in with any user name \(development only: POST \/local-issuer\/sign-in hands out the local issuer's tokens\)$/,
      ),
    );
  });
});

describe('the page with a trusted Cognito pool', () => {
  const { api } = usePageRuntime(cognito(COGNITO));

  it("serves the pool's config.json and lets the page reach Cognito, and only it", async () => {
    const config = await api.get('/config.json');

    expect(config.json).toEqual({
      apiUrl: '',
      auth: {
        kind: 'cognito',
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_AbC123',
        clientId: CLIENT_ID,
      },
    });
    // The CSP of a stack in the pool's region: the template's policy, resolved there.
    expect(config.header('content-security-policy')).toContain(
      "connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com;",
    );
  });
});

describe('the page with a trusted issuer that is no Cognito pool', () => {
  const { api, runtime } = usePageRuntime(cognito('https://issuer.example.com'));

  it('serves the page but no config.json, and says in the banner why it cannot sign in', async () => {
    expect((await api.get('/')).status).toBe(200);
    expect((await api.get('/config.json')).status).toBe(404);
    expect(bannerLines(runtime()).filter((line) => line.startsWith('Page:'))).toEqual([
      expect.stringMatching(
        /^Page: http:\/\/127\.0\.0\.1:\d+\/ \(the build in .+\) cannot sign in: the page signs in with the local issuer or a Cognito user pool .+, not with https:\/\/issuer\.example\.com; no \/config\.json is served$/,
      ),
    ]);
  });
});

describe('the page with TASKS_AUTH=jwt on a runtime that listens beyond loopback (HOST=0.0.0.0)', () => {
  const { api, runtime, dataDir } = usePageRuntime({ mode: 'jwt' }, '0.0.0.0');

  it('serves no sign-in, whatever the Host: a 404 problem that says why and how to get a token', async () => {
    const reply = await api.post(SIGN_IN_PATH, { json: { username: 'alice' } });

    expect(reply.status).toBe(404);
    expect(reply.header('content-type')).toBe('application/problem+json');
    expect(reply.json).toMatchObject({
      code: 'not_found',
      detail: expect.stringMatching(
        /^No sign-in here: the runtime listens on 0\.0\.0\.0, beyond loopback, .+ Get a token with npm run token -- --sub alice --data-dir /,
      ),
    });
  });

  it('serves the page but no config.json, and says in one banner line that the page cannot sign in', async () => {
    expect((await api.get('/')).status).toBe(200);
    expect((await api.get('/config.json')).status).toBe(404);
    const banner = bannerLines(runtime());
    expect(banner.filter((line) => /sign.in/i.test(line) && !line.includes('get a token'))).toEqual(
      [
        expect.stringMatching(
          /^Page: http:\/\/0\.0\.0\.0:\d+\/ \(the build in .+\) cannot sign in: the local issuer's sign-in is off, as the runtime listens on 0\.0\.0\.0, beyond loopback, where anyone could sign in as any user \(use npm run token\); no \/config\.json is served$/,
        ),
      ],
    );
  });

  it('still takes the tokens npm run token prints', async () => {
    const key = await loadOrCreateSigningKey(issuerKeyDir(dataDir()));
    const token = await issueToken(key, { sub: 'alice' });

    expect(
      (await api.get('/tasks', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
  });
});
