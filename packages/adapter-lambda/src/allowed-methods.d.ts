/**
 * The methods of each route path of infra/template.yaml, as `Allow` lists them: a module
 * that scripts/esbuild-options.mjs writes when it bundles (see scripts/template-routes.mjs),
 * so that the fallback function never lists the routes a second time.
 */
declare module 'tasks:allowed-methods' {
  const allowedMethods: Readonly<Record<string, readonly string[]>>;
  export default allowedMethods;
}
