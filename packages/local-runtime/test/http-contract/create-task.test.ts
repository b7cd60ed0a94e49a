import { describe, expect, it } from 'vitest';
import { createdId, field } from '../support/api.js';
import { STORES, useRuntime } from '../support/stores.js';

const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(STORES)('POST /tasks over HTTP, $name', (store) => {
  const api = useRuntime(store);

  it('answers the original request with 201, Location and the message, taskId and task', async () => {
    const reply = await api.post('/tasks', { json: { title: 'Finish cloud project' } });

    expect(reply.status).toBe(201);
    expect(reply.header('content-type')).toBe('application/json; charset=utf-8');
    const taskId = createdId(reply);
    expect(taskId).toMatch(TASK_ID);
    expect(reply.header('location')).toBe(`/tasks/${taskId}`);
    expect(reply.header('idempotent-replayed')).toBeNull();
    expect(reply.json).toEqual({
      message: 'Task created',
      taskId,
      task: {
        taskId,
        title: 'Finish cloud project',
        status: 'TODO',
        createdAt: expect.stringMatching(ISO_MS),
        updatedAt: field(reply.json, 'task', 'createdAt'),
        version: 1,
      },
    });
  });

  it("answers the original design's curl -d call, whose JSON curl labels a form, with 201", async () => {
    const reply = await api.post('/tasks', {
      body: '{"title":"Finish cloud project"}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ message: 'Task created', taskId: createdId(reply) });
  });

  it('stores the task so that a GET of its Location returns it', async () => {
    const created = await api.post('/tasks', {
      json: {
        title: '  Write the README ',
        description: 'Quick start first',
        status: 'IN_PROGRESS',
      },
    });

    const read = await api.get(created.header('location') ?? '');

    expect(read.status).toBe(200);
    expect(read.json).toEqual(field(created.json, 'task'));
    expect(read.json).toMatchObject({ title: 'Write the README', status: 'IN_PROGRESS' });
  });

  it('reads a body sent without Content-Type (API Gateway hands it over in base64) as JSON', async () => {
    // Bytes, not a string: fetch would add `Content-Type: text/plain` to a string body.
    const body = new TextEncoder().encode(JSON.stringify({ title: 'No header' }));

    const reply = await api.post('/tasks', { body });

    expect(reply.status).toBe(201);
  });

  it('keeps non-ASCII titles intact end to end', async () => {
    const reply = await api.post('/tasks', { json: { title: 'Ünïcødé ✓ 完成' } });

    expect(field(reply.json, 'task', 'title')).toBe('Ünïcødé ✓ 完成');
  });

  it.each([
    ['an unknown field', { title: 'x', owner: 'mallory' }, 'owner'],
    ['a taskId', { title: 'x', taskId: '0193e4c5-0000-7000-8000-000000000000' }, 'taskId'],
    ['a missing title', { description: 'no title' }, 'title'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    [
      'a description over 2,000 characters',
      { title: 'x', description: 'd'.repeat(2001) },
      'description',
    ],
    ['an unknown status', { title: 'x', status: 'BLOCKED' }, 'status'],
    ['a title that is not a string', { title: 42 }, 'title'],
  ])('refuses %s with a 400 validation problem naming the field', async (_, body, path) => {
    const reply = await api.post('/tasks', { json: body });

    expect(reply.status).toBe(400);
    expect(reply.header('content-type')).toBe('application/problem+json');
    expect(reply.json).toMatchObject({
      type: expect.stringMatching(/\/problems\/validation$/),
      title: 'Request validation failed',
      status: 400,
      code: 'validation_failed',
      errors: expect.arrayContaining([expect.objectContaining({ path })]),
    });
  });
});
