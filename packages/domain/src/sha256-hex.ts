import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Sha256Hex } from './idempotency.js';

/**
 * SHA-256 in JavaScript (`@noble/hashes`), so that the domain runs wherever JavaScript
 * does. In a module of its own: a bundle given another hash never parses this one.
 */
export const sha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));
