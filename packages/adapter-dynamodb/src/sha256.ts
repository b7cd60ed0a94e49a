import {
  createHash,
  createHmac,
  createSecretKey,
  type Hash,
  type Hmac,
  type KeyObject,
} from 'node:crypto';

/** What the SDK hashes and keys with: text (UTF-8) or bytes. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: SourceData): Buffer => {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
};

/**
 * HMAC keys made so far, by their bytes, the least recently used first: the secret access
 * key, whose HMAC of the access key id the SDK's signer computes on every request to find
 * its cached signing key, and that signing key, one a day and region (the derivation's
 * four steps pass through once a day). At most {@link MAX_KEYS}: past them the least
 * recently used goes. They are what the SDK already keeps for the container's life (its
 * credentials and its signing-key cache), held here once more as Node key objects.
 */
const keys = new Map<string, KeyObject>();
const MAX_KEYS = 16;

const keyOf = (secret: SourceData): KeyObject => {
  const bytes = bytesOf(secret);
  // By content, not by object: a key's bytes changed after use must not sign with the old ones.
  const id = bytes.toString('base64');
  let key = keys.get(id);
  if (key === undefined) {
    key = createSecretKey(bytes);
    const oldest = keys.size >= MAX_KEYS ? keys.keys().next() : undefined;
    if (oldest !== undefined && !oldest.done) keys.delete(oldest.value);
  } else {
    keys.delete(id);
  }
  keys.set(id, key);
  return key;
};

/**
 * SHA-256, and HMAC-SHA256 when made with a secret, for the SDK's SigV4 signer (the
 * client's `sha256` option): the SDK's own Node.js class, except that each HMAC key is
 * turned into a key object once. Node 24 (OpenSSL 3) takes 16 to 19 µs to key an HMAC
 * from bytes and 4 µs from a key object, and a signed request keys two (profiled, issue
 * 12: 5% of a DynamoDB call's CPU). A falsy secret is a plain hash, as in the SDK's.
 */
type State =
  | { readonly kind: 'hash'; readonly hash: Hash }
  | { readonly kind: 'hmac'; readonly hmac: Hmac };

export class Sha256 {
  readonly digestLength = 32;
  readonly #secret: SourceData | undefined;
  #state: State;
  #finished = false;

  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#state = this.#make();
  }

  update(data: SourceData): void {
    if (this.#finished) throw new Error('Attempted to update an already finished HMAC.');
    const bytes = bytesOf(data);
    if (this.#state.kind === 'hash') this.#state.hash.update(bytes);
    else this.#state.hmac.update(bytes);
  }

  /** A hash's digest leaves it open to more data (a copy is digested); an HMAC's ends it. */
  async digest(): Promise<Uint8Array> {
    if (this.#finished) throw new Error('Attempted to digest an already finished HMAC.');
    let digest: Buffer;
    if (this.#state.kind === 'hmac') {
      this.#finished = true;
      digest = this.#state.hmac.digest();
    } else {
      digest = this.#state.hash.copy().digest();
    }
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }

  reset(): void {
    this.#state = this.#make();
    this.#finished = false;
  }

  #make(): State {
    return this.#secret
      ? { kind: 'hmac', hmac: createHmac('sha256', keyOf(this.#secret)) }
      : { kind: 'hash', hash: createHash('sha256') };
  }
}
