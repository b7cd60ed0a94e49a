import type { IncomingHttpRequest } from '../api-gateway-event.js';
import { pooledRandomText } from '../random-bytes.js';

/** A query parameter, header or cookie as CloudFront Functions see it. */
export interface FunctionField {
  readonly value: string;
  /** Present only when the name came more than once: every value, the first included. */
  readonly multiValue?: readonly { readonly value: string }[];
}

type Fields = Readonly<Record<string, FunctionField>>;

/** The `request` of a viewer-request event. */
export interface ViewerRequest {
  readonly method: string;
  readonly uri: string;
  readonly querystring: Fields;
  /** Lower-case names; the `Cookie` header is in `cookies` instead. */
  readonly headers: Fields;
  readonly cookies: Fields;
}

/**
 * The event a CloudFront Function on viewer-request receives (cloudfront-js-2.0, event
 * version 1.0): https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html
 */
export interface ViewerRequestEvent {
  readonly version: '1.0';
  readonly context: {
    readonly distributionDomainName: string;
    readonly distributionId: string;
    readonly eventType: 'viewer-request';
    readonly requestId: string;
  };
  readonly viewer: { readonly ip: string };
  readonly request: ViewerRequest;
}

/** Collapses repeated names into one field with `multiValue`, as CloudFront does. */
const fieldsOf = (pairs: readonly (readonly [string, string])[]): Fields => {
  const values = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const list = values.get(name);
    if (list === undefined) values.set(name, [value]);
    else list.push(value);
  }
  const fields: Record<string, FunctionField> = {};
  for (const [name, list] of values) {
    const [first = ''] = list;
    fields[name] =
      list.length === 1
        ? { value: first }
        : { value: first, multiValue: list.map((value) => ({ value })) };
  }
  return fields;
};

const nameAndValue = (item: string, separator: string): [string, string] => {
  const at = item.indexOf(separator);
  return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + separator.length)];
};

/** `a=1&b=&c`, kept as sent: names and values are not decoded. */
const queryPairs = (rawQueryString: string): [string, string][] =>
  rawQueryString
    .split('&')
    .filter((item) => item !== '')
    .map((item) => nameAndValue(item, '='));

/** A CloudFront request id: 56 URL-safe characters. */
export const newCloudFrontRequestId = (): string => pooledRandomText(42, 'base64url');

/** Where the event says it ran; locally the runtime's own host stands in for the distribution's. */
export interface DistributionNames {
  readonly distributionDomainName: string;
  readonly distributionId: string;
}

/** The viewer-request event of `request`, whose URI is `request.rawPath`. */
export const viewerRequestEvent = (
  request: IncomingHttpRequest,
  names: DistributionNames,
  requestId: string,
): ViewerRequestEvent => {
  const headers: [string, string][] = [];
  const cookies: [string, string][] = [];
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = (request.rawHeaders[index] ?? '').toLowerCase();
    const value = request.rawHeaders[index + 1] ?? '';
    if (name !== 'cookie') headers.push([name, value]);
    else {
      for (const cookie of value.split(';')) {
        if (cookie.trim() !== '') cookies.push(nameAndValue(cookie.trim(), '='));
      }
    }
  }
  return {
    version: '1.0',
    context: { ...names, eventType: 'viewer-request', requestId },
    viewer: { ip: request.sourceIp },
    request: {
      method: request.method,
      uri: request.rawPath,
      querystring: fieldsOf(queryPairs(request.rawQueryString)),
      headers: fieldsOf(headers),
      cookies: fieldsOf(cookies),
    },
  };
};
