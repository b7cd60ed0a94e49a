/**
 * Sign-in with the stage's Cognito user pool, straight from the page to
 * `https://cognito-idp.<region>.amazonaws.com/` (the CSP's `connect-src` names it):
 * InitiateAuth USER_SRP_AUTH, RespondToAuthChallenge PASSWORD_VERIFIER, and
 * InitiateAuth REFRESH_TOKEN_AUTH to renew. The app client has no secret, so nothing in
 * the page is one. Any other challenge (a new password, a second factor) is refused
 * with words saying what the account needs.
 */
import { TasksNetworkError } from '@tasks/client';
import type { WebAuthConfig } from '@tasks/web-config';
import {
  cognitoTimestamp,
  ephemeral,
  passwordAuthenticationKey,
  passwordClaimSignature,
  type SrpEphemeral,
} from './cognito-srp.js';
import { SessionExpiredError, SignInError, type StoredSession, userOf } from './session.js';

export type CognitoConfig = Extract<WebAuthConfig, { kind: 'cognito' }>;
type CognitoSession = Extract<StoredSession, { kind: 'cognito' }>;

/** An error answer of Cognito: its `__type` (`NotAuthorizedException`…) and message. */
export class CognitoError extends Error {
  override readonly name = 'CognitoError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the page says of the challenges it does not answer. */
const CHALLENGE_WORDS: Readonly<Record<string, string>> = {
  NEW_PASSWORD_REQUIRED:
    'This account must set a new password first, which this page does not do: set one with the AWS CLI (admin-set-user-password --permanent) or the pool’s hosted sign-in, then sign in here.',
  SMS_MFA: 'This account needs a code sent by SMS, a second factor this page does not support.',
  SOFTWARE_TOKEN_MFA:
    'This account needs a code from an authenticator app, a second factor this page does not support.',
  EMAIL_OTP: 'This account needs a code sent by email, a second factor this page does not support.',
  MFA_SETUP: 'This account must set up a second factor first, which this page does not do.',
  SELECT_MFA_TYPE: 'This account must choose a second factor, which this page does not support.',
};

const ERROR_WORDS: Readonly<Record<string, string>> = {
  NotAuthorizedException: 'Incorrect email or password.',
  UserNotFoundException: 'Incorrect email or password.',
  UserNotConfirmedException: 'This account is not confirmed yet.',
  PasswordResetRequiredException: 'This account’s password must be reset before it can sign in.',
  TooManyRequestsException: 'Too many sign-in attempts: wait a moment, then try again.',
  LimitExceededException: 'Too many sign-in attempts: wait a moment, then try again.',
};

/**
 * Cognito's errors that say the pool or its app client is set up wrong, not that the
 * user erred ("USER_SRP_AUTH is not enabled for the client", "1 validation error
 * detected: Value at 'clientId' failed…"): nothing the user can fix, so not their text.
 */
const MISCONFIGURED = new Set([
  'InvalidParameterException',
  'ResourceNotFoundException',
  'InvalidUserPoolConfigurationException',
  'InvalidLambdaResponseException',
  'UnexpectedLambdaException',
  'UserLambdaValidationException',
  'InvalidSmsRoleAccessPolicyException',
  'InvalidSmsRoleTrustRelationshipException',
  'InvalidEmailRoleAccessPolicyException',
  'UnsupportedOperationException',
  'UnsupportedTokenTypeException',
  'SerializationException',
]);

/** What the user reads for a Cognito error; its own text stays in the error's `cause`. */
const errorWords = (error: CognitoError): string =>
  ERROR_WORDS[error.code] ??
  (MISCONFIGURED.has(error.code)
    ? 'Sign-in is misconfigured for this site: tell whoever runs it.'
    : 'The sign-in service could not sign you in just now: try again in a moment.');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const stringsOf = (value: unknown): Readonly<Record<string, string>> =>
  isRecord(value)
    ? Object.fromEntries(
        Object.entries(value).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      )
    : {};

export interface CognitoDeps {
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** The page's SRP pair; a fresh one by default (tests pass a fixed one). */
  readonly ephemeral?: () => SrpEphemeral;
}

/** One call of Cognito's JSON API; rejects with {@link CognitoError} or a network error. */
const callCognito = async (
  config: CognitoConfig,
  action: 'InitiateAuth' | 'RespondToAuthChallenge' | 'RevokeToken',
  body: unknown,
  fetchCognito: typeof fetch,
): Promise<Record<string, unknown>> => {
  let response: Response;
  try {
    response = await fetchCognito(`https://cognito-idp.${config.region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new TasksNetworkError(`Cognito ${action}: no answer`, { cause: error });
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (response.ok && isRecord(answer)) return answer;
  // A 200 that is not Cognito's JSON came from something in between (a captive portal,
  // a proxy): Cognito itself was not reached.
  if (response.ok) {
    throw new TasksNetworkError(`Cognito ${action}: a ${response.status} without its JSON`);
  }
  const fields = stringsOf(answer);
  // `__type` may carry a namespace: "com.amazonaws…#NotAuthorizedException".
  const code = (fields['__type'] ?? `HTTP ${response.status}`).split('#').pop() ?? '';
  throw new CognitoError(
    code,
    fields['message'] ?? fields['Message'] ?? `Cognito answered ${response.status}`,
  );
};

const sessionOf = (
  answer: Record<string, unknown>,
  now: Date,
  previous?: CognitoSession,
): CognitoSession => {
  const result = stringsOf(answer['AuthenticationResult']);
  const expiresIn = isRecord(answer['AuthenticationResult'])
    ? answer['AuthenticationResult']['ExpiresIn']
    : undefined;
  const accessToken = result['AccessToken'];
  const idToken = result['IdToken'];
  // A refresh answers without a refresh token unless the pool rotates them.
  const refreshToken = result['RefreshToken'] ?? previous?.refreshToken;
  if (accessToken === undefined || idToken === undefined || refreshToken === undefined) {
    const challenge =
      typeof answer['ChallengeName'] === 'string' ? answer['ChallengeName'] : undefined;
    throw new SignInError(
      challenge === undefined
        ? 'Cognito answered without tokens.'
        : (CHALLENGE_WORDS[challenge] ??
            `This account must answer the challenge ${challenge}, which this page does not support.`),
    );
  }
  return {
    kind: 'cognito',
    user: userOf(idToken, previous?.user ?? 'you'),
    accessToken,
    idToken,
    refreshToken,
    expiresAt: now.getTime() + (typeof expiresIn === 'number' ? expiresIn : 3600) * 1000,
  };
};

const inWords = (error: unknown): never => {
  if (error instanceof CognitoError) {
    throw new SignInError(errorWords(error), { cause: error });
  }
  if (error instanceof TasksNetworkError) {
    throw new SignInError('Could not reach the sign-in service. Check your connection.', {
      cause: error,
    });
  }
  throw error;
};

/** Signs `email` in with `password` through SRP; rejects with {@link SignInError} in words. */
export const signInWithCognito = async (
  config: CognitoConfig,
  email: string,
  password: string,
  deps: CognitoDeps = {},
): Promise<StoredSession> => {
  const fetchCognito = deps.fetch ?? fetch;
  const now = deps.now ?? (() => new Date());
  const pair = (deps.ephemeral ?? (() => ephemeral()))();
  const poolName = config.userPoolId.slice(config.userPoolId.indexOf('_') + 1);
  try {
    const started = await callCognito(
      config,
      'InitiateAuth',
      {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: config.clientId,
        AuthParameters: { USERNAME: email, SRP_A: pair.A.toString(16) },
      },
      fetchCognito,
    );
    const challenge = stringsOf(started['ChallengeParameters']);
    const { SRP_B: B, SALT: salt, SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: userId } = challenge;
    if (
      started['ChallengeName'] !== 'PASSWORD_VERIFIER' ||
      !B ||
      !salt ||
      !secretBlock ||
      !userId
    ) {
      return sessionOf(started, now());
    }
    const key = await passwordAuthenticationKey({
      poolName,
      userId,
      password,
      ephemeral: pair,
      B: BigInt(`0x${B}`),
      salt: BigInt(`0x${salt}`),
    });
    const timestamp = cognitoTimestamp(now());
    const signature = await passwordClaimSignature(key, {
      poolName,
      userId,
      secretBlock,
      timestamp,
    });
    const answered = await callCognito(
      config,
      'RespondToAuthChallenge',
      {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: config.clientId,
        ChallengeResponses: {
          USERNAME: userId,
          PASSWORD_CLAIM_SECRET_BLOCK: secretBlock,
          TIMESTAMP: timestamp,
          PASSWORD_CLAIM_SIGNATURE: signature,
        },
        ...(typeof started['Session'] === 'string' ? { Session: started['Session'] } : {}),
      },
      fetchCognito,
    );
    return sessionOf(answered, now());
  } catch (error) {
    return inWords(error);
  }
};

/**
 * Renews `session`'s tokens with its refresh token. A refresh token Cognito refuses
 * (expired, revoked) ends the session: {@link SessionExpiredError}.
 */
export const refreshCognito = async (
  config: CognitoConfig,
  session: CognitoSession,
  deps: Pick<CognitoDeps, 'fetch' | 'now'> = {},
): Promise<StoredSession> => {
  try {
    const answer = await callCognito(
      config,
      'InitiateAuth',
      {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: config.clientId,
        AuthParameters: { REFRESH_TOKEN: session.refreshToken },
      },
      deps.fetch ?? fetch,
    );
    return sessionOf(answer, (deps.now ?? (() => new Date()))(), session);
  } catch (error) {
    if (error instanceof CognitoError && error.code === 'NotAuthorizedException') {
      throw new SessionExpiredError('The sign-in has expired', { cause: error });
    }
    if (error instanceof CognitoError) throw new SignInError(errorWords(error), { cause: error });
    throw error;
  }
};

/**
 * Revokes `session`'s refresh token (and the tokens issued with it) at sign-out, so that
 * a copy of it left anywhere is worthless. Best effort: the window forgets the tokens
 * whatever Cognito answers, and an unreachable Cognito must not keep anyone signed in.
 */
export const revokeCognito = async (
  config: CognitoConfig,
  session: CognitoSession,
  deps: Pick<CognitoDeps, 'fetch'> = {},
): Promise<boolean> => {
  try {
    await callCognito(
      config,
      'RevokeToken',
      { ClientId: config.clientId, Token: session.refreshToken },
      deps.fetch ?? fetch,
    );
    return true;
  } catch {
    return false;
  }
};
