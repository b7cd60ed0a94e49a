import { resolveIntrinsics, type SamTemplate } from '@tasks/sam-template';
import { InvalidTemplateError } from '../errors.js';

export type Headers = readonly (readonly [name: string, value: string])[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const only = (where: string, value: Record<string, unknown>, known: readonly string[]): void => {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new InvalidTemplateError(`${where}: ${unknown.join(', ')} is not imitated locally`);
  }
};

const text = (where: string, value: unknown): string => {
  if (typeof value !== 'string') throw new InvalidTemplateError(`${where} is not a string`);
  return value;
};

/** `SecurityHeadersConfig` as headers; HSTS left out, the runtime being plain HTTP. */
const securityHeaders = (where: string, config: Record<string, unknown>): [string, string][] => {
  only(where, config, [
    'ContentSecurityPolicy',
    'StrictTransportSecurity',
    'ContentTypeOptions',
    'FrameOptions',
    'ReferrerPolicy',
    'XSSProtection',
  ]);
  const headers: [string, string][] = [];
  const { ContentSecurityPolicy: csp, FrameOptions: frame, ReferrerPolicy: referrer } = config;
  if (isRecord(csp)) {
    headers.push(['Content-Security-Policy', text(`${where} CSP`, csp['ContentSecurityPolicy'])]);
  }
  if (config['ContentTypeOptions'] !== undefined)
    headers.push(['X-Content-Type-Options', 'nosniff']);
  if (isRecord(frame))
    headers.push(['X-Frame-Options', text(`${where} FrameOption`, frame['FrameOption'])]);
  if (isRecord(referrer)) {
    headers.push(['Referrer-Policy', text(`${where} ReferrerPolicy`, referrer['ReferrerPolicy'])]);
  }
  const xss = config['XSSProtection'];
  if (isRecord(xss)) {
    const on = xss['Protection'] === true;
    const block = on && xss['ModeBlock'] === true ? '; mode=block' : '';
    const report = on && typeof xss['ReportUri'] === 'string' ? `; report=${xss['ReportUri']}` : '';
    headers.push(['X-XSS-Protection', `${on ? '1' : '0'}${block}${report}`]);
  }
  return headers;
};

/**
 * The headers a response headers policy of the template adds to every answer of its
 * behaviour (`Override: true` or not: neither origin sends them), its intrinsics resolved
 * for `region`. Only the security headers and custom headers are imitated; a policy with
 * anything else (CORS, removed headers, Server-Timing) is refused rather than ignored.
 */
export const policyHeaders = (template: SamTemplate, policyId: string, region: string): Headers => {
  const resource = template.Resources[policyId];
  if (resource?.Type !== 'AWS::CloudFront::ResponseHeadersPolicy') {
    throw new InvalidTemplateError(`No AWS::CloudFront::ResponseHeadersPolicy ${policyId}`);
  }
  const where = `${policyId}'s ResponseHeadersPolicyConfig`;
  const config = resolveIntrinsics(resource.Properties?.['ResponseHeadersPolicyConfig'], template, {
    parameters: { 'AWS::Region': region },
  });
  if (!isRecord(config)) throw new InvalidTemplateError(`${where} is not an object`);
  only(where, config, ['Name', 'Comment', 'SecurityHeadersConfig', 'CustomHeadersConfig']);
  const security = config['SecurityHeadersConfig'];
  const custom = config['CustomHeadersConfig'];
  const items = isRecord(custom) && Array.isArray(custom['Items']) ? custom['Items'] : [];
  return [
    ...(isRecord(security) ? securityHeaders(where, security) : []),
    ...items.map((item: unknown): [string, string] => {
      const header = isRecord(item) ? item : {};
      return [text(`${where} header`, header['Header']), text(`${where} value`, header['Value'])];
    }),
  ];
};
