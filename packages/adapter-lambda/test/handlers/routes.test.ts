/**
 * The template and the code describe one API (SPEC §6, §7: routes are never listed
 * twice). API Gateway selects the function before the event arrives: each route's function
 * serves one route and wires the use case its bundle names; the fallback function's
 * `Allow` lists are read from the template when it is bundled. Each function's CodeUri
 * must be a bundle that scripts/bundle.mjs makes.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadTemplate, templateFunctions, templateRoutes } from '@tasks/sam-template';
import { describe, expect, it } from 'vitest';
import { allowedMethods, operationRoutes } from '../../scripts/template-routes.mjs';
import { useCaseOfBundle } from '../../src/openapi/routes.js';

const template = loadTemplate();
/** The HTTP API's functions; the stream processor's are tested in packages/stream-processor. */
const functions = templateFunctions(template).filter((fn) =>
  fn.codeUri.startsWith('../packages/adapter-lambda/'),
);
const HANDLERS_DIR = fileURLToPath(new URL('../../src/handlers/', import.meta.url));
/** Modules in src/handlers that are not functions: what scripts/bundle.mjs leaves out. */
const CODE_URI = /^\.\.\/packages\/adapter-lambda\/dist\/functions\/([a-z0-9-]+)\/$/;

const handlerEntries = (): string[] =>
  readdirSync(HANDLERS_DIR)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();

const bundleNameOf = (codeUri: string): string | undefined => CODE_URI.exec(codeUri)?.[1];

const keyOf = ({ method, path }: { method: string; path: string }): string => `${method} ${path}`;

const isFallbackRoute = ({ method, path }: { method: string; path: string }): boolean =>
  method === 'ANY' || method === 'OPTIONS' || path === '$default';

describe('the HTTP API routes of infra/template.yaml', () => {
  it('give each route function one route, whose bundle names a use case', () => {
    const routed = functions.filter((fn) => fn.routes.some((route) => !isFallbackRoute(route)));

    for (const fn of routed) expect(fn.routes, fn.functionId).toHaveLength(1);
    expect(
      operationRoutes()
        .map((route) => useCaseOfBundle(route.bundle))
        .sort(),
    ).toEqual(['createTask', 'deleteTask', 'getStats', 'getTask', 'listTasks', 'updateTask']);
  });

  it("give the fallback the template's methods of each path, OPTIONS last", () => {
    expect(allowedMethods()).toEqual({
      '/tasks': ['POST', 'GET', 'OPTIONS'],
      '/tasks/{taskId}': ['GET', 'PATCH', 'DELETE', 'OPTIONS'],
      '/tasks/stats': ['GET', 'OPTIONS'],
    });
  });

  // Without an ANY route of its own, another method on a literal path such as /tasks/stats
  // would be taken by /tasks/{taskId}'s routes, as the task "stats".
  it('send every other method on each path of a route, and every other path, to one fallback function', () => {
    const fallback = templateRoutes(template).filter(isFallbackRoute);
    const paths = [...new Set(operationRoutes().map((route) => route.path))];

    expect(new Set(fallback.map((route) => route.functionId)).size).toBe(1);
    expect(fallback.map(keyOf).sort()).toEqual(
      ['ANY $default', ...paths.flatMap((path) => [`ANY ${path}`, `OPTIONS ${path}`])].sort(),
    );
  });

  // A preflight carries no token, and the route that takes it is the one its path and
  // method select (OPTIONS, else ANY, else $default): each path with routes needs an
  // OPTIONS route outside the authorizer, or browsers get 401 for every cross-origin call.
  it('give every path with routes an OPTIONS route without the authorizer', () => {
    const preflights = templateRoutes(template).filter((route) => route.method === 'OPTIONS');
    const paths = [...new Set(operationRoutes().map((route) => route.path))].sort();

    expect(preflights.map((route) => route.path).sort()).toEqual(paths);
    expect(preflights.every((route) => route.authorizer === 'NONE')).toBe(true);
  });

  it('give every function at least one route', () => {
    expect(functions.filter((fn) => fn.routes.length === 0)).toEqual([]);
  });
});

describe('the functions of infra/template.yaml', () => {
  it.each(functions)('$functionId has a CodeUri folder that scripts/bundle.mjs writes', (fn) => {
    const name = bundleNameOf(fn.codeUri);

    expect(name, fn.codeUri).toBeDefined();
    expect(handlerEntries()).toContain(name);
  });

  it('are one per handler entry in src/handlers, and no two share a bundle', () => {
    const bundles = functions.map((fn) => bundleNameOf(fn.codeUri));

    expect([...bundles].sort()).toEqual(handlerEntries());
  });
});
