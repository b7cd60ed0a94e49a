import type { SamTemplate } from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import {
  compileViewerRequestFunction,
  type IncomingHttpRequest,
  InvalidTemplateError,
  templateViewerRequestFunction,
  viewerRequestEvent,
} from '../../src/index.js';
import { makePageBehaviour } from '../../src/web/page-behaviour.js';

const names = { distributionDomainName: 'localhost', distributionId: 'LOCAL' };

const get = (rawPath: string): IncomingHttpRequest => ({
  method: 'GET',
  rawPath,
  rawQueryString: '',
  httpVersion: '1.1',
  rawHeaders: [],
  sourceIp: '127.0.0.1',
  localPort: 3000,
  body: Buffer.alloc(0),
});

const run = (code: string, path = '/some/view') =>
  compileViewerRequestFunction(
    code,
    'TestFunction',
    () => undefined,
  )(viewerRequestEvent(get(path), names, 'id'));

describe('a viewer-request function run as CloudFront runs it', () => {
  it('takes the uri of the request it returns', async () => {
    const code =
      'function handler(event) { event.request.uri = "/other.html"; return event.request; }';

    expect(await run(code)).toEqual({ kind: 'request', uri: '/other.html' });
  });

  it('awaits an async handler (cloudfront-js-2.0)', async () => {
    const code = 'async function handler(event) { return event.request; }';

    expect(await run(code, '/a.js')).toEqual({ kind: 'request', uri: '/a.js' });
  });

  it.each([
    ['throws', 'function handler() { throw new Error("boom"); }'],
    ['returns nothing', 'function handler() {}'],
    ['returns a string', 'function handler() { return "/index.html"; }'],
    [
      'returns a uri without its leading slash',
      'function handler(e) { e.request.uri = "index.html"; return e.request; }',
    ],
    ['returns a malformed response', 'function handler() { return { statusCode: "302" }; }'],
    ['runs for ever', 'function handler() { for (;;) {} }'],
    ['reaches for Node', 'function handler(e) { require("fs"); return e.request; }'],
  ])('fails when the function %s', async (_, code) => {
    expect(await run(code)).toMatchObject({ kind: 'failed' });
  });

  it('answers the viewer with a response the function returns', async () => {
    const code = `function handler() {
      return { statusCode: 302, statusDescription: 'Found',
        headers: { location: { value: '/index.html' } },
        cookies: { seen: { value: '1', attributes: 'Path=/' } } };
    }`;

    expect(await run(code)).toEqual({
      kind: 'response',
      response: {
        statusCode: 302,
        headers: [
          ['location', '/index.html'],
          ['Set-Cookie', 'seen=1; Path=/'],
        ],
        body: Buffer.alloc(0),
      },
    });
  });

  it('never lets the function reach the runtime: it sees a copy of the event', async () => {
    const event = viewerRequestEvent(get('/x'), names, 'id');
    const code =
      'function handler(e) { e.request.headers.leak = { value: "1" }; Object.prototype.polluted = 1; return e.request; }';

    await compileViewerRequestFunction(code, 'TestFunction', () => undefined)(event);

    expect(event.request.headers).toEqual({});
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });

  // The escapes of a context handed a host function: its constructor is the host's Function.
  it.each([
    ['console.log', 'console.log.constructor("return process")()'],
    ['console', 'console.constructor.constructor("return process")()'],
    [
      "console.log's prototype",
      'Object.getPrototypeOf(console.log).constructor("return process")()',
    ],
  ])("never lets the function reach Node's process through %s", async (_, attempt) => {
    const code = `function handler(event) {
      var reached;
      try { reached = ${attempt}; } catch (error) { reached = undefined; }
      event.request.uri = reached && reached.versions ? '/escaped/' + reached.version : '/contained';
      return event.request;
    }`;

    expect(await run(code)).toEqual({ kind: 'request', uri: '/contained' });
  });

  it("hands the function's console.log lines to the log, as strings, named", async () => {
    const lines: string[] = [];
    const code = `console.log('loaded');
      function handler(event) { console.log('uri', event.request.uri, 42, { a: 1 }); return event.request; }`;
    const compiled = compileViewerRequestFunction(code, 'TestFunction', (line) => lines.push(line));

    await compiled(viewerRequestEvent(get('/x'), names, 'id'));

    expect(lines).toEqual(['TestFunction: loaded', 'TestFunction: uri /x 42 [object Object]']);
  });

  it('logs nothing of a call stopped past its time limit, with the next call', async () => {
    const lines: string[] = [];
    const code = `function handler(e) {
      console.log('at', e.request.uri);
      if (e.request.uri === '/spin') for (;;) {}
      return e.request;
    }`;
    const compiled = compileViewerRequestFunction(code, 'TestFunction', (line) => lines.push(line));

    await compiled(viewerRequestEvent(get('/spin'), names, 'id'));
    await compiled(viewerRequestEvent(get('/ok'), names, 'id'));

    expect(lines).toEqual(['TestFunction: at /ok']);
  });

  it.each([
    [
      'returns a promise that never settles',
      'function handler() { return new Promise(() => {}); }',
    ],
    [
      'awaits a promise that never settles',
      'async function handler(e) { await new Promise(() => {}); return e.request; }',
    ],
    ['awaits for ever', 'async function handler() { for (;;) { await null; } }'],
    [
      'returns a thenable whose then runs for ever',
      'function handler() { return { then() { for (;;) {} } }; }',
    ],
    [
      'returns a value whose toJSON runs for ever',
      'function handler() { return { toJSON() { for (;;) {} } }; }',
    ],
  ])('fails, within its time limit, when the function %s', async (_, code) => {
    expect(await run(code)).toMatchObject({ kind: 'failed' });
  });

  it('runs the next request as usual after one that never settled', async () => {
    const code = `function handler(e) {
      if (e.request.uri === '/hang') return new Promise(() => {});
      return Promise.resolve(e.request);
    }`;
    const compiled = compileViewerRequestFunction(code, 'TestFunction', () => undefined);

    expect(await compiled(viewerRequestEvent(get('/hang'), names, 'id'))).toMatchObject({
      kind: 'failed',
      reason: 'the promise the function returned never settled',
    });
    expect(await compiled(viewerRequestEvent(get('/ok'), names, 'id'))).toEqual({
      kind: 'request',
      uri: '/ok',
    });
  });

  it('refuses code that defines no handler, or does not compile, as an invalid template', () => {
    const compile = (code: string) => () =>
      compileViewerRequestFunction(code, 'F', () => undefined);

    expect(compile('var handler = 1;')).toThrow(InvalidTemplateError);
    expect(compile('function handler( {')).toThrow(InvalidTemplateError);
  });

  it('refuses a template without the page function', () => {
    const template: SamTemplate = { Resources: {} };

    expect(() =>
      templateViewerRequestFunction(template, 'WebRewriteFunction', () => undefined),
    ).toThrow(/no AWS::CloudFront::Function WebRewriteFunction/);
  });
});

describe("the page's behaviour when its function fails", () => {
  it("answers CloudFront's 503 when the function's promise never settles", async () => {
    const behaviour = makePageBehaviour({
      bucket: { get: async () => undefined },
      viewerRequest: compileViewerRequestFunction(
        'async function handler() { await new Promise(() => {}); }',
        'F',
        () => undefined,
      ),
      names,
      log: () => undefined,
    });

    expect((await behaviour(get('/index.html'))).statusCode).toBe(503);
  });

  it("answers CloudFront's 503, logged, and never reaches the bucket", async () => {
    const lines: string[] = [];
    const asked: string[] = [];
    const behaviour = makePageBehaviour({
      bucket: {
        get: async (key) => {
          asked.push(key);
          return undefined;
        },
      },
      viewerRequest: compileViewerRequestFunction(
        'function handler() { throw new Error("boom"); }',
        'F',
        () => undefined,
      ),
      names,
      log: (line) => lines.push(line),
    });

    const response = await behaviour(get('/index.html'));

    expect(response.statusCode).toBe(503);
    expect(response.headers).toContainEqual(['Content-Type', 'text/html']);
    expect(response.body.toString()).toContain(
      'The CloudFront function associated with the CloudFront distribution is invalid or could not run.',
    );
    expect(lines).toEqual([expect.stringContaining('"reason":"Error: boom"')]);
    expect(asked).toEqual([]);
  });
});
