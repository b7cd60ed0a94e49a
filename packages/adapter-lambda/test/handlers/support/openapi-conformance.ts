import { expect } from 'vitest';
import type { ApiGatewayEvent } from '../../../src/index.js';
import type { OpenApiDocument } from '../../../src/openapi/index.js';
import { exchangeChecker } from '../../../src/openapi/testing/index.js';
import type { Invoke } from './route-scenarios.js';

const requestOf = (event: ApiGatewayEvent) =>
  'httpMethod' in event
    ? { method: event.httpMethod, path: event.path, headers: event.headers }
    : { method: event.requestContext.http.method, path: event.rawPath, headers: event.headers };

/**
 * Wraps `invoke` so that every reply is checked against the document (`exchangeChecker`):
 * its status is one the operation lists, its content type and body are the ones
 * documented for that status, its documented headers are present and valid, and no
 * header of the API is sent where the document does not list it.
 */
export const conformingTo = (document: OpenApiDocument, invoke: Invoke): Invoke => {
  const check = exchangeChecker(document);
  return async (event) => {
    const reply = await invoke(event);
    const { method, path, headers } = requestOf(event);
    const requestHeaders = Object.fromEntries(
      Object.entries(headers ?? {}).flatMap(([name, value]) =>
        value === undefined ? [] : [[name.toLowerCase(), value]],
      ),
    );
    // On the wire, a response to HEAD has no body (RFC 9110 §9.3.2), whatever the function returns.
    const text = method === 'HEAD' ? '' : reply.raw.body;
    const exchange = { method, path, requestHeaders, status: reply.status, text };
    expect(check({ ...exchange, header: reply.header }), 'not as the document says').toEqual([]);
    return reply;
  };
};
