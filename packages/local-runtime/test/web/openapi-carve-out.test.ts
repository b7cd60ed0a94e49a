import { describe, expect, it } from 'vitest';
import { documentedExchange, type Exchange } from '../support/openapi-exchanges.js';

// The contract suites check every exchange against openapi.json; what the runtime answers
// beside the API (the page, the local issuer) is left out by the runtime's own split of
// paths, and only when the runtime serves it: otherwise the API answered, and is checked.
const html = (path: string): Exchange => ({
  method: 'GET',
  path,
  requestHeaders: {},
  status: 200,
  header: (name) => (name.toLowerCase() === 'content-type' ? 'text/html' : undefined),
  text: '<!doctype html>',
});

describe('the OpenAPI check of the contract suites', () => {
  const withPage = documentedExchange(() => ({ page: true, localIssuer: true }));
  const bare = documentedExchange(() => ({ page: false, localIssuer: false }));

  it("leaves out the page's and the local issuer's exchanges when the runtime serves them", () => {
    for (const path of [
      '/',
      '/some/view',
      '/assets/app-abc.js',
      '/config.json',
      '/local-issuer/sign-in',
      '/.well-known/jwks.json',
    ]) {
      expect(() => withPage(html(path)), path).not.toThrow();
    }
  });

  it("checks those paths as the API's when the runtime does not serve them", () => {
    for (const path of ['/some/view', '/local-issuer/sign-in']) {
      expect(() => bare(html(path)), path).toThrow(/openapi\.json/);
    }
  });

  it('checks every exchange under /tasks, the page served or not', () => {
    for (const check of [withPage, bare]) {
      expect(() => check(html('/tasks'))).toThrow(/openapi\.json/);
      expect(() => check(html('/tasks/some/view'))).toThrow(/openapi\.json/);
    }
  });
});
