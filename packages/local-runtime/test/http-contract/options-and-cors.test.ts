import { describe, expect, it } from 'vitest';
import { STORES, useRuntime } from '../support/stores.js';

describe.each(STORES)('OPTIONS and CORS over HTTP, $name', (store) => {
  const api = useRuntime(store);

  it('answers OPTIONS on a known path with 204 and Allow', async () => {
    const reply = await api.request('OPTIONS', '/tasks');

    expect(reply.status).toBe(204);
    expect(reply.header('allow')).toBe('POST, GET, OPTIONS');
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
