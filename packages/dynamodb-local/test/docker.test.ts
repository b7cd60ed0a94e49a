// This machine class (CI, dev containers) often has the docker client but no engine: the
// check must say so at once rather than hang, and must recognise an engine that answers.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDocker } from '../src/docker.js';
import { useTempDirs } from './support/temp-dir.js';

const tempDir = useTempDirs();

describe('detectDocker', () => {
  it('reports a missing engine quickly, naming where it looked', async () => {
    const started = Date.now();

    const probe = await detectDocker({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' });

    expect(probe).toEqual({
      available: false,
      reason: expect.stringMatching(/nonexistent\/docker\.sock: .*ENOENT/),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('finds an engine that answers /_ping on DOCKER_HOST', async () => {
    const socketPath = join(await tempDir(), 'docker.sock');
    const engine = createServer((req, res) => res.end(req.url === '/_ping' ? 'OK' : ''));
    await new Promise<void>((done) => engine.listen(socketPath, done));

    try {
      await expect(detectDocker({ DOCKER_HOST: `unix://${socketPath}` })).resolves.toEqual({
        available: true,
        host: `unix://${socketPath}`,
      });
    } finally {
      await new Promise((done) => engine.close(done));
    }
  });
});
