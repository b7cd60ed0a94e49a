/**
 * Which part of the runtime answers a path. In AWS the distribution's cache behaviours
 * decide between the API and the page (see `templateDistribution`); the local issuer's
 * paths are the runtime's own (in AWS its documents live at Cognito, not on the
 * distribution).
 */
export type Behaviour = 'api' | 'local-issuer' | 'page';

/** The local issuer's paths: its documents and its sign-in. */
export const LOCAL_ISSUER_PREFIXES = ['/.well-known/', '/local-issuer/'] as const;

export const isLocalIssuerPath = (path: string): boolean =>
  LOCAL_ISSUER_PREFIXES.some((prefix) => path.startsWith(prefix));

/**
 * Whether a CloudFront path pattern matches a path: `*` is any run of characters (slashes
 * too), `?` one character, case-sensitive; the pattern's leading `/` is optional
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesCacheBehavior.html#DownloadDistValuesPathPattern).
 */
export const pathPatternMatcher = (pattern: string): ((path: string) => boolean) => {
  const body = [...pattern.replace(/^\/?/, '/')]
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  const expression = new RegExp(`^${body}$`, 's');
  return (path) => expression.test(path);
};
