/**
 * What API Gateway answers by itself, before or instead of a function, with bodies no
 * function can change (SPEC §4): `application/json` `{"message": …}`. The local runtime
 * copies them; the document lists them where the deployed API sends them.
 */
export const GATEWAY_ANSWERS = {
  /** The JWT authorizer refused the request (no token, or one it does not accept). */
  unauthorized: { status: 401, message: 'Unauthorized' },
  /** The request is over API Gateway's payload limit (10 MB), whatever the route. */
  payloadTooLarge: { status: 413, message: 'Request Entity Too Large' },
  /** The stage's throttling (`ThrottlingRateLimit`, `ThrottlingBurstLimit`). */
  throttled: { status: 429, message: 'Too Many Requests' },
  /** The function failed, timed out, or returned no valid proxy response. */
  integrationFailed: { status: 500, message: 'Internal Server Error' },
} as const satisfies Record<string, { status: number; message: string }>;

/** The name of one of API Gateway's own answers. */
export type GatewayAnswer = keyof typeof GATEWAY_ANSWERS;

/** Every route can get these, authorizer or not. */
export const ON_EVERY_ROUTE: readonly GatewayAnswer[] = [
  'payloadTooLarge',
  'throttled',
  'integrationFailed',
];

/** A route behind the JWT authorizer can get these. */
export const BEHIND_THE_AUTHORIZER: readonly GatewayAnswer[] = ['unauthorized', ...ON_EVERY_ROUTE];
