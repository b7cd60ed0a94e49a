// @ts-check
/**
 * The methods of each route path of infra/template.yaml, as the fallback function's
 * `Allow` lists them: the methods of the routes on that path (in template order), then
 * OPTIONS, which the fallback answers itself. ANY and `$default` are the fallback's own
 * routes and add no method. Read when the bundles are built (esbuild-options.mjs) and by
 * the tests, from the one list of routes there is.
 */
import { loadTemplate, templateFunctions, templateRoutes } from '@tasks/sam-template';

/**
 * @param {import('@tasks/sam-template').SamTemplate} [template]
 * @returns {Record<string, string[]>}
 */
export const allowedMethods = (template = loadTemplate()) => {
  /** @type {Record<string, string[]>} */
  const paths = {};
  for (const { method, path } of templateRoutes(template)) {
    if (path === '$default') continue;
    const methods = paths[path] ?? [];
    if (method !== 'ANY' && method !== 'OPTIONS' && !methods.includes(method)) methods.push(method);
    paths[path] = methods;
  }
  return Object.fromEntries(
    Object.entries(paths).map(([path, methods]) => [path, [...methods, 'OPTIONS']]),
  );
};

/** The module id the fallback handler imports (src/allowed-methods.d.ts types it). */
export const ALLOWED_METHODS_MODULE = 'tasks:allowed-methods';

/**
 * The routes of the template that a route's function serves (not the fallback's ANY,
 * OPTIONS and `$default`), in template order, each with the name of its bundle (its
 * CodeUri folder, which is its src/handlers/ file): what the OpenAPI document describes.
 * @param {import('@tasks/sam-template').SamTemplate} [template]
 * @returns {{ method: string, path: string, bundle: string }[]}
 */
export const operationRoutes = (template = loadTemplate()) =>
  templateFunctions(template).flatMap((fn) =>
    fn.routes
      .filter((route) => route.path !== '$default' && !['ANY', 'OPTIONS'].includes(route.method))
      .map((route) => ({
        method: route.method,
        path: route.path,
        bundle: bundleNameOf(fn.codeUri),
      })),
  );

/**
 * The bundle of a CodeUri folder: `../packages/adapter-lambda/dist/functions/get-task/` is
 * `get-task`, built from src/handlers/get-task.ts.
 * @param {string} codeUri
 */
export const bundleNameOf = (codeUri) => codeUri.replace(/\/$/, '').split('/').at(-1) ?? '';
