import { randomBytes } from 'node:crypto';
import type { DeleteItemCommand } from '@aws-sdk/client-dynamodb';

/*
 * The SDK retries a call whose answer was lost (a timeout, a reset connection, a 500),
 * though its first attempt may have been applied (SPEC §5). Each write must then tell
 * "my own earlier attempt did it" from "someone else did", and it can, at no extra cost:
 *
 * - An update writes a token of its own (`w`, fresh per call, the same in every attempt
 *   of that call) and is conditional on the item not carrying it already. A retry whose
 *   earlier attempt landed fails that condition, and the item DynamoDB hands back with the
 *   failure (ReturnValuesOnConditionCheckFailure ALL_OLD) carries the token: that item is
 *   exactly what the update wrote, nothing having written since, and is its answer. So an
 *   update is applied once (never version + 2) and an `If-Match` update is never a 412
 *   because of itself. Still one conditional UpdateItem; the token adds 17 bytes to an item.
 * - A deleted item keeps no token, so a delete looks at its attempts instead (the SDK's
 *   own count, `$metadata.attempts`, would not say how the earlier ones ended): when its
 *   condition finds no task after an earlier attempt that may have been applied (one that
 *   was sent and got no answer, or a 5xx), that attempt deleted it, and the delete is
 *   done. An earlier attempt that DynamoDB refused (throttled) or that never connected
 *   deleted nothing, and "no task" is then a 404 as on a first attempt.
 *
 * Neither can see through a second writer that changes the task between the lost attempt
 * and its retry (the SDK's backoff, a fraction of a second): the update is then answered
 * as if it came after that write (a 412 with If-Match; applied again without), and a
 * delete finding the task gone after such an attempt reports 204 although another client
 * may have deleted it, or it may never have existed (were the lost answer "not found"
 * itself). A connection timeout counts as "sent": the SDK's error does not tell it apart.
 */

/** 96 random bits, base64url: unique per write, and short, since DynamoDB bills by bytes. */
export const newWriteToken = (): string => randomBytes(12).toString('base64url');

// Errors raised before a request reached DynamoDB: no connection was ever made.
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Whether an attempt that failed with `error` may have been applied: it had no answer
 * (a timeout or a dropped connection after sending), or DynamoDB answered 5xx, which it
 * documents as "may or may not have succeeded". A 4xx answer (throttling, a failed
 * condition) was refused, and a connection that was never made carried nothing.
 */
export const mayHaveBeenApplied = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = Reflect.get(error, 'code');
  if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return false;
  const metadata: unknown = Reflect.get(error, '$metadata');
  const status: unknown =
    typeof metadata === 'object' && metadata !== null
      ? Reflect.get(metadata, 'httpStatusCode')
      : undefined;
  return typeof status !== 'number' || status >= 500;
};

/**
 * Watches every attempt of `command` (inside the SDK's retry loop, around the parsing of
 * DynamoDB's answer) and tells, once it has ended, whether an attempt before the last
 * may have been applied.
 */
export const watchAttempts = (
  command: DeleteItemCommand,
): { readonly earlierMayHaveApplied: () => boolean } => {
  const failures: unknown[] = [];
  command.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        failures.push(error);
        throw error;
      }
    },
    { step: 'deserialize', priority: 'high', name: 'watchAttempts' },
  );
  // The last failure is the one the call ends with; the ones before it were retried.
  return { earlierMayHaveApplied: () => failures.slice(0, -1).some(mayHaveBeenApplied) };
};
