import type { Gateway } from '../gateway.js';
import type { GatewayResponse } from '../lambda-result.js';
import { functionFailed } from './cloudfront-errors.js';
import type { PageBucket } from './page-bucket.js';
import { noSuchKey, objectResponse } from './s3-answers.js';
import {
  type DistributionNames,
  newCloudFrontRequestId,
  viewerRequestEvent,
} from './viewer-request-event.js';
import type { FunctionOutcome, ViewerRequestFunction } from './viewer-request-function.js';

export interface PageBehaviourOptions {
  readonly bucket: PageBucket;
  /** The behaviour's viewer-request function (the template's `WebRewriteFunction`), if any. */
  readonly viewerRequest?: ViewerRequestFunction | undefined;
  readonly names: DistributionNames;
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
 * The page's behaviour past its allowed methods (see `makeDistribution`): the
 * viewer-request function (a failure is CloudFront's 503), then the bucket for the URI the
 * function chose: the object, a 304 for a current copy, or S3's 404 NoSuchKey.
 */
export const makePageBehaviour = (options: PageBehaviourOptions): Gateway => {
  const { bucket, viewerRequest, names, log } = options;
  const respond = async (
    request: Parameters<Gateway>[0],
    requestId: string,
  ): Promise<GatewayResponse> => {
    const event = viewerRequestEvent(request, names, requestId);
    const outcome: FunctionOutcome =
      viewerRequest === undefined
        ? { kind: 'request', uri: event.request.uri }
        : await viewerRequest(event);
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
    const counted =
      response.statusCode === 304 ||
      response.headers.some(([name]) => name.toLowerCase() === 'content-length');
    const length: [string, string][] = counted
      ? []
      : [['Content-Length', String(response.body.byteLength)]];
    return { ...response, headers: [...response.headers, ...length] };
  };
};
