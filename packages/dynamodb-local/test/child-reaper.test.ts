// A test run that crashes or exits early must not leave a JVM holding a port or a
// database file: the exit handler kills registered children when Node exits.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isRunning } from './support/process.js';

const fixture = fileURLToPath(new URL('./support/exit-fixture.mjs', import.meta.url));

describe('killOnExit', () => {
  it('kills a registered child when the parent process exits', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [fixture]);
    const pid = Number(stdout);

    expect(pid).toBeGreaterThan(0);
    await expect(isRunning(pid)).resolves.toBe(false);
  });
});
