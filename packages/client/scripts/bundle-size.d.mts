/** SPEC §9's bound, in bytes of the minified and gzipped bundle. */
export declare const CLIENT_GZIP_LIMIT_BYTES: number;
/** The minified bundle of the built client: its code, sizes, and the files it took in. */
export interface ClientBundle {
  readonly code: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly inputs: readonly string[];
}
/** Bundles the built client (run `npm run build` first) and measures it. */
export declare const measureClientBundle: () => Promise<ClientBundle>;
