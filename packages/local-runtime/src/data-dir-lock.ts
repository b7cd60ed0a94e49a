import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataDirLockedError } from './errors.js';

/** The file, inside the data directory, that names the process using it. */
export const LOCK_FILE = 'tasks-local.pid';

/** A held lock on a data directory. */
export interface DataDirLock {
  readonly dataDir: string;
  readonly file: string;
  /** Removes the lock file if it still names this process. Idempotent. */
  release(): Promise<void>;
}

const isErrno = (error: unknown, code: string): boolean =>
  error instanceof Error && 'code' in error && error.code === code;

/** Whether a process with this id runs; EPERM means it does, under another user. */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
};

const pidIn = async (file: string): Promise<number | undefined> => {
  try {
    const pid = Number.parseInt((await readFile(file, 'utf8')).trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
};

/** Creates the lock file only if there is none (`wx`), atomically. */
const tryCreate = async (file: string): Promise<boolean> => {
  try {
    await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
};

/**
 * Takes `dataDir` for this process (creating it if needed), so that two runtimes never run
 * DynamoDB Local on the same files. A lock whose process is gone (killed, crashed) is stale
 * and taken over; one held by a running process, this one included, rejects with
 * {@link DataDirLockedError}.
 */
export const acquireDataDirLock = async (dataDir: string): Promise<DataDirLock> => {
  const dir = resolve(dataDir);
  const file = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  for (let attempt = 0; !(await tryCreate(file)); attempt += 1) {
    const holder = await pidIn(file);
    if (holder !== undefined && isAlive(holder)) throw new DataDirLockedError(dir, holder);
    // Stale (or unreadable, half-written by a crash): remove it and try once more; a second
    // failure means another process took it between our two steps.
    if (attempt > 0) throw new DataDirLockedError(dir, holder ?? 0);
    await unlink(file).catch((error: unknown) => {
      if (!isErrno(error, 'ENOENT')) throw error;
    });
  }
  let released: Promise<void> | undefined;
  return {
    dataDir: dir,
    file,
    release: () => {
      released ??= (async () => {
        if ((await pidIn(file)) === process.pid) await unlink(file).catch(() => undefined);
      })();
      return released;
    },
  };
};
