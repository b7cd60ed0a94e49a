import type { Gateway } from '../gateway.js';
import { answeredBy, type Behaviour, type ServedBehaviours } from './behaviours.js';

/** What answers each behaviour; a missing one is answered by the API, as without it. */
export interface DistributionOrigins {
  readonly api: Gateway;
  readonly localIssuer?: Gateway | undefined;
  readonly page?: Gateway | undefined;
}

/** The runtime's one port, and which behaviours beside the API it serves. */
export interface Distribution {
  readonly handle: Gateway;
  readonly served: ServedBehaviours;
}

/**
 * The runtime's one port as the distribution's: each request goes to its behaviour's
 * origin (see `behaviourOf`), the API answering whatever the runtime does not serve.
 */
export const makeDistribution = ({ api, localIssuer, page }: DistributionOrigins): Distribution => {
  const served = { page: page !== undefined, localIssuer: localIssuer !== undefined };
  const origins: Record<Behaviour, Gateway | undefined> = {
    api,
    'local-issuer': localIssuer,
    page,
  };
  return {
    handle: (request) => (origins[answeredBy(request.rawPath, served)] ?? api)(request),
    served,
  };
};
