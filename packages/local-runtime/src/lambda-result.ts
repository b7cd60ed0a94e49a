/** The HTTP response API Gateway sends the client. Header names as the function wrote them. */
export interface GatewayResponse {
  readonly statusCode: number;
  /** In order, repeats kept (one `Set-Cookie` per cookie). */
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: Buffer;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isHeaderValue = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** API Gateway's own answers carry only `{"message": …}`, as JSON. */
export const gatewayMessage = (statusCode: number, message: string): GatewayResponse => ({
  statusCode,
  headers: [['Content-Type', 'application/json']],
  body: Buffer.from(JSON.stringify({ message })),
});

/** What API Gateway answers when the function failed, timed out or returned nonsense. */
export const INTERNAL_SERVER_ERROR = gatewayMessage(500, 'Internal Server Error');

const headerPairs = (value: unknown): [string, string][] | undefined => {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) return undefined;
  const pairs: [string, string][] = [];
  for (const [name, item] of Object.entries(value)) {
    if (!isHeaderValue(item)) return undefined;
    pairs.push([name, String(item)]);
  }
  return pairs;
};

/** Payload 1.0's `multiValueHeaders`, honoured when a function sends it anyway. */
const multiValuePairs = (value: unknown): [string, string][] | undefined => {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) return undefined;
  const pairs: [string, string][] = [];
  for (const [name, items] of Object.entries(value)) {
    if (!Array.isArray(items) || !items.every(isHeaderValue)) return undefined;
    pairs.push(...items.map((item): [string, string] => [name, String(item)]));
  }
  return pairs;
};

const cookiePairs = (value: unknown): [string, string][] | undefined => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return undefined;
  return value.map((cookie): [string, string] => ['Set-Cookie', cookie]);
};

/**
 * The client's response for what a function resolved, as an HTTP API reads payload 2.0:
 * an object with `statusCode` is a structured response (`headers`, `multiValueHeaders`,
 * `cookies` as `Set-Cookie`s, `body`, `isBase64Encoded`); anything else is a 200 JSON
 * body of that value. `undefined` when a structured response is malformed: API
 * Gateway answers 500 then.
 */
export const fromLambdaResult = (result: unknown): GatewayResponse | undefined => {
  if (!isRecord(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return {
      statusCode: 200,
      headers: [['Content-Type', 'application/json']],
      body: Buffer.from(body),
    };
  }
  const { statusCode, body = '', isBase64Encoded = false } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) return undefined;
  if (statusCode < 100 || statusCode > 599) return undefined;
  if (typeof body !== 'string' || typeof isBase64Encoded !== 'boolean') return undefined;
  const parts = [
    headerPairs(result['headers']),
    multiValuePairs(result['multiValueHeaders']),
    cookiePairs(result['cookies']),
  ];
  const headers: [string, string][] = [];
  for (const part of parts) {
    if (part === undefined) return undefined;
    headers.push(...part);
  }
  return {
    statusCode,
    headers,
    body: Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8'),
  };
};
