import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dir.js';

/** The id of a process that has exited: nothing runs under it (until the OS reuses it). */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not spawn node');
  return child.pid;
};

describe('the data directory lock', () => {
  const tempDir = useTempDirs();

  it('creates the folder and a lock file holding this pid, removed on release', async () => {
    const dataDir = join(await tempDir(), 'nested', 'data');

    const lock = await acquireDataDirLock(dataDir);

    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
    await expect(readFile(join(dataDir, LOCK_FILE), 'utf8')).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('refuses a folder held by a running process, naming it and its pid', async () => {
    const dataDir = await tempDir();
    const held = await acquireDataDirLock(dataDir);

    const second = acquireDataDirLock(dataDir);

    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toMatchObject({
      code: 'data_dir_locked',
      pid: process.pid,
      message: `The data directory ${dataDir} is in use by another running instance (pid ${process.pid}): stop it or set TASKS_DATA_DIR`,
    });
    await held.release();
  });

  it.each([
    ['a process that has exited', () => `${deadPid()}\n`],
    ['no readable pid', () => ''],
  ])('takes over a stale lock naming %s', async (_, content) => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, LOCK_FILE), content());

    const lock = await acquireDataDirLock(dataDir);

    expect(await readFile(lock.file, 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });

  it('leaves a lock file that another process has since taken on release', async () => {
    const dataDir = await tempDir();
    const lock = await acquireDataDirLock(dataDir);
    await writeFile(lock.file, '1\n');

    await lock.release();

    expect(await readFile(lock.file, 'utf8')).toBe('1\n');
  });
});
