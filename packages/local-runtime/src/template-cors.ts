import { resolveIntrinsics, type SamTemplate } from '@tasks/sam-template';

/** An HTTP API's `CorsConfiguration`, its parameters resolved to their defaults. */
export interface CorsConfiguration {
  /** `*`, or origins as browsers send them (`https://app.example.com`). */
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  /** Seconds a browser may cache a preflight's answer; unset, no `Access-Control-Max-Age`. */
  readonly maxAge: number | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item) => typeof item === 'string');

/**
 * The `CorsConfiguration` of the template's HTTP API, or `undefined` when it has none.
 * `allowOrigins` (comma-separated, the runtime's `CORS_ALLOWED_ORIGINS`) replaces its
 * `AllowOrigins`, so that a page on another origin can be tried locally.
 */
export const templateCors = (
  template: SamTemplate,
  allowOrigins?: string,
): CorsConfiguration | undefined => {
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::HttpApi') continue;
    const cors = resolveIntrinsics(resource.Properties?.['CorsConfiguration'], template);
    if (!isRecord(cors)) continue;
    const maxAge = cors['MaxAge'];
    return {
      allowOrigins:
        allowOrigins === undefined
          ? stringsOf(cors['AllowOrigins'])
          : allowOrigins.split(',').map((origin) => origin.trim()),
      allowMethods: stringsOf(cors['AllowMethods']),
      allowHeaders: stringsOf(cors['AllowHeaders']),
      exposeHeaders: stringsOf(cors['ExposeHeaders']),
      maxAge: typeof maxAge === 'number' ? maxAge : undefined,
    };
  }
  return undefined;
};
