import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { createdId, fieldOf, JSON_HEADERS, postTask, setup } from './harness.js';

const TASK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('POST /tasks', () => {
  it('returns 201 with Location and the message, taskId and task of the original design', async () => {
    const reply = await postTask(setup(), { title: '  Finish cloud project ' });

    expect(reply.status).toBe(201);
    expect(reply.header('Content-Type')).toBe('application/json; charset=utf-8');
    const taskId = createdId(reply);
    expect(taskId).toMatch(TASK_ID);
    expect(reply.header('Location')).toBe(`/tasks/${taskId}`);
    expect(reply.header('Idempotent-Replayed')).toBeUndefined();
    expect(reply.body).toEqual({
      message: 'Task created',
      taskId,
      task: {
        taskId,
        title: 'Finish cloud project',
        status: 'TODO',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        version: 1,
      },
    });
  });

  it('keeps the optional description and status it is given', async () => {
    const reply = await postTask(setup(), {
      title: 'Write the README',
      description: 'Quick start first',
      status: 'IN_PROGRESS',
    });

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      task: { description: 'Quick start first', status: 'IN_PROGRESS' },
    });
  });

  it('stores the task under the caller so that a GET of its Location finds it', async () => {
    const harness = setup();
    const created = await postTask(harness, { title: 'Finish cloud project' });

    const read = await harness.invoke(httpEvent({ rawPath: created.header('Location') ?? '' }));

    expect(read.status).toBe(200);
    expect(read.body).toEqual(fieldOf(created.body, 'task'));
  });

  it('accepts a charset parameter in any case and spacing', async () => {
    const reply = await postTask(
      setup(),
      { title: 'Finish cloud project' },
      { 'content-type': 'Application/JSON ;  Charset="UTF-8"' },
    );

    expect(reply.status).toBe(201);
  });

  it('reads a body without Content-Type as JSON', async () => {
    const reply = await setup().invoke(
      httpEvent({ method: 'POST', body: JSON.stringify({ title: 'Finish cloud project' }) }),
    );

    expect(reply.status).toBe(201);
  });

  it('reads a base64-encoded body', async () => {
    const body = Buffer.from(JSON.stringify({ title: 'Ünïcødé title ✓' })).toString('base64');
    const reply = await setup().invoke(
      httpEvent({ method: 'POST', body, isBase64Encoded: true, headers: JSON_HEADERS }),
    );

    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ task: { title: 'Ünïcødé title ✓' } });
  });

  it('ignores a leading byte order mark, as text and in base64 (RFC 8259 §8.1 allows it)', async () => {
    const json = JSON.stringify({ title: 'Marked' });
    for (const event of [
      httpEvent({ method: 'POST', body: `\ufeff${json}`, headers: JSON_HEADERS }),
      httpEvent({
        method: 'POST',
        body: Buffer.from(`\ufeff${json}`).toString('base64'),
        isBase64Encoded: true,
        headers: JSON_HEADERS,
      }),
    ]) {
      const reply = await setup().invoke(event);
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ task: { title: 'Marked' } });
    }
  });

  it('accepts a body of exactly 16 KiB', async () => {
    const padding = ' '.repeat(16 * 1024 - JSON.stringify({ title: 'x' }).length);
    const reply = await setup().invoke(
      httpEvent({
        method: 'POST',
        body: `${JSON.stringify({ title: 'x' })}${padding}`,
        headers: JSON_HEADERS,
      }),
    );

    expect(reply.status).toBe(201);
  });
});
