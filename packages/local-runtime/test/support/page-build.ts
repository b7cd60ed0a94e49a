import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

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
