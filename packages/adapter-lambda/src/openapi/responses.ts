import { DOMAIN_PROBLEMS } from '../http/domain-errors.js';
import { HTTP_PROBLEMS } from '../http/http-problems.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import type { OperationSpec, ProblemCode } from './operations.js';
import type { HeaderName } from './parameters.js';
import { type OpenApiObject, schemaRef } from './schemas.js';

/** Status and title of every problem code: the tables the handler answers with. */
const PROBLEMS: Readonly<Record<ProblemCode, { readonly status: number; readonly title: string }>> =
  { ...DOMAIN_PROBLEMS, ...HTTP_PROBLEMS };

/** Headers that come with a problem (RFC 6750 §3, RFC 9110 §10.2.3, RFC 5789 §2.2). */
const problemHeaders = (code: ProblemCode, spec: OperationSpec): HeaderName[] => {
  if (code === 'unauthorized') return ['WWW-Authenticate'];
  if (code === 'storage_unavailable') return ['Retry-After'];
  const isPatch = spec.body?.mediaTypes.includes('application/merge-patch+json') === true;
  return code === 'unsupported_media_type' && isPatch ? ['Accept-Patch'] : [];
};

/** `headers` of a response object, left out when there are none. */
const headersOf = (names: readonly HeaderName[]): { headers?: OpenApiObject } =>
  names.length === 0
    ? {}
    : {
        headers: Object.fromEntries(
          names.map((name) => [name, { $ref: `#/components/headers/${name}` }]),
        ),
      };

/** One response per status, listing the codes that share it. */
const problemResponses = (spec: OperationSpec): Record<string, OpenApiObject> => {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of spec.problems) {
    const { status } = PROBLEMS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((code) => `${PROBLEMS[code].title} (${code}).`).join(' '),
        ...headersOf(codes.flatMap((code) => problemHeaders(code, spec))),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: {
              allOf: [
                schemaRef('Problem'),
                {
                  type: 'object',
                  properties: { status: { const: status }, code: { enum: codes } },
                },
              ],
            },
          },
        },
      },
    ]),
  );
};

/** The `responses` of an operation: its success, and one problem response per status. */
export const responsesOf = (spec: OperationSpec): Record<string, OpenApiObject> => {
  const { success } = spec;
  return {
    [String(success.status)]: {
      description: success.description,
      ...headersOf(success.headers),
      ...(success.schema === undefined
        ? {}
        : { content: { 'application/json': { schema: schemaRef(success.schema) } } }),
    },
    ...problemResponses(spec),
  };
};
