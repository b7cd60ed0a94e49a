/** A response before it is shaped for API Gateway. Header names in canonical case. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent for 204 and for answers to OPTIONS. */
  readonly body?: string;
}

/**
 * What the handler returns: at once an HTTP API payload 2.0 structured result and a
 * REST API (payload 1.0) proxy result, so one function serves both payload formats.
 */
export interface ApiGatewayResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** SPEC §4: every body is JSON in UTF-8. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A JSON response; `headers` are added to the content type. */
export const jsonResponse = (
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse => ({
  status,
  headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers },
  body: JSON.stringify(value),
});

/** A response without a body (204, or the answer to OPTIONS). */
export const emptyResponse = (
  status: number,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse => ({ status, headers });

/** Adds headers to a response; a `Vary` already there is extended, not replaced. */
export const withHeaders = (
  response: HttpResponse,
  headers: Readonly<Record<string, string>>,
): HttpResponse => {
  const varied = [response.headers['Vary'], headers['Vary']].flatMap(
    (value) => value?.split(',').map((name) => name.trim()) ?? [],
  );
  const vary = [...new Set(varied.filter(Boolean))].join(', ');
  return {
    ...response,
    headers: { ...response.headers, ...headers, ...(vary === '' ? {} : { Vary: vary }) },
  };
};

/** The result API Gateway expects; a missing body becomes `''` (REST APIs require one). */
export const toApiGatewayResult = (response: HttpResponse): ApiGatewayResult => ({
  statusCode: response.status,
  headers: { ...response.headers },
  body: response.body ?? '',
  isBase64Encoded: false,
});
