import type { Gateway } from '../gateway.js';
import type { GatewayResponse } from '../lambda-result.js';
import { functionFailed, methodNotAllowed } from './cloudfront-errors.js';
import type { PageBucket } from './page-bucket.js';
import { noSuchKey, objectResponse } from './s3-answers.js';
import {
  type DistributionNames,
  newCloudFrontRequestId,
  viewerRequestEvent,
} from './viewer-request-event.js';
import type { ViewerRequestFunction } from './viewer-request-function.js';

export interface PageBehaviourOptions {
  readonly bucket: PageBucket;
  /** The behaviour's viewer-request function (the template's `WebRewriteFunction`). */
  readonly viewerRequest: ViewerRequestFunction;
  readonly names: DistributionNames;
  /** The response headers policy's headers, on every answer. */
  readonly headers: readonly (readonly [string, string])[];
  /** Receives one JSON line per failed function run, as CloudFront logs it. */
  readonly log: (line: string) => void;
}

/**
 * The S3 key of the URI the origin is asked for: S3 decodes it once, so `%2e%2e` is the
 * key `..` (which names nothing; see `directoryBucket`). `undefined` when it is not UTF-8.
 */
const keyOf = (uri: string): string | undefined => {
  try {
    return decodeURIComponent(uri.slice(1));
  } catch {
    return undefined;
  }
};

/**
 * The distribution's default behaviour, on the page's bucket: GET and HEAD only (CloudFront
 * answers any other method with its 403), the viewer-request function (a failure is its
 * 503), then the origin for the URI the function chose: the object, a 304 for a current
 * copy, or S3's 404 NoSuchKey. Every answer carries the response headers policy's headers.
 */
export const makePageBehaviour = (options: PageBehaviourOptions): Gateway => {
  const { bucket, viewerRequest, names, log } = options;
  const respond = async (
    request: Parameters<Gateway>[0],
    requestId: string,
  ): Promise<GatewayResponse> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(requestId);
    const outcome = await viewerRequest(viewerRequestEvent(request, names, requestId));
    if (outcome.kind === 'response') return outcome.response;
    if (outcome.kind === 'failed') {
      const fields = { level: 'ERROR', message: 'viewer-request function failed', requestId };
      log(
        JSON.stringify({ timestamp: new Date().toISOString(), ...fields, reason: outcome.reason }),
      );
      return functionFailed(requestId);
    }
    const key = keyOf(outcome.uri);
    const object = key === undefined ? undefined : await bucket.get(key);
    return object === undefined
      ? noSuchKey(key ?? outcome.uri.slice(1), requestId)
      : objectResponse(request.rawHeaders, object);
  };
  return async (request) => {
    const response = await respond(request, newCloudFrontRequestId());
    // Said, not left to Node: its answer to HEAD carries no body to count.
    const length: [string, string][] =
      response.statusCode === 304 ? [] : [['Content-Length', String(response.body.byteLength)]];
    return { ...response, headers: [...response.headers, ...length, ...options.headers] };
  };
};
