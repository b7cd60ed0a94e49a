import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** This package's folder. */
export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles built for one test run, and how to remove them. */
export interface BuiltBundles {
  /** The `dist/functions` of the run: `<name>/index.mjs` per function. */
  readonly functionsDir: string;
  /** esbuild's metafiles of the run: `<name>.json` per function. */
  readonly metafilesDir: string;
  /** What scripts/bundle.mjs printed (sizes), for a failure message. */
  readonly report: string;
  remove(): Promise<void>;
}

/**
 * Runs scripts/bundle.mjs, unchanged, on the current sources, with the Node this test runs
 * on, but writing to a private folder. The script empties `dist/functions` before it
 * writes, and other tasks (the package's build, the local runtime's tests) read or write
 * that folder at the same time under Turborepo: sharing it made runs flaky. So scripts/
 * is copied into `dist/bundle-test-*` (inside the package, where `esbuild` and the
 * workspace resolve as they do for the real script) beside a link to the real `src`.
 */
export const buildBundles = async (): Promise<BuiltBundles> => {
  await mkdir(join(PACKAGE_DIR, 'dist'), { recursive: true });
  const root = await mkdtemp(join(PACKAGE_DIR, 'dist', 'bundle-test-'));
  await cp(join(PACKAGE_DIR, 'scripts'), join(root, 'scripts'), { recursive: true });
  await symlink(join(PACKAGE_DIR, 'src'), join(root, 'src'), 'dir');
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(root, 'scripts', 'bundle.mjs')],
      { cwd: root },
    );
    return {
      functionsDir: join(root, 'dist', 'functions'),
      metafilesDir: join(root, 'dist', 'metafiles'),
      report: stdout,
      remove: () => rm(root, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
};
