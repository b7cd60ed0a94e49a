// What `npm start` runs (node packages/local-runtime/dist/main.js) serves the page
// package's own build at / beside the API: the build `@tasks/web` writes is the one the
// runtime's CLI serves, its assets cached a year, its config.json one the page accepts.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WEB_DIR } from '@tasks/local-runtime';
import { DIST_DIR } from '@tasks/web/size';
import { parseWebConfig } from '@tasks/web-config';
import { describe, expect, it } from 'vitest';

/** The page package's build folder, written as the runtime writes paths (no trailing slash). */
const BUILD = resolve(DIST_DIR);
const MAIN = fileURLToPath(new URL('../../local-runtime/dist/main.js', import.meta.url));
const READY = 'Press Ctrl-C to stop.';

/** The CLI's standard output up to its ready line (it fails the test if it exits first). */
const bannerOf = async (child: ChildProcess): Promise<string> => {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(READY)) resolve(output);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
};

describe('npm start (the local runtime’s CLI)', () => {
  it('serves the page package’s build', () => {
    expect(DEFAULT_WEB_DIR).toBe(BUILD);
  });

  it('answers / and a deep link with the page, its assets cached a year, and config.json', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tasks-npm-start-'));
    const { TASKS_AUTH: _auth, ...env } = process.env;
    const child = spawn(process.execPath, [MAIN], {
      // Port 0: the runtime takes a free one and says which in its banner's first line.
      env: { ...env, PORT: '0', TASKS_STORE: 'memory', TASKS_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const banner = await bannerOf(child);
      const url = banner.match(/^Tasks API on (http:\/\/127\.0\.0\.1:\d+)$/m)?.[1] ?? '';
      expect(banner).toContain(`Page: ${url}/ (the build in ${BUILD})`);
      const page = await fetch(`${url}/some/deep/link`);
      const html = await page.text();
      expect([page.status, page.headers.get('content-type')]).toEqual([
        200,
        'text/html; charset=utf-8',
      ]);
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map(
        ([, path]) => path ?? '',
      );
      expect(assets).not.toEqual([]);
      for (const asset of assets) {
        const reply = await fetch(`${url}${asset}`);
        expect([asset, reply.status, reply.headers.get('cache-control')]).toEqual([
          asset,
          200,
          'public, max-age=31536000, immutable',
        ]);
      }
      const config: unknown = await (await fetch(`${url}/config.json`)).json();
      expect(parseWebConfig(config)).toEqual({
        apiUrl: '',
        auth: { kind: 'none', owner: 'local' },
      });
      const created = await fetch(`${url}/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Beside the page' }),
      });
      expect(created.status).toBe(201);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
