import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FailureRecord } from './delivery.js';

/**
 * The local stand-in for the on-failure SQS queue: one JSON message per line, appended to
 * `file` (in the data directory), so that `cat` shows what Lambda would have queued.
 */
export const jsonLinesQueue =
  (file: string) =>
  async (message: FailureRecord): Promise<void> => {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(message)}\n`);
  };
