import type { Gateway } from '../gateway.js';
import type { GatewayResponse } from '../lambda-result.js';
import { type Behaviour, isLocalIssuerPath } from './behaviours.js';
import { methodNotAllowed } from './cloudfront-errors.js';
import type { Headers } from './response-headers.js';
import { newCloudFrontRequestId } from './viewer-request-event.js';

/** A cache behaviour, ready to answer: which origin, which methods, which headers added. */
export interface SiteBehaviour {
  readonly matches: (path: string) => boolean;
  readonly origin: 'page' | 'api';
  readonly allowedMethods: readonly string[];
  /** Its response headers policy's headers (`Override`: they replace the origin's). */
  readonly headers: Headers;
}

export interface DistributionOrigins {
  readonly api: Gateway;
  /** The local issuer's endpoints; absent when the runtime is not the issuer. */
  readonly localIssuer?: Gateway | undefined;
  /** The page's origin and the behaviours in CloudFront's order; absent, the bare API. */
  readonly site?:
    | { readonly page: Gateway; readonly behaviours: readonly SiteBehaviour[] }
    | undefined;
}

/** The runtime's one port, and who answers each path on it. */
export interface Distribution {
  readonly handle: Gateway;
  /** What answers `path` (a request's `rawPath`): the API, the local issuer or the page. */
  readonly answeredBy: (path: string) => Behaviour;
}

/** A policy's headers and their names in lower case, which it replaces in every answer. */
interface PolicyHeaders {
  readonly headers: Headers;
  readonly replaced: ReadonlySet<string>;
}

const policyOf = (headers: Headers): PolicyHeaders => ({
  headers,
  replaced: new Set(headers.map(([name]) => name.toLowerCase())),
});

const withHeaders = (response: GatewayResponse, policy: PolicyHeaders): GatewayResponse => {
  const { headers, replaced } = policy;
  if (headers.length === 0) return response;
  const kept = response.headers.filter(([name]) => !replaced.has(name.toLowerCase()));
  return { ...response, headers: [...kept, ...headers] };
};

/**
 * The runtime's one port. The local issuer's paths go to it when the runtime is the issuer;
 * with a site, every other request goes as the distribution sends it: the first behaviour
 * whose path pattern fits, a method it does not allow answered with CloudFront's 403, its
 * origin (the page's bucket or the API) answering, its policy's headers added. Without a
 * site, the API answers everything else, as its execute-api URL does.
 */
export const makeDistribution = ({ api, localIssuer, site }: DistributionOrigins): Distribution => {
  // Each policy's names lower-cased once, not for every answer (profiled, issue 12).
  const behaviours = (site?.behaviours ?? []).map((behaviour) => ({
    behaviour,
    policy: policyOf(behaviour.headers),
  }));
  const routeFor = (path: string) => behaviours.find(({ behaviour }) => behaviour.matches(path));
  return {
    answeredBy: (path) => {
      if (localIssuer !== undefined && isLocalIssuerPath(path)) return 'local-issuer';
      return routeFor(path)?.behaviour.origin ?? 'api';
    },
    handle: async (request) => {
      if (localIssuer !== undefined && isLocalIssuerPath(request.rawPath))
        return localIssuer(request);
      const route = routeFor(request.rawPath);
      if (site === undefined || route === undefined) return api(request);
      const { behaviour, policy } = route;
      const response = behaviour.allowedMethods.includes(request.method)
        ? await (behaviour.origin === 'page' ? site.page : api)(request)
        : methodNotAllowed(newCloudFrontRequestId());
      return withHeaders(response, policy);
    },
  };
};
