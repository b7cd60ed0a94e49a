import { connect } from 'node:net';

/** An HTTP/1.1 request written byte for byte: what neither `fetch` nor `node:http` would send. */
export interface RawRequest {
  /** Sent as is: lower-case and unknown methods included (`node:http` upper-cases them). */
  readonly method: string;
  /** The request-target, UTF-8 encoded and otherwise unchanged (no normalisation of `..`, `%`). */
  readonly target: string;
  /** In order, repeats kept; values UTF-8 encoded. `Host` is added first. */
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body?: Buffer;
  /** Sends the body as two chunks with `Transfer-Encoding: chunked` instead of `Content-Length`. */
  readonly chunked?: boolean;
}

/** A response read to the end of the connection. */
export interface RawReply {
  readonly status: number;
  /** Names lower-cased, repeats joined with `, `. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

const CRLF = '\r\n';

const encode = (request: RawRequest, host: string): Buffer => {
  const { body, chunked = false } = request;
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${host}`];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (body !== undefined && chunked) lines.push('Transfer-Encoding: chunked');
  else if (body !== undefined) lines.push(`Content-Length: ${body.byteLength}`);
  // One request per connection: the reply ends where the connection does.
  lines.push('Connection: close', '', '');
  const head = Buffer.from(lines.join(CRLF), 'utf8');
  if (body === undefined) return head;
  if (!chunked) return Buffer.concat([head, body]);
  const half = Math.ceil(body.byteLength / 2);
  const chunks = [body.subarray(0, half), body.subarray(half)].filter((c) => c.byteLength > 0);
  return Buffer.concat([
    head,
    ...chunks.flatMap((chunk) => [
      Buffer.from(`${chunk.byteLength.toString(16)}${CRLF}`),
      chunk,
      Buffer.from(CRLF),
    ]),
    Buffer.from(`0${CRLF}${CRLF}`),
  ]);
};

/** The reply in `bytes`, or `undefined` while its head is incomplete. */
const decode = (bytes: Buffer): RawReply | undefined => {
  const end = bytes.indexOf(`${CRLF}${CRLF}`);
  if (end < 0) return undefined;
  const [statusLine = '', ...fields] = bytes.subarray(0, end).toString('latin1').split(CRLF);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`not an HTTP response: ${statusLine}`);
  const headers = new Map<string, string>();
  for (const field of fields) {
    const colon = field.indexOf(':');
    const name = field.slice(0, colon).toLowerCase();
    const value = field.slice(colon + 1).trim();
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  if (headers.get('transfer-encoding') !== undefined) {
    throw new Error('a chunked reply: the local runtime sends every body with Content-Length');
  }
  return { status, headers, body: bytes.subarray(end + 4) };
};

/**
 * Sends `request` on a new connection to `host:port` and resolves the reply once the
 * server closes the connection; rejects when there is no reply within `timeoutMs`.
 */
export const sendRaw = (
  origin: { readonly host: string; readonly port: number },
  request: RawRequest,
  timeoutMs: number,
): Promise<RawReply> =>
  new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const socket = connect(origin.port, origin.host);
    const timer = setTimeout(
      () => socket.destroy(new Error(`no reply within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const settle = (error?: Error): void => {
      clearTimeout(timer);
      try {
        // A server that answers before reading the whole body (a request its parser
        // refuses) may reset the connection while the body is still being written.
        const reply = decode(Buffer.concat(received));
        if (reply !== undefined) resolve(reply);
        else reject(error ?? new Error('the connection closed without a reply'));
      } catch (decodeError) {
        reject(decodeError);
      }
    };
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.once('error', (error) => settle(error));
    socket.once('close', () => settle());
    // Not `end()`: Node's server drops a reply still being made once the client half-closes.
    socket.write(encode(request, `${origin.host}:${origin.port}`));
  });
