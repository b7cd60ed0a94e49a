/**
 * Typed errors of the local runtime. Each class has a stable `code` (public API: the CLI
 * and callers switch on it, so codes are never renamed); messages are one line, written
 * for the person at the terminal, and may change.
 */

/** Every code a {@link LocalRuntimeError} can carry. */
export const LOCAL_RUNTIME_ERROR_CODES = [
  'invalid_environment',
  'invalid_template',
  'bundles_missing',
  'function_init_failed',
  'port_in_use',
  'listen_failed',
  'data_dir_locked',
  'store_lost',
  'nothing_to_rebuild',
  'invalid_options',
] as const;

export type LocalRuntimeErrorCode = (typeof LOCAL_RUNTIME_ERROR_CODES)[number];

/** Base class of every error the local runtime rejects with. */
export abstract class LocalRuntimeError extends Error {
  abstract readonly code: LocalRuntimeErrorCode;
}

/** An environment variable of the CLI has a value it cannot use; `problems` names each. */
export class InvalidEnvironmentError extends LocalRuntimeError {
  override readonly name = 'InvalidEnvironmentError';
  readonly code = 'invalid_environment';
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`Invalid environment: ${problems.join('; ')}`, options);
  }
}

/** The template describes something API Gateway or Lambda would refuse (e.g. a route twice). */
export class InvalidTemplateError extends LocalRuntimeError {
  override readonly name = 'InvalidTemplateError';
  readonly code = 'invalid_template';
}

/** The esbuild bundles the template's CodeUri folders point at have not been built. */
export class BundlesMissingError extends LocalRuntimeError {
  override readonly name = 'BundlesMissingError';
  readonly code = 'bundles_missing';
  constructor(
    readonly missing: readonly string[],
    options?: ErrorOptions,
  ) {
    super(
      `The Lambda bundles are not built (missing ${missing.join(', ')}): run \`npm run build\` at the repository root`,
      options,
    );
  }
}

/** A bundle threw while being imported: in Lambda, an init error of every cold start. */
export class FunctionInitError extends LocalRuntimeError {
  override readonly name = 'FunctionInitError';
  readonly code = 'function_init_failed';
  constructor(
    readonly functionId: string,
    options: ErrorOptions & { cause: unknown },
  ) {
    const { cause } = options;
    super(
      `${functionId} failed to start: ${cause instanceof Error ? cause.message : String(cause)}`,
      options,
    );
  }
}

/** Another process already listens on the address. */
export class PortInUseError extends LocalRuntimeError {
  override readonly name = 'PortInUseError';
  readonly code = 'port_in_use';
  constructor(
    readonly host: string,
    readonly port: number,
    options?: ErrorOptions,
  ) {
    super(`Port ${port} on ${host} is already in use: stop what uses it or set PORT`, options);
  }
}

/** The server could not listen for another reason (no permission, unknown host…). */
export class ListenFailedError extends LocalRuntimeError {
  override readonly name = 'ListenFailedError';
  readonly code = 'listen_failed';
}

/** Another running instance keeps its DynamoDB Local data in the same folder. */
export class DataDirLockedError extends LocalRuntimeError {
  override readonly name = 'DataDirLockedError';
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    options?: ErrorOptions,
  ) {
    super(
      `The data directory ${dataDir} is in use by another running instance (pid ${pid}): stop it or set TASKS_DATA_DIR`,
      options,
    );
  }
}

/**
 * DynamoDB Local died and could not be kept running (its restarts failed, or it kept dying):
 * the runtime stops rather than answer 503 for ever.
 */
export class StoreLostError extends LocalRuntimeError {
  override readonly name = 'StoreLostError';
  readonly code = 'store_lost';
  constructor(
    readonly endpoint: string,
    why: string,
    options?: ErrorOptions,
  ) {
    super(`DynamoDB Local at ${endpoint} is gone for good: ${why}; stopping`, options);
  }
}

/** `npm run stats:rebuild` found no DynamoDB to rebuild from (the store fell back to memory). */
export class NothingToRebuildError extends LocalRuntimeError {
  override readonly name = 'NothingToRebuildError';
  readonly code = 'nothing_to_rebuild';
}

/** An option of `startLocalRuntime` has a value it cannot use; `problems` names each. */
export class InvalidOptionsError extends LocalRuntimeError {
  override readonly name = 'InvalidOptionsError';
  readonly code = 'invalid_options';
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`Invalid options: ${problems.join('; ')}`, options);
  }
}
