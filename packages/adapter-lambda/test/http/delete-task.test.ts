import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { createdId, type Harness, postTask, setup } from './harness.js';

const remove = (harness: Harness, taskId: string, headers: Record<string, string> = {}) =>
  harness.invoke(httpEvent({ method: 'DELETE', rawPath: `/tasks/${taskId}`, headers }));

const withTask = async () => {
  const harness = setup();
  const taskId = createdId(await postTask(harness, { title: 'Throw away' }));
  return { harness, taskId };
};

describe('DELETE /tasks/{taskId}', () => {
  it('returns 204 with no body and no Content-Type, and the task is gone', async () => {
    const { harness, taskId } = await withTask();

    const reply = await remove(harness, taskId);
    const read = await harness.invoke(httpEvent({ rawPath: `/tasks/${taskId}` }));

    expect(reply.status).toBe(204);
    expect(reply.raw.body).toBe('');
    expect(reply.header('Content-Type')).toBeUndefined();
    expect(read.status).toBe(404);
  });

  it('returns 404 problem when the task is missing', async () => {
    const { harness, taskId } = await withTask();
    await remove(harness, taskId);

    const reply = await remove(harness, taskId);

    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'task_not_found' });
  });

  it('returns 412 problem when If-Match names another version, and keeps the task', async () => {
    const { harness, taskId } = await withTask();

    const reply = await remove(harness, taskId, { 'If-Match': '"2"' });
    const read = await harness.invoke(httpEvent({ rawPath: `/tasks/${taskId}` }));

    expect(reply.status).toBe(412);
    expect(reply.body).toMatchObject({ code: 'version_conflict' });
    expect(read.status).toBe(200);
  });

  it('returns 204 when If-Match names the current version', async () => {
    const { harness, taskId } = await withTask();

    expect((await remove(harness, taskId, { 'If-Match': '"1"' })).status).toBe(204);
  });

  it('returns 404 problem for If-Match: * when the task is missing', async () => {
    const reply = await remove(setup(), '01940000-0000-7000-8000-000000000000', {
      'If-Match': '*',
    });

    expect(reply.status).toBe(404);
  });

  it('returns 400 problem for a malformed If-Match', async () => {
    const { harness, taskId } = await withTask();

    const reply = await remove(harness, taskId, { 'If-Match': 'version-1' });

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ errors: [{ path: 'If-Match' }] });
  });
});
