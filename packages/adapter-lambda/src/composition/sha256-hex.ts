import { createHash } from 'node:crypto';
import type { Sha256Hex } from '@tasks/domain';

/**
 * Node's SHA-256 for idempotency fingerprints: the same digests as the domain's
 * JavaScript `sha256Hex` (a property test compares them), which a create-task bundle then
 * leaves out. `node:crypto` is loaded by the AWS SDK anyway, so this costs the import
 * nothing, and a fingerprint hashes in a fifth of the time.
 */
export const nodeSha256Hex: Sha256Hex = (text) =>
  createHash('sha256').update(text, 'utf8').digest('hex');
