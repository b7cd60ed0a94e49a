/**
 * Cognito's side of USER_SRP_AUTH, written apart from the page's code (node:crypto, its
 * own arithmetic) so that a test can check the page's proof the way Cognito does: the
 * server keeps the verifier v = g^x, sends B = k·v + g^b, and derives its key from
 * S = (A·v^u)^b. Served as a `fetch` of Cognito's JSON API.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

// RFC 3526 §4, the 3072-bit group, as Cognito's client ships it; checked by a test.
export const SERVER_N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const N = BigInt(`0x${SERVER_N_HEX}`);
const g = 2n;

const pad = (value: bigint): string => {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return '89abcdef'.includes(hex.charAt(0)) ? `00${hex}` : hex;
};
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const H = (hex: string): bigint => BigInt(`0x${sha256Hex(Buffer.from(hex, 'hex'))}`);
const power = (base: bigint, exponent: bigint): bigint => {
  let result = 1n;
  let b = ((base % N) + N) % N;
  for (let e = exponent; e > 0n; e /= 2n) {
    if (e % 2n === 1n) result = (result * b) % N;
    b = (b * b) % N;
  }
  return result;
};
/** The string at `path` inside a parsed JSON body, if there is one. */
const textAt = (value: unknown, path: readonly string[]): string | undefined => {
  let at: unknown = value;
  for (const name of path) {
    at =
      typeof at === 'object' && at !== null
        ? Object.getOwnPropertyDescriptor(at, name)?.value
        : undefined;
  }
  return typeof at === 'string' ? at : undefined;
};
const random = (bytes: number): bigint => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

/** A token whose payload is `claims` (the page reads it, never verifies it). */
export const fakeJwt = (claims: Record<string, unknown>): string =>
  ['{"alg":"none"}', JSON.stringify(claims)]
    .map((part) => Buffer.from(part).toString('base64url'))
    .concat('signature')
    .join('.');

export interface FakeUser {
  readonly password: string;
  /** `USER_ID_FOR_SRP`: the pool's user name (a UUID when the email is an alias). */
  readonly userId: string;
  /** Answer the password with this challenge instead of tokens. */
  readonly challenge?: string;
}

interface Pending {
  readonly userId: string;
  readonly A: bigint;
  readonly B: bigint;
  readonly b: bigint;
  readonly v: bigint;
  readonly secretBlock: string;
}

export interface FakeCognito {
  readonly fetch: typeof fetch;
  /** Every call, by its `X-Amz-Target` action. */
  readonly calls: string[];
  /** Refresh tokens handed out and not revoked. */
  readonly refreshTokens: Set<string>;
}

export const fakeCognito = ({
  region,
  userPoolId,
  clientId,
  users,
}: {
  region: string;
  userPoolId: string;
  clientId: string;
  users: Readonly<Record<string, FakeUser>>;
}): FakeCognito => {
  const poolName = userPoolId.split('_')[1] ?? '';
  const k = H(pad(N) + pad(g));
  const verifiers = new Map(
    Object.entries(users).map(([email, user]) => {
      const salt = random(16);
      const x = H(pad(salt) + sha256Hex(`${poolName}${user.userId}:${user.password}`));
      return [email, { ...user, email, salt, v: power(g, x) }];
    }),
  );
  const pending = new Map<string, Pending>();
  const refreshTokens = new Set<string>();
  const calls: string[] = [];
  let issued = 0;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    });
  const refused = (message: string) => json(400, { __type: 'NotAuthorizedException', message });
  const tokens = (email: string, userId: string, withRefresh: boolean) => {
    issued++;
    const refreshToken = `refresh-${issued}`;
    if (withRefresh) refreshTokens.add(refreshToken);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    return json(200, {
      AuthenticationResult: {
        AccessToken: fakeJwt({ sub: userId, client_id: clientId, exp, n: issued }),
        IdToken: fakeJwt({ sub: userId, email, aud: clientId, exp, n: issued }),
        ...(withRefresh ? { RefreshToken: refreshToken } : {}),
        ExpiresIn: 3600,
        TokenType: 'Bearer',
      },
      ChallengeParameters: {},
    });
  };

  const handle = (action: string, body: unknown): Response => {
    const field = (...path: string[]) => textAt(body, path);
    if (field('ClientId') !== clientId) {
      return json(400, {
        __type: 'ResourceNotFoundException',
        message: 'User pool client does not exist.',
      });
    }
    if (action === 'RevokeToken') {
      refreshTokens.delete(field('Token') ?? '');
      return json(200, {});
    }
    if (action === 'InitiateAuth' && field('AuthFlow') === 'REFRESH_TOKEN_AUTH') {
      const token = field('AuthParameters', 'REFRESH_TOKEN') ?? '';
      if (!refreshTokens.has(token)) return refused('Invalid Refresh Token');
      const [email, user] = [...verifiers.entries()][0] ?? [];
      return email === undefined || user === undefined
        ? refused('No user')
        : tokens(email, user.userId, false);
    }
    if (action === 'InitiateAuth' && field('AuthFlow') === 'USER_SRP_AUTH') {
      const user = verifiers.get(field('AuthParameters', 'USERNAME') ?? '');
      const srpA = field('AuthParameters', 'SRP_A') ?? '';
      if (user === undefined) return refused('Incorrect username or password.');
      if (!/^[0-9a-f]+$/i.test(srpA)) return refused('Invalid SRP_A');
      const A = BigInt(`0x${srpA}`);
      if (A % N === 0n) return refused('Invalid SRP_A');
      const b = random(32);
      const B = (k * user.v + power(g, b)) % N;
      const secretBlock = randomBytes(64).toString('base64');
      const session = `session-${randomBytes(8).toString('hex')}`;
      pending.set(session, { userId: user.userId, A, B, b, v: user.v, secretBlock });
      return json(200, {
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: session,
        ChallengeParameters: {
          SALT: user.salt.toString(16),
          SECRET_BLOCK: secretBlock,
          SRP_B: B.toString(16),
          USERNAME: user.userId,
          USER_ID_FOR_SRP: user.userId,
        },
      });
    }
    if (action === 'RespondToAuthChallenge' && field('ChallengeName') === 'PASSWORD_VERIFIER') {
      const session = field('Session') ?? '';
      const state = pending.get(session);
      pending.delete(session);
      const response = (name: string) => field('ChallengeResponses', name);
      if (state === undefined || response('USERNAME') !== state.userId)
        return refused('Invalid session');
      if (response('PASSWORD_CLAIM_SECRET_BLOCK') !== state.secretBlock)
        return refused('Bad block');
      const timestamp = response('TIMESTAMP') ?? '';
      if (!/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d UTC \d{4}$/.test(timestamp)) {
        return refused('Bad timestamp');
      }
      const u = H(pad(state.A) + pad(state.B));
      const S = power(state.A * power(state.v, u), state.b);
      const prk = createHmac('sha256', Buffer.from(pad(u), 'hex'))
        .update(Buffer.from(pad(S), 'hex'))
        .digest();
      const key = createHmac('sha256', prk)
        .update('Caldera Derived Key\u0001')
        .digest()
        .subarray(0, 16);
      const expected = createHmac('sha256', key)
        .update(
          Buffer.concat([
            Buffer.from(poolName),
            Buffer.from(state.userId),
            Buffer.from(state.secretBlock, 'base64'),
            Buffer.from(timestamp),
          ]),
        )
        .digest('base64');
      if (response('PASSWORD_CLAIM_SIGNATURE') !== expected) {
        return refused('Incorrect username or password.');
      }
      const [email, user] =
        [...verifiers.entries()].find(([, candidate]) => candidate.userId === state.userId) ?? [];
      if (email === undefined || user === undefined) return refused('No user');
      if (user.challenge !== undefined) {
        return json(200, {
          ChallengeName: user.challenge,
          Session: 'next',
          ChallengeParameters: {},
        });
      }
      return tokens(email, user.userId, true);
    }
    return json(400, { __type: 'InvalidParameterException', message: `Unsupported ${action}` });
  };

  return {
    calls,
    refreshTokens,
    fetch: async (input, init) => {
      const url = String(input);
      if (url !== `https://cognito-idp.${region}.amazonaws.com/`)
        throw new TypeError(`fetch failed: ${url}`);
      const headers = new Headers(init?.headers);
      if (headers.get('content-type') !== 'application/x-amz-json-1.1') {
        return json(400, { __type: 'SerializationException' });
      }
      const action = (headers.get('x-amz-target') ?? '').replace(
        'AWSCognitoIdentityProviderService.',
        '',
      );
      calls.push(action);
      return handle(action, JSON.parse(String(init?.body)));
    },
  };
};
