import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerLines, type LocalRuntime } from '../../src/index.js';
import { sendRaw } from '../fuzz/raw-http.js';
import { apiAt, type Reply } from '../support/api.js';
import { documentedExchange } from '../support/openapi-exchanges.js';
import { PAGE_FILES, SECRET, usePageBuild, usePageRuntime } from '../support/page-build.js';
import { STORES } from '../support/stores.js';

// SPEC §12 and issue 15: `npm start` serves the page at `/` beside the API, as the
// distribution does: the page's behaviour on every path the API does not take.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://cognito-idp.us-east-1.amazonaws.com; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

const expectSecurityHeaders = (reply: Reply): void => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect(reply.header(name), name).toBe(value);
  }
};

const [memory] = STORES;

describe('the page beside the API (startLocalRuntime({ web }))', () => {
  const { api, runtime: started, build } = usePageRuntime();

  it('answers / with index.html, revalidated on every load, with the security headers', async () => {
    const reply = await api.get('/');

    expect(reply.status).toBe(200);
    expect(reply.text).toBe(PAGE_FILES['index.html']);
    expect(reply.header('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.header('cache-control')).toBe('no-cache');
    expect(reply.header('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Date.parse(reply.header('last-modified') ?? '')).not.toBeNaN();
    expectSecurityHeaders(reply);
  });

  it.each(['/some/view', '/some/view/', '/tasksboard', '/Tasks', '/local-issuer'])(
    'answers the deep link %s with the page',
    async (path) => {
      const reply = await api.get(path);

      expect(reply.status).toBe(200);
      expect(reply.text).toBe(PAGE_FILES['index.html']);
    },
  );

  it('serves a hashed asset with its type, cached for a year', async () => {
    const reply = await api.get('/assets/app-abc.js');

    expect(reply.status).toBe(200);
    expect(reply.text).toBe(PAGE_FILES['assets/app-abc.js']);
    expect(reply.header('content-type')).toBe('text/javascript; charset=utf-8');
    expect(reply.header('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(reply);
    expect((await api.get('/assets/app-abc.css')).header('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    expect((await api.get('/favicon.svg')).header('content-type')).toBe('image/svg+xml');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await api.get('/assets/app-abc.js');
    const head = await api.request('HEAD', '/assets/app-abc.js');

    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.header('content-length')).toBe(String(PAGE_FILES['assets/app-abc.js'].length));
    for (const name of ['content-type', 'cache-control', 'etag', 'last-modified']) {
      expect(head.header(name), name).toBe(get.header(name));
    }
    expectSecurityHeaders(head);
  });

  it("answers a missing asset with S3's 404 NoSuchKey, never with the page", async () => {
    const reply = await api.get('/assets/app-gone.js');

    expect(reply.status).toBe(404);
    expect(reply.header('content-type')).toBe('application/xml');
    expect(reply.text).toContain(
      '<Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>assets/app-gone.js</Key>',
    );
    expect(reply.text).not.toContain('<html');
    expectSecurityHeaders(reply);
  });

  it('lists no folder: a folder whose name has a dot is no object', async () => {
    expect((await api.get('/v1.2')).status).toBe(404);
    expect((await api.get('/v1.2/notes.txt')).status).toBe(200);
  });

  it('answers 304 when the copy the browser holds is current', async () => {
    const first = await api.get('/');
    const etag = first.header('etag') ?? '';

    const again = await api.get('/', { headers: { 'if-none-match': etag } });
    const weak = await api.get('/', { headers: { 'if-none-match': `"other", W/${etag}` } });
    const changed = await api.get('/', { headers: { 'if-none-match': '"other"' } });

    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.header('etag')).toBe(etag);
    expect(weak.status).toBe(304);
    expect(changed.status).toBe(200);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])(
    "answers %s on a page path with CloudFront's 403 for a method the behaviour does not allow",
    async (method) => {
      const reply = await api.request(method, '/some/view', { json: {} });

      expect(reply.status).toBe(403);
      expect(reply.header('content-type')).toBe('text/html');
      expect(reply.header('x-cache')).toBe('Error from cloudfront');
      expect(reply.text).toContain(
        'This distribution is not configured to allow the HTTP request method that was used for this request.',
      );
      expectSecurityHeaders(reply);
    },
  );

  it("leaves /tasks to the API: its answers, with the API behaviour's headers, not the page's", async () => {
    const created = await api.post('/tasks', { json: { title: 'Beside the page' } });
    const listed = await api.get('/tasks');
    const missing = await api.get('/tasks/nope/more');

    expect(created.status).toBe(201);
    expect(listed.status).toBe(200);
    expect(listed.header('content-type')).toBe('application/json; charset=utf-8');
    expect(listed.header('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(listed.header('x-content-type-options')).toBe('nosniff');
    expect(listed.header('x-frame-options')).toBe('DENY');
    expect(listed.header('referrer-policy')).toBeNull();
    expect(listed.header('strict-transport-security')).toBeNull();
    expect(missing.status).toBe(404);
    expect(missing.header('content-type')).toBe('application/problem+json');
  });

  it('serves /config.json: the API on the same origin, the fixed owner', async () => {
    const reply = await api.get('/config.json');

    expect(reply.status).toBe(200);
    expect(reply.header('content-type')).toBe('application/json');
    expect(reply.header('cache-control')).toBe('no-cache');
    expect(reply.json).toEqual({ apiUrl: '', auth: { kind: 'none', owner: 'local' } });
  });

  // Requests as a client can write them byte for byte (fetch would normalise the dots).
  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/./../secret.txt',
    '//secret.txt',
    '/leak.txt',
    '/index.html%00.txt',
  ])('never reads outside the build: %s is a missing key', async (target) => {
    const reply = await sendRaw(started(), { method: 'GET', target, headers: [] }, 10_000);

    expect(reply.status).toBe(404);
    expect(reply.body.toString()).toContain('<Code>NoSuchKey</Code>');
    expect(reply.body.toString()).not.toContain(SECRET.trim());
  });

  it('says where the page is', () => {
    expect(started().page).toEqual({
      state: 'served',
      url: `${started().url}/`,
      dir: build.dist(),
      auth: { kind: 'none', owner: 'local' },
    });
    expect(
      ['/', '/some/view', '/tasks', '/tasks/x', '/local-issuer/sign-in'].map(started().answeredBy),
    ).toEqual(['page', 'page', 'api', 'api', 'page']);
  });
});

describe('the page when its build is missing', () => {
  if (memory === undefined) throw new Error('no store');
  const build = usePageBuild();
  let runtime: LocalRuntime | undefined;
  beforeAll(async () => {
    runtime = await memory.start({ web: { dir: join(build.parent(), 'not-built') } });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it('serves the API alone, and says so in one banner line', async () => {
    if (runtime === undefined) throw new Error('the runtime did not start');
    const root = await apiAt(
      () => runtime?.url ?? '',
      documentedExchange((path) => runtime?.answeredBy(path) ?? 'api'),
    ).get('/');

    expect(root.status).toBe(404);
    expect(root.header('content-type')).toBe('application/problem+json');
    expect(runtime.answeredBy('/')).toBe('api');
    expect(bannerLines(runtime).filter((line) => line.startsWith('Page:'))).toEqual([
      `Page: not served, ${join(build.parent(), 'not-built')} has no index.html (build it with npm run build); serving the API alone`,
    ]);
  });
});
