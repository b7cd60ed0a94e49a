import type { SamTemplate } from '@tasks/sam-template';

/** The methods of each route path, as `Allow` lists them (OPTIONS last). */
export declare const allowedMethods: (template?: SamTemplate) => Record<string, string[]>;
/** The module id the fallback handler imports. */
export declare const ALLOWED_METHODS_MODULE: 'tasks:allowed-methods';
/** The routes a route's function serves, with the name of its bundle. */
export declare const operationRoutes: (
  template?: SamTemplate,
) => { method: string; path: string; bundle: string }[];
/** The bundle (src/handlers/ file) of a CodeUri folder. */
export declare const bundleNameOf: (codeUri: string) => string;
