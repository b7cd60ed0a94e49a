/** SPEC §9's bound, in bytes of JavaScript and CSS gzipped. */
export declare const FIRST_LOAD_GZIP_LIMIT_BYTES: number;
/** The page's build, `packages/web/dist`. */
export declare const DIST_DIR: string;
/** One file of the first load, its path relative to the build's folder. */
export interface FirstLoadAsset {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}
/** The first load: its files (largest first), their sums, the bound, and CSP problems. */
export interface FirstLoad {
  readonly assets: readonly FirstLoadAsset[];
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly limitBytes: number;
  /** What in `index.html` the page's CSP would refuse; empty when nothing. */
  readonly inlineCode: readonly string[];
}
/** Measures the first load of the build in `dir` (default: this package's `dist`). */
export declare const measureFirstLoad: (dir?: string) => Promise<FirstLoad>;
