import { describe, expect, it } from 'vitest';
import { InvalidWebConfigError } from '../src/config.js';
import { ConfigUnavailableError, loadConfig } from '../src/load-config.js';

const serving =
  (response: () => Response, seen: [string, RequestInit | undefined][] = []): typeof fetch =>
  async (input, init) => {
    seen.push([String(input), init]);
    return response();
  };

describe('loadConfig', () => {
  it('fetches /config.json from the page’s origin, never from a cache, and parses it', async () => {
    const seen: [string, RequestInit | undefined][] = [];
    const config = { apiUrl: '', auth: { kind: 'none', owner: 'local' } };
    expect(await loadConfig(serving(() => Response.json(config), seen))).toEqual(config);
    expect(seen).toEqual([['/config.json', { cache: 'no-store' }]]);
  });

  it.each([
    ['a 404', () => new Response('missing', { status: 404 }), '/config.json answered HTTP 404'],
    ['a page that is not JSON', () => new Response('<!doctype html>'), '/config.json is not JSON'],
  ])('says why it cannot start on %s', async (_, response, message) => {
    const attempt = loadConfig(serving(response));
    await expect(attempt).rejects.toThrow(ConfigUnavailableError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('says so when nothing answers', async () => {
    await expect(
      loadConfig(async () => {
        throw new TypeError('fetch failed');
      }),
    ).rejects.toThrow('/config.json got no answer');
  });

  it('refuses a config of the wrong shape with every problem named', async () => {
    await expect(loadConfig(serving(() => Response.json({ apiUrl: '' })))).rejects.toThrow(
      InvalidWebConfigError,
    );
  });
});
