/**
 * A create that makes one task however often it is asked (SPEC §12: "a double-clicked
 * create creates one task"). Two guards, each enough alone against a different failure:
 *
 * - while a submission is in flight, asking again returns that same submission: no
 *   second request leaves the page;
 * - a submission that failed without an answer (the request may have created the task)
 *   is retried with the same `Idempotency-Key`, so the API replays the first answer
 *   instead of creating again (SPEC §4). A key is dropped once its task is created, or
 *   when the input changes (the same key with another body is a 422).
 */
import type { CreateTaskInput, Task } from '@tasks/client';

export type SendCreate = (input: CreateTaskInput, idempotencyKey: string) => Promise<Task>;

export interface CreateOnce {
  (input: CreateTaskInput): Promise<Task>;
  /** Whether a submission is in flight. */
  readonly pending: () => boolean;
}

// The key is reused only for the same JSON value: the API compares bodies as values.
const bodyOf = (input: CreateTaskInput): string =>
  JSON.stringify([input.title, input.description ?? null, input.status ?? null]);

export const makeCreateOnce = (
  send: SendCreate,
  newKey: () => string = () => crypto.randomUUID(),
): CreateOnce => {
  let inFlight: Promise<Task> | undefined;
  let held: { readonly body: string; readonly key: string } | undefined;

  const create = (input: CreateTaskInput): Promise<Task> => {
    if (inFlight !== undefined) return inFlight;
    const body = bodyOf(input);
    if (held?.body !== body) held = { body, key: newKey() };
    const { key } = held;
    const submission = (async () => {
      try {
        const task = await send(input, key);
        if (held?.key === key) held = undefined;
        return task;
      } finally {
        inFlight = undefined;
      }
    })();
    inFlight = submission;
    return submission;
  };
  return Object.assign(create, { pending: () => inFlight !== undefined });
};
