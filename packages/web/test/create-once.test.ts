import type { CreateTaskInput, Task } from '@tasks/client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCreateOnce } from '../src/tasks/create-once.js';

const taskOf = (input: CreateTaskInput, n: number): Task => ({
  taskId: `task-${n}`,
  title: input.title,
  status: 'TODO',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
});

/** A server that creates one task per idempotency key, as the API does. */
const fakeServer = () => {
  const byKey = new Map<string, Task>();
  const requests: string[] = [];
  let fail = 0;
  return {
    requests,
    byKey,
    /** The next `n` requests are lost after the server handled them. */
    loseAnswers: (n: number) => {
      fail = n;
    },
    send: async (input: CreateTaskInput, key: string): Promise<Task> => {
      requests.push(key);
      await Promise.resolve();
      const task = byKey.get(key) ?? taskOf(input, byKey.size + 1);
      byKey.set(key, task);
      if (fail > 0) {
        fail--;
        throw new Error('no answer');
      }
      return task;
    },
  };
};

let counter = 0;
const keys = () => `key-${++counter}`;

describe('makeCreateOnce', () => {
  it('sends one request however often it is asked while that request is in flight', async () => {
    const server = fakeServer();
    const create = makeCreateOnce(server.send, keys);
    const answers = await Promise.all([1, 2, 3].map(() => create({ title: 'a' })));
    expect(server.requests).toHaveLength(1);
    expect(new Set(answers.map((task) => task.taskId)).size).toBe(1);
  });

  it('retries a submission whose answer was lost with the same key: one task', async () => {
    const server = fakeServer();
    const create = makeCreateOnce(server.send, keys);
    server.loseAnswers(2);
    await expect(create({ title: 'a' })).rejects.toThrow('no answer');
    await expect(create({ title: 'a' })).rejects.toThrow('no answer');
    await create({ title: 'a' });
    expect(new Set(server.requests).size).toBe(1);
    expect(server.byKey.size).toBe(1);
  });

  it('takes a fresh key once its task is created, and when the input changes', async () => {
    const server = fakeServer();
    const create = makeCreateOnce(server.send, keys);
    await create({ title: 'a' });
    await create({ title: 'a' });
    server.loseAnswers(1);
    await expect(create({ title: 'b' })).rejects.toThrow();
    await create({ title: 'b', description: 'now with words' });
    expect(new Set(server.requests).size).toBe(4);
  });

  it('says whether a submission is in flight', async () => {
    const server = fakeServer();
    const create = makeCreateOnce(server.send, keys);
    const submission = create({ title: 'a' });
    expect(create.pending()).toBe(true);
    await submission;
    expect(create.pending()).toBe(false);
  });

  it('creates exactly one task per successful submission, whatever the clicks and lost answers', async () => {
    // Each step: clicks at once on one input, and how many answers the server loses.
    const step = fc.record({
      clicks: fc.integer({ min: 1, max: 4 }),
      lost: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const server = fakeServer();
        const create = makeCreateOnce(server.send, keys);
        let created = 0;
        for (const [index, { clicks, lost }] of steps.entries()) {
          server.loseAnswers(lost);
          const input = { title: `task ${index}` };
          // Click until this input's task is made, as a user pressing again after an error.
          for (;;) {
            const results = await Promise.allSettled(
              Array.from({ length: clicks }, () => create(input)),
            );
            if (results.every((result) => result.status === 'fulfilled')) break;
          }
          created++;
        }
        expect(server.byKey.size).toBe(created);
      }),
    );
  });
});
