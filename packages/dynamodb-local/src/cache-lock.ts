import { randomUUID } from 'node:crypto';
import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDbLocalDownloadError } from './errors.js';

/** Options of {@link withCacheLock}. */
export interface CacheLockOptions {
  /** How long to wait for another process's download before giving up. */
  readonly waitMs: number;
  /** How often to look whether the holder is done. */
  readonly pollMs?: number;
  readonly log?: (line: string) => void;
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

/** The pid a lock file names; `undefined` when the file is gone or names none (half-written). */
const holderOf = async (file: string): Promise<number | undefined> => {
  try {
    const pid = Number.parseInt((await readFile(file, 'utf8')).trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
};

const tryCreate = async (file: string, token: string): Promise<boolean> => {
  try {
    await writeFile(file, token, { flag: 'wx' });
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
};

/** A lock that names no process (its writer died between creating and writing it) for this long is stale. */
const UNNAMED_STALE_MS = 10_000;

const isStale = async (file: string, holder: number | undefined): Promise<boolean> => {
  if (holder !== undefined) return !isAlive(holder);
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > UNNAMED_STALE_MS;
};

/** Removes `file` only if it still holds `content`: never another holder's lock. */
const removeIf = async (file: string, content: string): Promise<void> => {
  const now = await readFile(file, 'utf8').catch(() => undefined);
  if (now === content) await unlink(file).catch(() => undefined);
};

/**
 * Runs `task` while holding the lock file `file` (created with `wx`, so atomically), so that
 * concurrent first runs (Turborepo starts every package's suite at once) download once:
 * the others wait, then find the cache filled. A lock whose process is gone (killed mid-
 * download) is stale and taken over. The file holds the holder's pid and a random token,
 * so that a holder only ever removes its own lock. Rejects with
 * {@link DynamoDbLocalDownloadError} when a live holder keeps it longer than `waitMs`.
 */
export const withCacheLock = async <T>(
  file: string,
  task: () => Promise<T>,
  { waitMs, pollMs = 200, log }: CacheLockOptions,
): Promise<T> => {
  const token = `${process.pid}\n${randomUUID()}\n`;
  const deadline = Date.now() + waitMs;
  let told = false;
  while (!(await tryCreate(file, token))) {
    const holder = await holderOf(file);
    const content = await readFile(file, 'utf8').catch(() => undefined);
    if (content !== undefined && (await isStale(file, holder))) {
      log?.(`Taking over ${file}: its process ${holder ?? '(unnamed)'} is gone`);
      await removeIf(file, content);
      continue;
    }
    if (Date.now() > deadline) {
      throw new DynamoDbLocalDownloadError(
        `Waited ${waitMs} ms for ${file} (held by process ${holder ?? 'unknown'}) to be released`,
      );
    }
    if (!told) {
      log?.(`Waiting for process ${holder ?? 'unknown'} to finish downloading (${file})`);
      told = true;
    }
    await sleep(pollMs);
  }
  try {
    return await task();
  } finally {
    await removeIf(file, token);
  }
};
