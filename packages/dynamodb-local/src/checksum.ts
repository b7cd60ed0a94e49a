import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ChecksumMismatchError } from './errors.js';

/** SHA-256 of a file, lowercase hex. */
export const sha256File = async (file: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
};

/** Resolves when `file` has the `expected` SHA-256; rejects with {@link ChecksumMismatchError}. */
export const verifySha256 = async (file: string, expected: string): Promise<void> => {
  const actual = await sha256File(file);
  if (actual !== expected.toLowerCase()) throw new ChecksumMismatchError(file, expected, actual);
};
