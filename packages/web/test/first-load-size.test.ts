import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIRST_LOAD_GZIP_LIMIT_BYTES, measureFirstLoad } from '@tasks/web/size';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const site = async (files: Record<string, string>): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'web-size-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
};

describe('measureFirstLoad', () => {
  it('counts what index.html loads and what that imports statically, not what loads later', async () => {
    const dir = await site({
      'index.html':
        '<!doctype html><link rel="icon" href="data:,"><script type="module" crossorigin src="/assets/a.js"></script>' +
        '<link rel="stylesheet" href="/assets/a.css"><link rel="modulepreload" href="/assets/b.js">',
      'assets/a.js': 'import{b}from"./b.js";import("./lazy.js");console.log(b)',
      'assets/b.js': 'export*from"./c.js";export const b=1',
      'assets/c.js': 'export const c=2',
      'assets/lazy.js': 'export const lazy="x".repeat(99)',
      'assets/a.css': 'body{margin:0}',
    });
    const size = await measureFirstLoad(dir);
    expect(size.assets.map((asset) => asset.file).sort()).toEqual([
      'assets/a.css',
      'assets/a.js',
      'assets/b.js',
      'assets/c.js',
    ]);
    expect(size.gzipBytes).toBe(size.assets.reduce((sum, asset) => sum + asset.gzipBytes, 0));
    expect(size.inlineCode).toEqual([]);
  });

  it('reports what the CSP refuses: inline scripts, style elements and attributes, handlers', async () => {
    const dir = await site({
      'index.html':
        '<script>alert(1)</script><style>p{}</style><p style="color:red" onclick="x()">hi</p><script src="/a.js"></script>',
      'a.js': '',
    });
    expect((await measureFirstLoad(dir)).inlineCode).toEqual([
      'inline script: alert(1)',
      'a <style> element',
      'an attribute style=',
      'an attribute onclick=',
    ]);
  });
});

describe('the page’s build', () => {
  it(`loads at most ${FIRST_LOAD_GZIP_LIMIT_BYTES / 1024} KB of JavaScript and CSS gzipped, with no inline code and no config.json`, async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'web-build-'));
    dirs.push(outDir);
    await build({
      root: fileURLToPath(new URL('..', import.meta.url)),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    const size = await measureFirstLoad(outDir);
    expect(size.assets.some((asset) => asset.file.endsWith('.js'))).toBe(true);
    expect(size.assets.some((asset) => asset.file.endsWith('.css'))).toBe(true);
    expect(size.gzipBytes).toBeLessThanOrEqual(FIRST_LOAD_GZIP_LIMIT_BYTES);
    expect(size.inlineCode).toEqual([]);
    expect(await readdir(outDir)).toEqual(['assets', 'index.html']);
    for (const file of await readdir(join(outDir, 'assets')))
      expect(file).toMatch(/^[\w-]+-[\w-]{8}\.(js|css)$/);
  });
});
