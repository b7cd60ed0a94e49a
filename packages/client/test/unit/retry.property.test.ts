import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTasksClient, TASKS_API_ERROR_CODES, type TasksClient } from '../../src/index.js';
import { aTask, fakeFetch, networkFailure, problem } from '../support/fake-fetch.js';

const TASK = aTask();

/** Each way of calling, and whether it may be sent twice (SPEC §11). */
const CALLS: readonly {
  name: string;
  safe: boolean;
  call: (client: TasksClient) => Promise<unknown>;
}[] = [
  { name: 'get', safe: true, call: (client) => client.get(TASK.taskId) },
  { name: 'list', safe: true, call: (client) => client.list({ limit: 5 }) },
  { name: 'create (keyed)', safe: true, call: (client) => client.create({ title: 't' }) },
  {
    name: 'update with If-Match',
    safe: true,
    call: (client) => client.update(TASK, { title: 't' }),
  },
  {
    name: 'update without If-Match',
    safe: false,
    call: (client) => client.update(TASK.taskId, { title: 't' }),
  },
  { name: 'delete', safe: true, call: (client) => client.delete(TASK.taskId) },
  { name: 'delete with If-Match', safe: true, call: (client) => client.delete(TASK) },
];

const failure = fc.oneof(
  fc.constant({ network: true as const }),
  fc.record({
    network: fc.constant(false as const),
    status: fc.integer({ min: 400, max: 599 }),
    code: fc.constantFrom(...TASKS_API_ERROR_CODES, 'some_future_code'),
  }),
);

describe('retries, over every status and every call', () => {
  it('sends a call again exactly when it is safe and the answer says to come back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CALLS),
        failure,
        fc.integer({ min: 1, max: 4 }),
        async (call, answer, attempts) => {
          const fake = fakeFetch(() =>
            answer.network ? networkFailure() : problem(answer.status, answer.code),
          );
          const client = createTasksClient({
            baseUrl: 'http://x',
            fetch: fake.fetch,
            retry: { attempts, maxDelayMs: 0 },
          });
          await expect(call.call(client)).rejects.toBeInstanceOf(Error);
          const comeBack =
            answer.network ||
            answer.status === 429 ||
            answer.status === 503 ||
            answer.code === 'idempotency_key_in_flight';
          expect(fake.requests).toHaveLength(call.safe && comeBack ? attempts : 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
