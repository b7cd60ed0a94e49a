import { createServer, type IncomingHttpHeaders, request } from 'node:http';

/** One answer of DynamoDB Local, as it came: status, headers and body. */
interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Headers that belong to one connection or one moment, not to the answer. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

const answerHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
};

const bodyOf = (stream: NodeJS.ReadableStream): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

export interface RecordedDynamoDb {
  /** The endpoint to give a handler as its DynamoDB endpoint. */
  readonly endpoint: string;
  /** From now on, every operation is answered with its recorded answer, DynamoDB untouched. */
  replay(): void;
  close(): Promise<void>;
}

/**
 * A DynamoDB endpoint for one handler. At first it forwards every call to `upstream`
 * (DynamoDB Local) and keeps the last answer to each operation (the `X-Amz-Target`
 * header); after {@link RecordedDynamoDb.replay} it answers each operation with that
 * answer at once, byte for byte (its CRC32 header included), without DynamoDB. Only
 * successful answers (below 300) are kept.
 *
 * Driven through it, a handler pays for everything that is its own (its code, and the
 * SDK's serialising, signing, HTTP and parsing of the same calls) and nothing of DynamoDB
 * Local's, whose 1 to 4 ms a call are otherwise almost all of both handlers' time. An
 * operation first seen while replaying has no answer: a 500, which makes the handler's
 * answer a 5xx, and the bench stops on it. A call that fails on the way (a reset
 * connection) is ended with its error.
 */
export const startRecordedDynamoDb = async (upstream: string): Promise<RecordedDynamoDb> => {
  const target = new URL(upstream);
  const answers = new Map<string, Answer>();
  let replaying = false;
  const server = createServer((incoming, outgoing) => {
    const operation = String(incoming.headers['x-amz-target'] ?? '');
    bodyOf(incoming).then(
      (body) => {
        const recorded = answers.get(operation);
        if (replaying) {
          if (recorded === undefined) {
            outgoing.writeHead(500, { 'content-type': 'text/plain' });
            outgoing.end(`no recorded answer to ${operation}`);
            return;
          }
          outgoing.writeHead(recorded.status, recorded.headers);
          outgoing.end(recorded.body);
          return;
        }
        const forwarded = request(
          {
            host: target.hostname,
            port: target.port,
            method: incoming.method,
            path: incoming.url,
            headers: incoming.headers,
          },
          (answer) => {
            bodyOf(answer).then(
              (answerBody) => {
                const kept: Answer = {
                  status: answer.statusCode ?? 500,
                  headers: answerHeaders(answer.headers),
                  body: answerBody,
                };
                if (kept.status < 300) answers.set(operation, kept);
                outgoing.writeHead(kept.status, kept.headers);
                outgoing.end(kept.body);
              },
              (error: Error) => outgoing.destroy(error),
            );
          },
        );
        forwarded.on('error', (error) => outgoing.destroy(error));
        forwarded.end(body);
      },
      (error: Error) => outgoing.destroy(error),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    replay: () => {
      replaying = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
