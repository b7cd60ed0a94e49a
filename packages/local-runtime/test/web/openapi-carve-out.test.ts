import { describe, expect, it } from 'vitest';
import { documentedExchange, type Exchange } from '../support/openapi-exchanges.js';

// The contract suites check every exchange against openapi.json; what the runtime answers
// beside the API (the page, the local issuer) is left out, by the runtime's own word for
// each path (LocalRuntime.answeredBy, tested with the runtimes in page.test.ts): where the
// API answered, the exchange is checked.
const html = (path: string): Exchange => ({
  method: 'GET',
  path,
  requestHeaders: {},
  status: 200,
  header: (name) => (name.toLowerCase() === 'content-type' ? 'text/html' : undefined),
  text: '<!doctype html>',
});

describe('the OpenAPI check of the contract suites', () => {
  const withPage = documentedExchange((path) =>
    path.startsWith('/tasks') ? 'api' : path.startsWith('/local-issuer/') ? 'local-issuer' : 'page',
  );
  const bare = documentedExchange(() => 'api');

  it("leaves out the page's and the local issuer's exchanges", () => {
    for (const path of [
      '/',
      '/some/view',
      '/assets/app-abc.js',
      '/config.json',
      '/local-issuer/sign-in',
    ]) {
      expect(() => withPage(html(path)), path).not.toThrow();
    }
  });

  it("checks those paths as the API's when the API answered them", () => {
    for (const path of ['/some/view', '/local-issuer/sign-in']) {
      expect(() => bare(html(path)), path).toThrow(/openapi\.json/);
    }
  });

  it('checks every exchange the API answered', () => {
    for (const check of [withPage, bare]) {
      expect(() => check(html('/tasks'))).toThrow(/openapi\.json/);
      expect(() => check(html('/tasks/some/view'))).toThrow(/openapi\.json/);
    }
  });
});
