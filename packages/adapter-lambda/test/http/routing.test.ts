import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { createdId, JSON_HEADERS, setup } from './harness.js';

const TASK_PATH = '/tasks/01940000-0000-7000-8000-000000000000';

describe('routing', () => {
  it.each(['/', '/task', '/tasks/', '/tasks/a/b', '/tasks//x', '/TASKS', '/v1/tasks'])(
    'returns 404 problem for the unknown path %s',
    async (rawPath) => {
      const reply = await setup().invoke(httpEvent({ rawPath }));

      expect(reply.status).toBe(404);
      expect(reply.header('Content-Type')).toBe('application/problem+json');
      expect(reply.body).toMatchObject({ status: 404, code: 'not_found' });
    },
  );

  it.each([
    ['PUT', '/tasks', 'POST, GET, OPTIONS'],
    ['DELETE', '/tasks', 'POST, GET, OPTIONS'],
    ['HEAD', '/tasks', 'POST, GET, OPTIONS'],
    ['POST', TASK_PATH, 'GET, PATCH, DELETE, OPTIONS'],
    ['PUT', TASK_PATH, 'GET, PATCH, DELETE, OPTIONS'],
    ['get', '/tasks', 'POST, GET, OPTIONS'],
    // A literal path wins over /tasks/{taskId}, whatever the method: no task "stats".
    ['PATCH', '/tasks/stats', 'GET, OPTIONS'],
    ['DELETE', '/tasks/stats', 'GET, OPTIONS'],
  ])('returns 405 problem with Allow for %s %s', async (method, rawPath, allow) => {
    const reply = await setup().invoke(httpEvent({ method, rawPath }));

    expect(reply.status).toBe(405);
    expect(reply.header('Allow')).toBe(allow);
    expect(reply.body).toMatchObject({ status: 405, code: 'method_not_allowed' });
  });

  it('answers 405 before authentication: the path and method say enough', async () => {
    const reply = await setup().invoke(httpEvent({ method: 'PUT', rawPath: '/tasks', sub: null }));

    expect(reply.status).toBe(405);
  });

  it('answers OPTIONS on a known path with 204 and Allow', async () => {
    const reply = await setup().invoke(httpEvent({ method: 'OPTIONS', rawPath: TASK_PATH }));

    expect(reply.status).toBe(204);
    expect(reply.header('Allow')).toBe('GET, PATCH, DELETE, OPTIONS');
    expect(reply.raw.body).toBe('');
  });

  it('returns 404 problem for OPTIONS on an unknown path', async () => {
    const reply = await setup().invoke(httpEvent({ method: 'OPTIONS', rawPath: '/nothing' }));

    expect(reply.status).toBe(404);
  });

  it('removes the prefix a named HTTP API stage adds to the path', async () => {
    const harness = setup();
    const stage = { requestContext: { stage: 'dev' } };

    const created = await harness.invoke(
      httpEvent({
        ...stage,
        method: 'POST',
        rawPath: '/dev/tasks',
        body: '{"title":"Staged"}',
        headers: JSON_HEADERS,
      }),
    );
    const read = await harness.invoke(
      httpEvent({ ...stage, rawPath: `/dev/tasks/${createdId(created)}` }),
    );

    expect(created.status).toBe(201);
    expect(created.header('Location')).toBe(`/dev/tasks/${createdId(created)}`);
    expect(read.status).toBe(200);
  });

  it('keeps a path without the stage prefix, as a custom domain sends it', async () => {
    const reply = await setup().invoke(
      httpEvent({ rawPath: '/tasks', requestContext: { stage: 'dev' } }),
    );

    expect(reply.status).toBe(200);
  });

  it('removes no prefix on the $default stage', async () => {
    const reply = await setup().invoke(httpEvent({ rawPath: '/$default/tasks' }));

    expect(reply.status).toBe(404);
  });

  it('reads header names in any case', async () => {
    const harness = setup();
    const created = await harness.invoke(
      httpEvent({
        method: 'POST',
        rawPath: '/tasks',
        body: '{"title":"Mixed case"}',
        headers: { 'CONTENT-TYPE': 'application/json', 'IdEmPoTeNcY-KeY': 'k-1' },
      }),
    );
    const replayed = await harness.invoke(
      httpEvent({
        method: 'POST',
        rawPath: '/tasks',
        body: '{"title":"Mixed case"}',
        headers: { 'Content-Type': 'text/plain' },
      }),
    );
    const conflict = await harness.invoke(
      httpEvent({
        method: 'DELETE',
        rawPath: `/tasks/${createdId(created)}`,
        headers: { 'IF-MATCH': '"7"' },
      }),
    );

    expect(created.status).toBe(201);
    expect(replayed.status).toBe(415);
    expect(conflict.status).toBe(412);
  });

  it('reads repeated parameters from rawQueryString, not the comma-joined map', async () => {
    const reply = await setup().invoke(
      httpEvent({ rawPath: '/tasks', rawQueryString: 'status=TODO&status=DONE' }),
    );

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ errors: [{ path: 'query.status' }] });
  });
});
