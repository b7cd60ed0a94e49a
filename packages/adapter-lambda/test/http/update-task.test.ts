import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { patchTask as patch, setup, withTask } from './harness.js';

describe('PATCH /tasks/{taskId}', () => {
  it('returns 200 with the new task and its new ETag', async () => {
    const { harness, taskId } = await withTask();

    const reply = await patch(harness, taskId, { title: 'Final', status: 'DONE' });

    expect(reply.status).toBe(200);
    expect(reply.header('ETag')).toBe('"2"');
    expect(reply.body).toMatchObject({
      taskId,
      title: 'Final',
      description: 'Some notes',
      status: 'DONE',
      version: 2,
    });
  });

  it('removes the description on description: null, leaving the field absent', async () => {
    const { harness, taskId } = await withTask();

    const reply = await patch(harness, taskId, { description: null });
    const read = await harness.invoke(httpEvent({ rawPath: `/tasks/${taskId}` }));

    expect(reply.status).toBe(200);
    expect(reply.body).not.toHaveProperty('description');
    expect(read.body).not.toHaveProperty('description');
  });

  it.each(['application/json', 'application/merge-patch+json; charset=UTF-8'])(
    'accepts Content-Type %s',
    async (contentType) => {
      const { harness, taskId } = await withTask();

      const reply = await patch(
        harness,
        taskId,
        { status: 'DONE' },
        { 'content-type': contentType },
      );

      expect(reply.status).toBe(200);
    },
  );

  it('returns 415 problem with Accept-Patch for another Content-Type', async () => {
    const { harness, taskId } = await withTask();

    const reply = await patch(
      harness,
      taskId,
      { status: 'DONE' },
      { 'content-type': 'text/plain' },
    );

    expect(reply.status).toBe(415);
    expect(reply.header('Accept-Patch')).toBe('application/json, application/merge-patch+json');
  });

  it.each([
    ['an empty patch', {}, ''],
    ['an unknown field', { status: 'DONE', version: 9 }, 'version'],
    ['a wrong type', { status: 1 }, 'status'],
    ['an empty title', { title: '' }, 'title'],
  ])('returns 400 validation problem for %s', async (_, body, path) => {
    const { harness, taskId } = await withTask();

    const reply = await patch(harness, taskId, body);

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'validation_failed', errors: [{ path }] });
  });

  it('returns 404 problem when the task is missing', async () => {
    const reply = await patch(setup(), '01940000-0000-7000-8000-000000000000', { status: 'DONE' });

    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'task_not_found' });
  });

  it('returns 412 problem when If-Match names another version, and changes nothing', async () => {
    const { harness, taskId } = await withTask();
    await patch(harness, taskId, { status: 'IN_PROGRESS' });

    const reply = await patch(harness, taskId, { status: 'DONE' }, { 'if-match': '"1"' });
    const read = await harness.invoke(httpEvent({ rawPath: `/tasks/${taskId}` }));

    expect(reply.status).toBe(412);
    expect(reply.body).toMatchObject({ status: 412, code: 'version_conflict' });
    expect(read.body).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
  });
});
