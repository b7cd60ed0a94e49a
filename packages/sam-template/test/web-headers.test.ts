// What the web distribution tells browsers (SPEC §12, issue 15): the page's CSP lets it
// connect only to its own origin (where the API is) and Cognito; HSTS, nosniff and frame
// denial on the page and on the API's answers; TLS 1.2 or newer where CloudFront can
// enforce it, on a domain of your own.
import { describe, expect, it } from 'vitest';
import {
  at,
  cspDirectives,
  distribution,
  PHYSICAL,
  propertiesOf,
  template,
} from './support/web.js';

const securityHeaders = (id: string, region = 'us-east-1') =>
  at(
    at(propertiesOf(id, { parameters: { 'AWS::Region': region } }), 'ResponseHeadersPolicyConfig'),
    'SecurityHeadersConfig',
  );
const csp = (id: string, region?: string) =>
  cspDirectives(
    String(at(securityHeaders(id, region), 'ContentSecurityPolicy')['ContentSecurityPolicy']),
  );

const TWO_YEARS = 2 * 365 * 24 * 60 * 60;

describe('the page’s security headers', () => {
  it('are the page’s behaviour’s, and the API’s answers have their own', () => {
    const config = distribution();
    expect(at(config, 'DefaultCacheBehavior')['ResponseHeadersPolicyId']).toBe(
      PHYSICAL['WebResponseHeadersPolicy'],
    );
    const api = (Array.isArray(config['CacheBehaviors']) ? config['CacheBehaviors'] : []).map(
      (behaviour: Record<string, unknown>) => behaviour['ResponseHeadersPolicyId'],
    );
    expect(new Set(api)).toEqual(new Set([PHYSICAL['ApiResponseHeadersPolicy']]));
  });

  it.each(['us-east-1', 'eu-west-1'])(
    'in %s: a CSP whose connect-src names only the page’s origin and that region’s Cognito',
    (region) => {
      expect(csp('WebResponseHeadersPolicy', region)['connect-src']).toEqual([
        "'self'",
        `https://cognito-idp.${region}.amazonaws.com`,
      ]);
    },
  );

  it('a CSP that allows no inline script or style, no framing, no plugins', () => {
    expect(csp('WebResponseHeadersPolicy')).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'", 'https://cognito-idp.us-east-1.amazonaws.com'],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
    });
  });

  it.each(['WebResponseHeadersPolicy', 'ApiResponseHeadersPolicy'])(
    '%s: HSTS for two years with subdomains, nosniff, DENY, each replacing the origin’s',
    (id) => {
      expect(securityHeaders(id)).toMatchObject({
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: TWO_YEARS,
          IncludeSubdomains: true,
          Override: true,
        },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ContentSecurityPolicy: expect.objectContaining({ Override: true }),
      });
    },
  );

  it('a referrer policy that sends other origins no path', () => {
    expect(securityHeaders('WebResponseHeadersPolicy')['ReferrerPolicy']).toEqual({
      ReferrerPolicy: 'strict-origin-when-cross-origin',
      Override: true,
    });
  });

  it('the API’s answers: a CSP that allows them to load and run nothing', () => {
    expect(csp('ApiResponseHeadersPolicy')).toEqual({
      'default-src': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });
});

describe('TLS of the web distribution', () => {
  const parameters = {
    WebDomainName: 'tasks.example.com',
    WebCertificateArn:
      'arn:aws:acm:us-east-1:000000000000:certificate/0a1b2c3d-0000-4000-8000-000000000000',
  };

  it('on a domain of your own: its certificate, SNI, and a TLS 1.2-or-newer policy', () => {
    const config = distribution({ parameters });
    expect(config['Aliases']).toEqual(['tasks.example.com']);
    expect(config['ViewerCertificate']).toEqual({
      AcmCertificateArn: parameters.WebCertificateArn,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2025',
    });
  });

  it('offers only TLS 1.2-or-newer policies to choose from', () => {
    const allowed = template.Parameters?.['WebMinimumProtocolVersion']?.AllowedValues ?? [];
    expect(allowed.length).toBeGreaterThan(0);
    for (const policy of allowed) expect(String(policy)).toMatch(/^TLSv1\.[23]_\d{4}$/);
  });

  // One without the other does not deploy (the template's Rules, web-domain-rules.test.ts).
  it('without a domain of your own: the *.cloudfront.net name and certificate, no alias', () => {
    const config = distribution({ parameters: {} });
    expect(config['ViewerCertificate']).toEqual({ CloudFrontDefaultCertificate: true });
    expect(config).not.toHaveProperty('Aliases');
  });
});
