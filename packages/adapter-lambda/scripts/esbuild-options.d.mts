import type { BuildOptions, Plugin } from 'esbuild';

/** The template's Runtime (nodejs24.x) as an esbuild target. */
export declare const NODE_TARGET: string;
/** Replaces the SDK's default credential chain with its environment provider (Lambda). */
export declare const credentialsFromEnvironmentOnly: Plugin;
/** Resolves `tasks:allowed-methods` to the template's methods per path. */
export declare const allowedMethodsFromTemplate: Plugin;
/** Options for one Lambda bundle: ESM, minified, source map and metafile. */
export declare const lambdaBuildOptions: (options: {
  entry: string;
  outdir: string;
  externalSdk?: boolean;
}) => BuildOptions & { metafile: true };
