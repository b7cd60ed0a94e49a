import { walkPages } from '@tasks/domain/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setup } from '../http/harness.js';
import { httpEvent } from '../http/http-event.js';
import { body, headers, method, path, rawQueryString } from './request-arbitraries.js';

const OWNER = 'user-alice';
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 5000);

describe('the handler, for any request', () => {
  it(`answers each of ${RUNS} random requests without a 5xx, every error as problem+json, and a rejected request changes nothing`, async () => {
    const harness = setup();
    // A task that `{id}` in a path names, made again whenever a random DELETE removed it.
    let existingId = '';
    const ensureExisting = async () => {
      if ((await harness.repository.get(OWNER, existingId)) !== undefined) return;
      const { task } = await harness.useCases.createTask({
        owner: OWNER,
        body: { title: 'Existing task' },
      });
      existingId = task.taskId;
    };
    const seen = new Set<number>();
    const state = async () =>
      JSON.stringify(await walkPages(harness.repository, OWNER, { limit: 100 }));

    await fc.assert(
      fc.asyncProperty(
        method,
        path,
        rawQueryString,
        headers,
        fc.option(body, { nil: undefined }),
        fc.boolean(),
        async (verb, rawPath, query, requestHeaders, requestBody, base64) => {
          await ensureExisting();
          const resolvedPath = rawPath.replace('{id}', existingId);
          const before = await state();
          const reply = await harness.invoke(
            httpEvent({
              method: verb,
              rawPath: resolvedPath,
              rawQueryString: query,
              headers: requestHeaders,
              ...(requestBody === undefined
                ? {}
                : base64
                  ? { body: Buffer.from(requestBody).toString('base64'), isBase64Encoded: true }
                  : { body: requestBody }),
            }),
          );
          seen.add(reply.status);
          expect(reply.status).toBeLessThan(500);
          if (reply.status >= 400) {
            expect(reply.header('content-type')).toBe('application/problem+json');
            expect(reply.body).toMatchObject({
              status: reply.status,
              type: expect.any(String),
              title: expect.any(String),
            });
            expect(await state()).toBe(before);
          }
        },
      ),
      { numRuns: RUNS },
    );
    // The run reached past the edges of the API, not only its 404s: successes and the
    // rejections of each layer (routing, media type, size, body, validation, conditions).
    if (RUNS >= 5000) {
      expect([...seen].sort()).toEqual(
        expect.arrayContaining([200, 201, 204, 400, 404, 405, 412, 413, 415]),
      );
    }
  });
});
