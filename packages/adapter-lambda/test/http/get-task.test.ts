import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { createdId, fieldOf, postTask, setup } from './harness.js';

const MISSING_ID = '01940000-0000-7000-8000-000000000000';

describe('GET /tasks/{taskId}', () => {
  it('returns 200 with the task itself and its version as a quoted ETag', async () => {
    const harness = setup();
    const created = await postTask(harness, { title: 'Finish cloud project' });

    const reply = await harness.invoke(httpEvent({ rawPath: `/tasks/${createdId(created)}` }));

    expect(reply.status).toBe(200);
    expect(reply.header('ETag')).toBe('"1"');
    expect(reply.header('Content-Type')).toBe('application/json; charset=utf-8');
    expect(reply.body).toEqual(fieldOf(created.body, 'task'));
  });

  it('returns 404 problem when the task is missing', async () => {
    const reply = await setup().invoke(httpEvent({ rawPath: `/tasks/${MISSING_ID}` }));

    expect(reply.status).toBe(404);
    expect(reply.header('Content-Type')).toBe('application/problem+json');
    expect(reply.body).toEqual({
      type: 'https://tasks.example.com/problems/task-not-found',
      title: 'Task not found',
      status: 404,
      detail: `Task ${MISSING_ID} not found`,
      code: 'task_not_found',
    });
  });

  it('returns 404 problem when the id is not a task id', async () => {
    const reply = await setup().invoke(httpEvent({ rawPath: '/tasks/not%20an%20id' }));

    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'task_not_found' });
  });

  it("returns 404 problem for another owner's task, as if it did not exist", async () => {
    const harness = setup();
    const created = await postTask(harness, { title: 'Private' });

    const reply = await harness.invoke(
      httpEvent({ rawPath: `/tasks/${createdId(created)}`, sub: 'user-bob' }),
    );

    expect(reply.status).toBe(404);
  });

  it('returns 400 problem for a query parameter, which this route does not take', async () => {
    const harness = setup();
    const created = await postTask(harness, { title: 'Finish cloud project' });

    const reply = await harness.invoke(
      httpEvent({ rawPath: `/tasks/${createdId(created)}`, rawQueryString: 'fields=title' }),
    );

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ errors: [{ path: 'query.fields' }] });
  });
});
