import { setTimeout as sleep } from 'node:timers/promises';

/**
 * DynamoDB Local checks that a request carries credentials but not the signature, so a
 * fixed header is enough for a real `ListTables` call without the SDK.
 */
const LIST_TABLES_HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.ListTables',
  authorization:
    'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
};

/**
 * Sends one `ListTables` request; resolves the HTTP status, rejects when nothing answers
 * within `timeoutMs` (refused, reset, timed out).
 */
export const probeDynamoDb = async (endpoint: string, timeoutMs = 2_000): Promise<number> => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: LIST_TABLES_HEADERS,
    body: '{"Limit":1}',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer();
  return response.status;
};

/** Options of {@link waitUntilReady}. */
export interface WaitUntilReadyOptions {
  readonly timeoutMs: number;
  /** Rejects early when the server is known to be gone (e.g. its process exited). */
  readonly gone?: Promise<never>;
  readonly intervalMs?: number;
}

/**
 * Polls until `ListTables` answers 200. Rejects with the last failure when `timeoutMs`
 * passes, or as soon as `gone` rejects.
 */
export const waitUntilReady = async (
  endpoint: string,
  { timeoutMs, gone, intervalMs = 100 }: WaitUntilReadyOptions,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  const poll = async (): Promise<void> => {
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        const status = await probeDynamoDb(
          endpoint,
          Math.max(1, Math.min(2_000, deadline - Date.now())),
        );
        if (status === 200) return;
        last = new Error(`HTTP ${status}`);
      } catch (error) {
        last = error;
      }
      await sleep(intervalMs);
    }
    throw new Error(`${endpoint} did not answer ListTables within ${timeoutMs} ms`, {
      cause: last,
    });
  };
  await (gone === undefined ? poll() : Promise.race([poll(), gone]));
};
