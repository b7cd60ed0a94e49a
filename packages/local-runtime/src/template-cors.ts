import { resolveIntrinsics, type SamTemplate } from '@tasks/sam-template';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The origins the template's HTTP API allows (`CorsConfiguration.AllowOrigins`, with its
 * parameters' defaults), comma-separated, or `undefined` when it configures no CORS. The
 * local runtime hands them to the functions, whose CORS policy stands in for API Gateway's.
 */
export const templateCorsOrigins = (template: SamTemplate): string | undefined => {
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::HttpApi') continue;
    const cors = resource.Properties?.['CorsConfiguration'];
    if (!isRecord(cors)) continue;
    const origins = resolveIntrinsics(cors['AllowOrigins'], template);
    const list = (Array.isArray(origins) ? origins : [origins]).filter(
      (origin) => typeof origin === 'string',
    );
    if (list.length > 0) return list.join(',');
  }
  return undefined;
};
