import * as v from 'valibot';

/** How long a key is remembered (SPEC §4: "within 24 hours"). */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** 1 to 255 printable ASCII characters (SPEC §4). */
export const IdempotencyKeySchema = v.pipe(
  v.string(),
  v.regex(/^[\x20-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters'),
);

/**
 * The JSON text of `value` with object keys sorted at every depth: two bodies that are
 * the same JSON value (whatever their key order or whitespace) give the same text.
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/**
 * SHA-256 of the UTF-8 bytes of `text`, as lower-case hex: the port through which
 * idempotency fingerprints are hashed. The domain's own is {@link sha256Hex}; a Node.js
 * entry point may pass `node:crypto`'s instead, which gives the same digests.
 */
export type Sha256Hex = (text: string) => string;

/** The fingerprint of a request body: SHA-256 (hex) of its canonical JSON. */
export const requestFingerprint = (body: unknown, sha256Hex: Sha256Hex): string =>
  sha256Hex(canonicalJson(body));
