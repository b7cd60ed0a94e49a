import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDbLocal, DynamoDbLocalExit } from '@tasks/dynamodb-local';
import { StoreLostError } from './errors.js';

/** Options of {@link superviseDynamoDbLocal}. */
export interface SuperviseOptions {
  /** Starts DynamoDB Local again, on the same port and data directory. */
  readonly restart: () => Promise<DynamoDbLocal>;
  /** What must hold before it serves again (the template's table); rejects to retry. */
  readonly prepare: (dynamoDb: DynamoDbLocal) => Promise<void>;
  /** One line each, at once: the death, a failed attempt, the recovery, the end. */
  readonly warn: (line: string) => void;
  /** Starts allowed within `windowMs` before giving up; default 3. */
  readonly maxStarts?: number;
  /** Default 5 minutes. */
  readonly windowMs?: number;
  /** Pause after a failed start, doubled each time; default 1 s. */
  readonly retryDelayMs?: number;
}

/** DynamoDB Local under watch. */
export interface SupervisedDynamoDb {
  /** Resolves when it died and could not be kept running; the owner should then stop. */
  readonly lost: Promise<StoreLostError>;
  /** Stops it (and any restart under way) for good. Idempotent. */
  stop(): Promise<void>;
}

const how = ({ code, signal }: DynamoDbLocalExit): string =>
  signal === null ? `exited with code ${code}` : `was killed (${signal})`;

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/**
 * Watches a DynamoDB Local process (SPEC §7: a store that died is never left silently
 * broken). When it ends without `stop()`, says so at once and starts it again with
 * `restart` (same port, so the functions' endpoint stays right; same data directory, so
 * the tasks are kept), then `prepare`s it. Bounded: at most `maxStarts` starts within
 * `windowMs`, whether they fail or the process keeps dying; past that, `lost` resolves
 * with a {@link StoreLostError} that says why. A source without `exited` (a container, an
 * endpoint) is not watched.
 */
export const superviseDynamoDbLocal = (
  first: DynamoDbLocal,
  options: SuperviseOptions,
): SupervisedDynamoDb => {
  const { restart, prepare, warn, maxStarts = 3, windowMs = 5 * 60_000 } = options;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const lost = Promise.withResolvers<StoreLostError>();
  const starts: number[] = [];
  let current = first;
  let stopping = false;
  let recovering: Promise<void> | undefined;

  /** Whether another start fits the budget; records it when it does. */
  const mayStart = (): boolean => {
    const now = Date.now();
    while (starts.length > 0 && (starts[0] ?? now) <= now - windowMs) starts.shift();
    if (starts.length >= maxStarts) return false;
    starts.push(now);
    return true;
  };

  const recover = async (dead: DynamoDbLocal, exit: DynamoDbLocalExit): Promise<void> => {
    const since = Date.now();
    warn(
      `DynamoDB Local (pid ${dead.pid ?? '?'}) ${how(exit)}: requests get 503 until it is back; restarting it on ${dead.endpoint} with the same data`,
    );
    let failures = 0;
    let last: unknown;
    while (!stopping && mayStart()) {
      if (failures > 0) await sleep(retryDelayMs * 2 ** (failures - 1));
      let next: DynamoDbLocal | undefined;
      try {
        next = await restart();
        if (stopping) {
          await next.stop();
          return;
        }
        await prepare(next);
        current = next;
        watch(next);
        warn(
          `DynamoDB Local is back on ${next.endpoint} (pid ${next.pid ?? '?'}) after ${Date.now() - since} ms; tasks kept`,
        );
        return;
      } catch (error) {
        last = error;
        await next?.stop();
        warn(`DynamoDB Local did not start again: ${firstLine(error)}`);
        failures += 1;
      }
    }
    if (stopping) return;
    const why =
      last === undefined
        ? `it died ${maxStarts} times within ${windowMs / 1000} s`
        : `${maxStarts} starts within ${windowMs / 1000} s did not keep it running (last: ${firstLine(last)})`;
    const error = new StoreLostError(dead.endpoint, why, { cause: last });
    warn(error.message);
    lost.resolve(error);
  };

  const watch = (dynamoDb: DynamoDbLocal): void => {
    void dynamoDb.exited?.then((exit) => {
      if (stopping || dynamoDb !== current) return;
      recovering = recover(dynamoDb, exit);
    });
  };

  // The first start counts against the budget too: a process that dies at once, again
  // and again, must end in `lost`.
  mayStart();
  watch(first);
  let stopped: Promise<void> | undefined;
  return {
    lost: lost.promise,
    stop: () => {
      stopping = true;
      stopped ??= (async () => {
        await recovering;
        await current.stop();
      })();
      return stopped;
    },
  };
};
