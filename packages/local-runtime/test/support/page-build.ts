import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type AuthChoice, type LocalRuntime, startLocalRuntime } from '../../src/index.js';
import { apiAt } from './api.js';
import { documentedExchange } from './openapi-exchanges.js';

/** The fixture's files, as Vite writes a build: the page and its hashed assets. */
export const PAGE_FILES = {
  'index.html':
    '<!doctype html><html><head><meta charset="UTF-8"><script type="module" src="/assets/app-abc.js"></script></head><body></body></html>\n',
  'assets/app-abc.js': 'console.log("the page");\n',
  'assets/app-abc.css': 'body { margin: 0; }\n',
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  // A folder whose name looks like a file's: the rewrite passes it to the origin as a key.
  'v1.2/notes.txt': 'inside a folder\n',
} as const;

/** Beside the build, never inside it: what a traversal out of `dist/` would read. */
export const SECRET = 'a file outside the build\n';

/** A page build in a temporary folder. */
export interface PageBuild {
  /** The build (`dist/`): {@link PAGE_FILES}, and `leak.txt`, a link to the secret. */
  dist(): string;
  /** The folder that holds `dist/` and `secret.txt`. */
  parent(): string;
}

/** Writes a page build before the tests of the enclosing `describe`; removes it after them. */
export const usePageBuild = (): PageBuild => {
  let parent: string | undefined;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'tasks-local-page-'));
    const dist = join(parent, 'dist');
    for (const [name, text] of Object.entries(PAGE_FILES)) {
      await mkdir(join(dist, name, '..'), { recursive: true });
      await writeFile(join(dist, name), text);
    }
    await writeFile(join(parent, 'secret.txt'), SECRET);
    await symlink(join(parent, 'secret.txt'), join(dist, 'leak.txt'));
  });
  afterAll(async () => {
    if (parent !== undefined) await rm(parent, { recursive: true, force: true });
  });
  const built = (): string => {
    if (parent === undefined) throw new Error('the page build was not written');
    return parent;
  };
  return { dist: () => join(built(), 'dist'), parent: built };
};

/**
 * A runtime in memory serving a {@link usePageBuild} build with `auth` (default off), its
 * data (the issuer's key) in a temporary folder, started before the tests of the
 * enclosing `describe` and stopped after them; its API checks every exchange against
 * openapi.json (`documentedExchange`).
 */
export const usePageRuntime = (auth: AuthChoice = { mode: 'none' }, host = '127.0.0.1') => {
  const build = usePageBuild();
  let runtime: LocalRuntime | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tasks-local-page-auth-'));
    runtime = await startLocalRuntime({
      host,
      port: 0,
      logLevel: 'warn',
      store: 'memory',
      dataDir,
      auth,
      web: { dir: build.dist() },
    });
  });
  afterAll(async () => {
    await runtime?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });
  const started = (): LocalRuntime => {
    if (runtime === undefined) throw new Error('the runtime did not start');
    return runtime;
  };
  const api = apiAt(
    () => started().url,
    documentedExchange((path) => started().answeredBy(path)),
  );
  const data = (): string => {
    if (dataDir === undefined) throw new Error('the runtime did not start');
    return dataDir;
  };
  return { api, runtime: started, dataDir: data, build };
};
