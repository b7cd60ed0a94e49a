import { describe, expect, it } from 'vitest';
import { type Api, createdId, field } from '../support/api.js';
import { STORES, useRuntime } from '../support/stores.js';

const MISSING_ID = '0193e4c5-5b6a-7c8d-9e0f-0123456789ab';

const createTask = async (api: Api, json: unknown = { title: 'Finish cloud project' }) =>
  createdId(await api.post('/tasks', { json }));

describe.each(STORES)('GET, PATCH and DELETE /tasks/{taskId} over HTTP, $name', (store) => {
  const api = useRuntime(store);

  it('GET returns the task itself, not wrapped, with ETag "<version>"', async () => {
    const taskId = await createTask(api);

    const reply = await api.get(`/tasks/${taskId}`);

    expect(reply.status).toBe(200);
    expect(reply.header('etag')).toBe('"1"');
    expect(reply.json).toMatchObject({ taskId, title: 'Finish cloud project', version: 1 });
  });

  it('GET of a task the owner does not have is a 404 problem', async () => {
    const reply = await api.get(`/tasks/${MISSING_ID}`);

    expect(reply.status).toBe(404);
    expect(reply.header('content-type')).toBe('application/problem+json');
    expect(reply.json).toMatchObject({ status: 404, code: 'task_not_found' });
  });

  it('PATCH merges the patch, bumps the version and ETag, and later reads see it', async () => {
    const taskId = await createTask(api, { title: 'Draft', description: 'to remove' });

    const reply = await api.patch(`/tasks/${taskId}`, {
      json: { status: 'DONE', description: null },
      headers: { 'content-type': 'application/merge-patch+json' },
    });

    expect(reply.status).toBe(200);
    expect(reply.header('etag')).toBe('"2"');
    expect(reply.json).toMatchObject({ taskId, title: 'Draft', status: 'DONE', version: 2 });
    expect(reply.json).not.toHaveProperty('description');
    expect((await api.get(`/tasks/${taskId}`)).json).toEqual(reply.json);
    const listed = await api.get('/tasks?limit=100');
    expect(field(listed.json, 'items')).toContainEqual(reply.json);
  });

  it('PATCH with a matching If-Match applies; with another version it is 412 and changes nothing', async () => {
    const taskId = await createTask(api);

    const stale = await api.patch(`/tasks/${taskId}`, {
      json: { title: 'Lost update' },
      headers: { 'if-match': '"7"' },
    });
    const current = await api.patch(`/tasks/${taskId}`, {
      json: { title: 'Kept update' },
      headers: { 'if-match': '"1"' },
    });

    expect(stale.status).toBe(412);
    expect(stale.header('content-type')).toBe('application/problem+json');
    expect(stale.json).toMatchObject({ status: 412, code: 'version_conflict' });
    expect(current.status).toBe(200);
    expect(current.json).toMatchObject({ title: 'Kept update', version: 2 });
  });

  it.each([
    ['an empty patch', {}],
    ['an unknown field', { owner: 'mallory' }],
    ['a null title', { title: null }],
  ])('PATCH with %s is a 400 validation problem', async (_, json) => {
    const taskId = await createTask(api);

    const reply = await api.patch(`/tasks/${taskId}`, { json });

    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('PATCH with a malformed If-Match is a 400 naming the header', async () => {
    const taskId = await createTask(api);

    const reply = await api.patch(`/tasks/${taskId}`, {
      json: { title: 'x' },
      headers: { 'if-match': 'version-one' },
    });

    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ errors: [expect.objectContaining({ path: 'If-Match' })] });
  });

  it('PATCH and DELETE of a task the owner does not have are 404 problems', async () => {
    const patched = await api.patch(`/tasks/${MISSING_ID}`, { json: { title: 'x' } });
    const deleted = await api.delete(`/tasks/${MISSING_ID}`);

    expect([patched.status, deleted.status]).toEqual([404, 404]);
    expect(deleted.json).toMatchObject({ code: 'task_not_found' });
  });

  it('DELETE answers 204 without a body, after which the task is gone', async () => {
    const taskId = await createTask(api);

    const reply = await api.delete(`/tasks/${taskId}`);

    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect((await api.get(`/tasks/${taskId}`)).status).toBe(404);
    expect((await api.delete(`/tasks/${taskId}`)).status).toBe(404);
  });

  it('DELETE honours If-Match: 412 on another version, 204 on the current one', async () => {
    const taskId = await createTask(api);

    const stale = await api.delete(`/tasks/${taskId}`, { headers: { 'if-match': '"2"' } });
    const current = await api.delete(`/tasks/${taskId}`, { headers: { 'if-match': '"1"' } });

    expect(stale.status).toBe(412);
    expect(current.status).toBe(204);
  });
});
