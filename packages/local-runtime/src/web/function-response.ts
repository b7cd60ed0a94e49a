import type { GatewayResponse } from '../lambda-result.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The values of one `headers` or `cookies` field: `multiValue` when given, else `value`. */
const valuesOf = (field: unknown): { value: string; attributes?: string }[] | undefined => {
  if (!isRecord(field)) return undefined;
  const list = Array.isArray(field['multiValue']) ? field['multiValue'] : [field];
  const values: { value: string; attributes?: string }[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item['value'] !== 'string') return undefined;
    const { attributes } = item;
    values.push(
      typeof attributes === 'string'
        ? { value: item['value'], attributes }
        : { value: item['value'] },
    );
  }
  return values;
};

/** `body` as a string (text) or `{ data, encoding: 'text' | 'base64' }`. */
const bodyOf = (body: unknown): Buffer | undefined => {
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (!isRecord(body) || typeof body['data'] !== 'string') return undefined;
  if (body['encoding'] === 'text') return Buffer.from(body['data']);
  if (body['encoding'] === 'base64') return Buffer.from(body['data'], 'base64');
  return undefined;
};

/**
 * The viewer's response for a `response` object a viewer-request function returned
 * (`statusCode`, lower-case `headers`, `cookies` as `Set-Cookie`, `body`), or `undefined`
 * when it is not one CloudFront could send.
 */
export const functionResponse = (value: Record<string, unknown>): GatewayResponse | undefined => {
  const { statusCode } = value;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) return undefined;
  if (statusCode < 100 || statusCode > 599) return undefined;
  const headers: [string, string][] = [];
  for (const [part, fields] of [
    ['headers', value['headers'] ?? {}],
    ['cookies', value['cookies'] ?? {}],
  ] as const) {
    if (!isRecord(fields)) return undefined;
    for (const [name, field] of Object.entries(fields)) {
      const values = valuesOf(field);
      if (values === undefined) return undefined;
      for (const { value: item, attributes } of values) {
        if (part === 'headers') headers.push([name, item]);
        else headers.push(['Set-Cookie', `${name}=${item}${attributes ? `; ${attributes}` : ''}`]);
      }
    }
  }
  const body = bodyOf(value['body']);
  return body === undefined ? undefined : { statusCode, headers, body };
};
