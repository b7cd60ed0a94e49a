import type { AuthChoice } from './runtime-options.js';

/** The variables that name another issuer; they mean something only with `TASKS_AUTH=jwt`. */
const ISSUER_VARIABLES = ['TASKS_JWT_ISSUER', 'TASKS_JWT_AUDIENCE', 'TASKS_JWKS_URL'] as const;

const isHttpUrl = (value: string): boolean =>
  URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/**
 * The authentication the CLI's environment asks for, or `undefined` when it leaves it to
 * the default (off): `TASKS_AUTH` (`none` or `jwt`); with `jwt`, `TASKS_JWT_ISSUER` and
 * `TASKS_JWT_AUDIENCE` (a comma-separated list) trust another issuer instead of the local
 * one, its keys read from `TASKS_JWKS_URL` (default `<issuer>/.well-known/jwks.json`,
 * where Cognito publishes them). Pushes one line per wrong variable onto `problems`.
 */
export const authFromEnvironment = (
  read: (name: string) => string | undefined,
  problems: string[],
): AuthChoice | undefined => {
  const mode = read('TASKS_AUTH');
  const given = ISSUER_VARIABLES.filter((name) => read(name) !== undefined);
  if (mode !== undefined && mode !== 'jwt' && mode !== 'none') {
    problems.push(`TASKS_AUTH must be "jwt" or "none", not "${mode}"`);
    return undefined;
  }
  if (mode !== 'jwt') {
    const verb = given.length === 1 ? 'is' : 'are';
    if (given.length > 0)
      problems.push(`TASKS_AUTH must be "jwt" when ${given.join(', ')} ${verb} set`);
    return mode === undefined ? undefined : { mode };
  }
  if (given.length === 0) return { mode };

  const issuer = read('TASKS_JWT_ISSUER') ?? '';
  const audience = (read('TASKS_JWT_AUDIENCE') ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const jwksUrlGiven = read('TASKS_JWKS_URL');
  const jwksUrl = jwksUrlGiven ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
  const wrong: string[] = [];
  if (!isHttpUrl(issuer)) {
    wrong.push(`TASKS_JWT_ISSUER must be the issuer's http(s) URL, not "${issuer}"`);
  }
  if (audience.length === 0) {
    wrong.push('TASKS_JWT_AUDIENCE must list the accepted audiences (client ids), comma-separated');
  }
  if (jwksUrlGiven !== undefined && !isHttpUrl(jwksUrlGiven)) {
    wrong.push(`TASKS_JWKS_URL must be an http(s) URL, not "${jwksUrlGiven}"`);
  }
  problems.push(...wrong);
  return wrong.length > 0 ? undefined : { mode, trust: { issuer, audience, jwksUrl } };
};
