/** Where the smoke suite runs: any deployment of the API, and its callers' tokens. */
export interface SmokeTarget {
  readonly baseUrl: string;
  /** A bearer token of a test user. */
  readonly token: string;
  /** A token of a second user, for owner isolation; the check needs it. */
  readonly secondToken?: string;
}

declare module 'vitest' {
  interface ProvidedContext {
    smokeTarget: SmokeTarget;
  }
}

/**
 * The target of `npm run smoke`, from `TASKS_BASE_URL`, `TASKS_TOKEN` and optionally
 * `TASKS_TOKEN_2`; throws, saying what is missing, without the first two.
 */
export const smokeTargetFromEnv = (env: NodeJS.ProcessEnv): SmokeTarget => {
  const baseUrl = env['TASKS_BASE_URL'];
  const token = env['TASKS_TOKEN'];
  const missing = [
    ...(baseUrl ? [] : ['TASKS_BASE_URL (the API, stage path included)']),
    ...(token ? [] : ['TASKS_TOKEN (a bearer token of a test user)']),
  ];
  if (!baseUrl || !token) throw new Error(`npm run smoke needs ${missing.join(' and ')}`);
  const secondToken = env['TASKS_TOKEN_2'];
  return { baseUrl, token, ...(secondToken ? { secondToken } : {}) };
};
