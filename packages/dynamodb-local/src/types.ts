/** Where a DynamoDB Local can come from, in the order they are tried (SPEC §8). */
export type DynamoDbLocalSource = 'endpoint' | 'testcontainers' | 'jar';

/** Environment variables, as in `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/** How a DynamoDB Local process ended: its exit code, or the signal that ended it. */
export interface DynamoDbLocalExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running DynamoDB that answers on `endpoint`. */
export interface DynamoDbLocal {
  /** Base URL for the SDK's `endpoint` option, e.g. `http://127.0.0.1:41234`. */
  readonly endpoint: string;
  /** Which source provided it. */
  readonly source: DynamoDbLocalSource;
  /**
   * Who can reach it: `loopback` (this machine only) or `every-interface` (anyone who
   * reaches its port: it checks no credentials). Absent for `'endpoint'`, not ours.
   */
  readonly listensOn?: 'loopback' | 'every-interface';
  /** Id of the Java process when `source` is `'jar'`. */
  readonly pid?: number;
  /**
   * Resolves when the process ends, for whatever reason (`stop()`, a crash, `kill -9`), so
   * that its owner can tell at once. Only for `'jar'`: the container and the endpoint are
   * not processes of ours.
   */
  readonly exited?: Promise<DynamoDbLocalExit>;
  /**
   * Stops what `startDynamoDbLocal` started, resolving once it has exited. Idempotent.
   * A no-op for `'endpoint'`: that DynamoDB belongs to someone else.
   */
  stop(): Promise<void>;
}

/** Options of `startDynamoDbLocal`; every field is optional. */
export interface StartDynamoDbLocalOptions {
  /** Keep tables in this folder (`-dbPath`), created if missing; default: in memory. */
  readonly dataDir?: string;
  /** Port to listen on; default: a free port. Ignored for `DYNAMODB_ENDPOINT`. */
  readonly port?: number;
  /** Environment to read (`DYNAMODB_ENDPOINT`, `DOCKER_HOST`, `PATH`, caches); default `process.env`. */
  readonly env?: Env;
  /** Receives progress lines and DynamoDB Local's output; default: silent. */
  readonly log?: (line: string) => void;
  /** How long the jar or container may take to answer, in ms; default 60 000. */
  readonly startTimeoutMs?: number;
}
