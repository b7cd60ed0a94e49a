import type { ApiGatewayEvent } from './from-api-gateway.js';

const PARAMETER = /^\{(\w+)\}$/;

/** Percent-decodes a path segment; a malformed escape is kept as sent (it names no task). */
const decodeSegment = (segment: string): string => {
  // Most ids hold no escape: they are their own decoding, without a call that can throw.
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Whether `path` fits the route path `template` (`{name}`: one non-empty segment). */
export const fitsTemplate = (template: string, path: string): boolean => {
  const expected = template.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return false;
  return expected.every((part, index) => {
    const segment = actual[index] ?? '';
    return PARAMETER.test(part) ? segment !== '' : part === segment;
  });
};

/** How many segments of the route path `template` are literal: the more, the more specific. */
export const literalSegmentsOf = (template: string): number =>
  template.split('/').filter((part) => !PARAMETER.test(part)).length;

/**
 * The path parameters API Gateway captured for the route it selected (`taskId`), decoded.
 * Both payload formats carry them in `pathParameters`.
 */
export const pathParametersOf = (event: ApiGatewayEvent): Readonly<Record<string, string>> => {
  const params: Record<string, string> = {};
  const raw = event.pathParameters;
  if (raw === undefined || raw === null) return params;
  for (const name of Object.keys(raw)) {
    const value = raw[name];
    if (value !== undefined) params[name] = decodeSegment(value);
  }
  return params;
};
