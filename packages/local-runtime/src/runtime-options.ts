import { fileURLToPath } from 'node:url';
import type { Env } from '@tasks/dynamodb-local';
import type { StoreLostError } from './errors.js';
import type { GatewayRoute } from './route-table.js';
import type { Storage, StoreChoice } from './storage.js';
import type { Behaviour } from './web/behaviours.js';
import type { RuntimePage } from './web/page.js';

/** An issuer other than the local one, trusted as API Gateway's JWT authorizer would be. */
export interface TrustedIssuer {
  /** The `iss` tokens must carry (a Cognito pool: `https://cognito-idp.<region>.amazonaws.com/<pool>`). */
  readonly issuer: string;
  /** Accepted in `aud`, or in `client_id` when there is no `aud`. */
  readonly audience: readonly string[];
  /** The issuer's JSON Web Key Set. */
  readonly jwksUrl: string;
}

/**
 * How requests are authenticated. `none`: every request acts as `fixedOwner`. `jwt`: each
 * request needs a token that API Gateway's JWT authorizer would accept, from `trust` when
 * given, else from the local issuer (key in `<dataDir>/local-issuer/`, as `npm run token`).
 */
export type AuthChoice =
  | { readonly mode: 'none' }
  | { readonly mode: 'jwt'; readonly trust?: TrustedIssuer };

/** How a running runtime authenticates, for its banner. */
export type RuntimeAuth =
  | { readonly mode: 'none'; readonly fixedOwner: string }
  | (TrustedIssuer & {
      readonly mode: 'jwt';
      /** How to get a token, when the runtime is the issuer (the local issuer). */
      readonly tokenCommand?: string;
      /**
       * Whether the local issuer serves its sign-in: only when the runtime listens on
       * loopback (anyone who reaches the port could act as any user otherwise).
       */
      readonly signIn?: 'served' | 'off';
    });

/** The web page's build, served beside the API as the distribution serves it (SPEC §12). */
export interface WebOptions {
  /** Vite's output (`packages/web/dist`): `index.html` and `assets/`. */
  readonly dir: string;
}

/** The log levels of the functions (adapter-lambda's `LOG_LEVEL`). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Options of `startLocalRuntime`; every field has a default. */
export interface LocalRuntimeOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 3000; `0` picks a free port (see `LocalRuntime.port`). */
  readonly port?: number;
  /** Default `dynamodb`: DynamoDB Local, or memory when it cannot run here. */
  readonly store?: StoreChoice;
  /**
   * DynamoDB Local's files, and the local issuer's key in `local-issuer/`; default `.data/`
   * at the repository root.
   */
  readonly dataDir?: string;
  /** Use this running DynamoDB instead of starting DynamoDB Local. */
  readonly dynamoDbEndpoint?: string;
  /** Default `tasks-local`. */
  readonly tableName?: string;
  /** The owner of every task, authentication being off; default `local`. */
  readonly fixedOwner?: string;
  /** Default off: `{ mode: 'none' }`. */
  readonly auth?: AuthChoice;
  /**
   * Serve the page from this build on every path the API and the local issuer do not take,
   * as the CloudFront distribution does. Default none: the bare API, as its execute-api URL.
   */
  readonly web?: WebOptions;
  /** The functions' log level; default `info` (one JSON line per request on stdout). */
  readonly logLevel?: LogLevel;
  /** Default: the template's `CorsConfiguration.AllowOrigins`. */
  readonly corsAllowedOrigins?: string;
  /** Default `infra/template.yaml`. */
  readonly templatePath?: string;
  /** How long `stop()` lets requests in flight finish; default 10 s. */
  readonly shutdownGraceMs?: number;
  /** What DynamoDB Local is started with; default `process.env`. */
  readonly env?: Env;
  /** The runtime's own diagnostics (failed invocations); default standard error. */
  readonly log?: (line: string) => void;
}

/** A running local API. */
export interface LocalRuntime {
  /** `http://127.0.0.1:3000`, without a trailing slash. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly storage: Pick<Storage, 'kind' | 'description' | 'notes' | 'endpoint' | 'listensOn'>;
  /** The owner of every task when `auth.mode` is `none`. */
  readonly fixedOwner: string;
  readonly auth: RuntimeAuth;
  /** Whether the page is served, where, and how it signs in. */
  readonly page: RuntimePage;
  /**
   * What answers `path` on the runtime's port: the API, the local issuer (its documents and
   * sign-in), or the page (the template distribution's page behaviour, when it is served).
   */
  answeredBy(path: string): Behaviour;
  /** The template's routes, `$default` last. */
  readonly routes: readonly GatewayRoute[];
  /** The stream processor, fed as its event source mapping would feed it (SPEC §10). */
  readonly streams: {
    /** The functions that event source mappings feed from the tasks table's stream. */
    readonly functionIds: readonly string[];
    /** Where the mapping's failure destination writes, one JSON message per line. */
    readonly failureQueueFile: string;
    /** Resolves once every change made before the call has reached the stream processor. */
    caughtUp(): Promise<void>;
  };
  /**
   * Resolves when the DynamoDB Local it started died and could not be restarted, once the
   * runtime has stopped itself; never otherwise. It is restarted at once when it dies,
   * keeping its data: each death and recovery is one line of the runtime's `log`.
   */
  readonly storeLost: Promise<StoreLostError>;
  /**
   * Stops accepting requests, lets those in flight finish (bounded), closes the server,
   * then stops DynamoDB Local and frees the data directory. Idempotent.
   */
  stop(): Promise<void>;
}

/** `.data/` at the repository root (git-ignored); `src/` and `dist/` sit at the same depth. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));
/** The page's build in this repository, as `npm start` serves it. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
export const DEFAULT_PORT = 3000;
export const DEFAULT_TABLE_NAME = 'tasks-local';
