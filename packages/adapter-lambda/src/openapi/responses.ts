import { DOMAIN_PROBLEMS } from '../http/domain-errors.js';
import { HTTP_PROBLEMS } from '../http/http-problems.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import { GATEWAY_ANSWERS, type GatewayAnswer } from './gateway.js';
import type { ProblemCode } from './operations.js';
import type { HeaderName } from './parameters.js';
import { type OpenApiObject, schemaRef } from './schemas.js';

/** Status and title of every problem code: the tables the handler answers with. */
const PROBLEMS: Readonly<Record<ProblemCode, { readonly status: number; readonly title: string }>> =
  { ...DOMAIN_PROBLEMS, ...HTTP_PROBLEMS };

/** What one operation can answer besides its success, as the response objects are built. */
export interface ResponseSpec {
  /** The problems its function answers. */
  readonly problems: readonly ProblemCode[];
  /** API Gateway's own answers on its route. */
  readonly gateway: readonly GatewayAnswer[];
  /** Whether its body is a merge patch (a 415 then names the patch formats). */
  readonly mergePatch: boolean;
}

/** Headers that come with a problem (RFC 6750 §3, RFC 9110 §10.2.3 and §15.5.6, RFC 5789 §2.2). */
const problemHeaders = (code: ProblemCode, spec: ResponseSpec): HeaderName[] => {
  if (code === 'unauthorized') return ['WWW-Authenticate'];
  if (code === 'storage_unavailable') return ['Retry-After'];
  if (code === 'method_not_allowed') return ['Allow'];
  return code === 'unsupported_media_type' && spec.mergePatch ? ['Accept-Patch'] : [];
};

/** The JWT authorizer's 401 carries a Bearer challenge, as the function's own 401 does. */
const gatewayHeaders = (answer: GatewayAnswer): HeaderName[] =>
  answer === 'unauthorized' ? ['WWW-Authenticate'] : [];

/** `headers` of a response object, left out when there are none. */
export const headersOf = (names: readonly HeaderName[]): { headers?: OpenApiObject } =>
  names.length === 0
    ? {}
    : {
        headers: Object.fromEntries(
          [...new Set(names)].map((name) => [name, { $ref: `#/components/headers/${name}` }]),
        ),
      };

const problemContent = (status: number, codes: readonly ProblemCode[]) => ({
  [PROBLEM_CONTENT_TYPE]: {
    schema: {
      allOf: [
        schemaRef('Problem'),
        { type: 'object', properties: { status: { const: status }, code: { enum: codes } } },
      ],
    },
  },
});

const gatewayContent = (answer: GatewayAnswer) => ({
  'application/json': {
    schema: {
      allOf: [
        schemaRef('GatewayMessage'),
        { type: 'object', properties: { message: { const: GATEWAY_ANSWERS[answer].message } } },
      ],
    },
  },
});

/**
 * One response per status: the function's problems of that status (`application/problem+json`)
 * and API Gateway's own answer of it (`application/json`), each described.
 */
export const failureResponses = (spec: ResponseSpec): Record<string, OpenApiObject> => {
  const byStatus = new Map<number, { codes: ProblemCode[]; gateway?: GatewayAnswer }>();
  const entry = (status: number) => {
    const found = byStatus.get(status) ?? { codes: [] };
    byStatus.set(status, found);
    return found;
  };
  for (const code of spec.problems) entry(PROBLEMS[code].status).codes.push(code);
  for (const answer of spec.gateway) entry(GATEWAY_ANSWERS[answer].status).gateway = answer;
  return Object.fromEntries(
    [...byStatus]
      .sort(([left], [right]) => left - right)
      .map(([status, { codes, gateway }]) => [
        String(status),
        {
          description: [
            ...codes.map((code) => `${PROBLEMS[code].title} (${code}).`),
            ...(gateway === undefined
              ? []
              : [`API Gateway's own answer: {"message":"${GATEWAY_ANSWERS[gateway].message}"}.`]),
          ].join(' '),
          ...headersOf([
            ...codes.flatMap((code) => problemHeaders(code, spec)),
            ...(gateway === undefined ? [] : gatewayHeaders(gateway)),
          ]),
          content: {
            ...(codes.length === 0 ? {} : problemContent(status, codes)),
            ...(gateway === undefined ? {} : gatewayContent(gateway)),
          },
        },
      ]),
  );
};
