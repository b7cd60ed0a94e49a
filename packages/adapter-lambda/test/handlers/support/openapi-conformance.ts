import { expect } from 'vitest';
import { matchRoute } from '../../../src/http/routes.js';
import type { ApiGatewayEvent } from '../../../src/index.js';
import type { OpenApiDocument } from '../../../src/openapi/index.js';
import type { Reply } from '../../http/harness.js';
import { deref, keysOf, member, schemaCompiler } from './openapi-checks.js';
import type { Invoke } from './route-scenarios.js';

const methodAndPath = (event: ApiGatewayEvent): { method: string; path: string } =>
  'httpMethod' in event
    ? { method: event.httpMethod, path: event.path }
    : { method: event.requestContext.http.method, path: event.rawPath };

/**
 * Wraps `invoke` so that every reply is checked against the document: its status is one
 * the operation lists, its content type and body are the ones documented for that status
 * (validated with the schema), its documented headers are present and valid, and no
 * header of the API (`components.headers`) is sent where the document does not list it.
 */
export const conformingTo = (document: OpenApiDocument, invoke: Invoke): Invoke => {
  const compile = schemaCompiler(document);
  const apiHeaders = keysOf(document.components.headers);
  return async (event) => {
    const reply = await invoke(event);
    const { method, path } = methodAndPath(event);
    const match = matchRoute(method, path);
    if (match.kind !== 'route') return reply;
    const where = `${method} ${match.route.path} → ${reply.status}`;
    const operation = member(document.paths[match.route.path], method.toLowerCase());
    const response = deref(document, member(member(operation, 'responses'), String(reply.status)));
    expect(response, `${where} is not documented`).toBeDefined();
    checkContent(where, reply, member(response, 'content'), compile);
    const headers = member(response, 'headers');
    for (const name of keysOf(headers)) {
      const definition = deref(document, member(headers, name));
      const value = reply.header(name);
      if (member(definition, 'required') === true) expect(value, `${where}: ${name}`).toBeDefined();
      if (value !== undefined) {
        expect(compile(member(definition, 'schema'))(value), `${where}: ${name}`).toEqual([]);
      }
    }
    const undocumented = apiHeaders.filter(
      (name) => reply.header(name) !== undefined && !keysOf(headers).includes(name),
    );
    expect(undocumented, `${where}: headers sent but not documented`).toEqual([]);
    return reply;
  };
};

const checkContent = (
  where: string,
  reply: Reply,
  content: unknown,
  compile: ReturnType<typeof schemaCompiler>,
): void => {
  if (content === undefined) {
    expect(reply.raw.body, `${where} has a body the document does not describe`).toBe('');
    return;
  }
  const essence = (reply.header('Content-Type') ?? '').split(';')[0]?.trim() ?? '';
  expect(keysOf(content), `${where}: Content-Type ${essence}`).toContain(essence);
  const schema = member(member(content, essence), 'schema');
  expect(compile(schema)(reply.body), `${where}: body`).toEqual([]);
};
