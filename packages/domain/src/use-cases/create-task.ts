import type { Clock, TaskIdGenerator } from '../clock.js';
import { IdempotencyKeyReusedError } from '../errors.js';
import {
  IDEMPOTENCY_KEY_LIFETIME_MS,
  IdempotencyKeySchema,
  requestFingerprint,
  type Sha256Hex,
} from '../idempotency.js';
import { parseOwner } from '../owner.js';
import { CreateTaskInputSchema, type Task } from '../task.js';
import type { IdempotencyRecord, TaskRepository } from '../task-repository.js';
import { isoTimestamp } from '../timestamp.js';
import { parseInput } from '../validation.js';

export interface CreateTaskCommand {
  readonly owner: string;
  /** The request body as parsed JSON: validated here. */
  readonly body: unknown;
  readonly idempotencyKey?: string;
}

export interface CreateTaskResult {
  readonly task: Task;
  /** True when an earlier create with the same key and body is answered again. */
  readonly replayed: boolean;
}

const replay = (record: IdempotencyRecord, fingerprint: string): CreateTaskResult => {
  if (record.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(record.key);
  return { task: record.task, replayed: true };
};

export interface CreateTaskDependencies {
  readonly tasks: TaskRepository;
  readonly clock: Clock;
  readonly newTaskId: TaskIdGenerator;
  /** Hashes the fingerprint of a body sent with an idempotency key (`sha256Hex`, or Node's). */
  readonly sha256Hex: Sha256Hex;
}

/**
 * Creates a task for `owner`. With an idempotency key, the same key and the same body
 * (as a JSON value) within 24 hours answer the first task again and create nothing;
 * the same key with another body is `IdempotencyKeyReusedError`. Keys are per owner.
 */
export const makeCreateTask =
  (deps: CreateTaskDependencies) =>
  async ({ owner, body, idempotencyKey }: CreateTaskCommand): Promise<CreateTaskResult> => {
    const ownerId = parseOwner(owner);
    const input = parseInput(CreateTaskInputSchema, body);
    const key =
      idempotencyKey === undefined
        ? undefined
        : parseInput(IdempotencyKeySchema, idempotencyKey, 'Idempotency-Key');

    const now = deps.clock.now();
    const at = isoTimestamp(now.getTime());
    const task: Task = {
      taskId: deps.newTaskId(),
      title: input.title,
      ...(input.description === undefined ? {} : { description: input.description }),
      status: input.status ?? 'TODO',
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    if (key === undefined) {
      await deps.tasks.create(ownerId, task);
      return { task, replayed: false };
    }

    const fingerprint = requestFingerprint(body, deps.sha256Hex);
    const expiresAt = isoTimestamp(now.getTime() + IDEMPOTENCY_KEY_LIFETIME_MS);
    const outcome = await deps.tasks.create(ownerId, task, {
      idempotency: { key, fingerprint, task, createdAt: at, expiresAt },
    });
    return outcome.kind === 'created'
      ? { task, replayed: false }
      : replay(outcome.record, fingerprint);
  };
