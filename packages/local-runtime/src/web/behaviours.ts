/**
 * The distribution's cache behaviours, by path, as CloudFront matches them (case-sensitive
 * path patterns, the first that fits; the default behaviour last): `/tasks` and `/tasks/*`
 * go to the HTTP API, every other path to the page's bucket. Locally the local issuer's
 * paths sit beside them (in AWS its documents live at Cognito, not on the distribution).
 * The one statement of the split: the runtime routes by it and its tests read it to tell
 * API exchanges from the page's and the issuer's.
 */
export type Behaviour = 'api' | 'local-issuer' | 'page';

const ISSUER_PREFIXES = ['/.well-known/', '/local-issuer/'] as const;

/** The behaviour whose path pattern `path` (a request's `rawPath`) fits. */
export const behaviourOf = (path: string): Behaviour => {
  if (path === '/tasks' || path.startsWith('/tasks/')) return 'api';
  if (ISSUER_PREFIXES.some((prefix) => path.startsWith(prefix))) return 'local-issuer';
  return 'page';
};

/** What a runtime serves beside the API. */
export interface ServedBehaviours {
  /** The page's build is served (`startLocalRuntime({ web })` found it). */
  readonly page: boolean;
  /** The runtime is the local issuer (TASKS_AUTH=jwt without a trusted issuer). */
  readonly localIssuer: boolean;
}

/**
 * Who answers `path`: its behaviour when the runtime serves it, else the API, as the
 * execute-api URL answers every path (the fallback function's 404, or the authorizer's 401).
 */
export const answeredBy = (path: string, served: ServedBehaviours): Behaviour => {
  const behaviour = behaviourOf(path);
  if (behaviour === 'page' && !served.page) return 'api';
  if (behaviour === 'local-issuer' && !served.localIssuer) return 'api';
  return behaviour;
};
