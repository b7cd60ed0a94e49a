import { describe, expect, it } from 'vitest';
import { useAuthRuntime } from '../support/auth-runtime.js';
import { STORES, useRuntime } from '../support/stores.js';

const BROWSER = 'http://localhost:5173';
const MISSING_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

describe.each(STORES)('OPTIONS and CORS over HTTP, $name', (store) => {
  const api = useRuntime(store);

  it('answers OPTIONS on a known path with 204 and Allow', async () => {
    const reply = await api.request('OPTIONS', '/tasks');

    expect(reply.status).toBe(204);
    expect(reply.header('allow')).toBe('POST, GET, OPTIONS');
  });

  // /tasks/stats is a literal path beside /tasks/{taskId}: its own routes take its other
  // methods, so PATCH /tasks/stats is no update of a task named "stats".
  it('answers OPTIONS and other methods on /tasks/stats with its own Allow', async () => {
    const options = await api.request('OPTIONS', '/tasks/stats');
    const patch = await api.patch('/tasks/stats', { json: { title: 'Not a task' } });

    expect(options.status).toBe(204);
    expect(options.header('allow')).toBe('GET, OPTIONS');
    expect(patch.status).toBe(405);
    expect(patch.header('allow')).toBe('GET, OPTIONS');
  });

  it('answers a browser with the CORS headers of the template (AllowOrigins defaults to *)', async () => {
    const preflight = await api.request('OPTIONS', '/tasks', {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    const read = await api.get('/tasks', { headers: { origin: 'http://localhost:5173' } });

    expect(preflight.status).toBe(204);
    expect(preflight.header('access-control-allow-origin')).toBe('*');
    expect(preflight.header('access-control-allow-methods')).toContain('PATCH');
    expect(read.header('access-control-allow-origin')).toBe('*');
    expect(read.header('access-control-expose-headers')).toContain('ETag');
  });
});

// A browser sends its preflight without the Authorization header it asks to send (Fetch
// standard, CORS-preflight request). Were the routes that take OPTIONS behind the JWT
// authorizer, as ANY /tasks was, every cross-origin call of the deployed API would fail.
describe.each(STORES)('preflights with authentication on (TASKS_AUTH=jwt), $name', (store) => {
  const { api } = useAuthRuntime(store);

  it.each(['/tasks', `/tasks/${MISSING_ID}`, '/tasks/stats'])(
    'answers a preflight without a token on %s with 204 and the CORS headers',
    async (path) => {
      const preflight = await api.request('OPTIONS', path, {
        headers: {
          origin: BROWSER,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization,content-type,if-match',
        },
      });

      expect(preflight.status).toBe(204);
      expect(preflight.header('access-control-allow-origin')).toBe('*');
      expect(preflight.header('access-control-allow-methods')).toContain('PATCH');
      expect(preflight.header('access-control-allow-headers')).toContain('Authorization');
    },
  );

  it('still refuses the call itself without a token', async () => {
    const call = await api.get('/tasks', { headers: { origin: BROWSER } });

    expect(call.status).toBe(401);
  });
});
