import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { patchTask as patch, setup, withTask } from './harness.js';

const MISSING_ID = '01940000-0000-7000-8000-000000000000';

/**
 * `If-Match` on PATCH (DELETE shares the parser, see delete-task.test.ts). Weak tags are
 * accepted as their strong form: our tags are exact versions (see src/http/if-match.ts).
 */
describe('If-Match', () => {
  it.each(['"1"', 'W/"1"', '"1", W/"1"', ' "1" '])(
    'applies the patch when If-Match %s names the current version',
    async (ifMatch) => {
      const { harness, taskId } = await withTask();

      const reply = await patch(harness, taskId, { status: 'DONE' }, { 'If-Match': ifMatch });

      expect(reply.status).toBe(200);
      expect(reply.header('ETag')).toBe('"2"');
    },
  );

  it('returns 412 problem when If-Match names another version, and changes nothing', async () => {
    const { harness, taskId } = await withTask();
    await patch(harness, taskId, { status: 'IN_PROGRESS' });

    const reply = await patch(harness, taskId, { status: 'DONE' }, { 'if-match': '"1"' });
    const read = await harness.invoke(httpEvent({ rawPath: `/tasks/${taskId}` }));

    expect(reply.status).toBe(412);
    expect(reply.body).toMatchObject({ status: 412, code: 'version_conflict' });
    expect(read.body).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
  });

  it('treats If-Match: * as any existing version', async () => {
    const { harness, taskId } = await withTask();

    const reply = await patch(harness, taskId, { status: 'DONE' }, { 'If-Match': '*' });

    expect(reply.status).toBe(200);
  });

  it('returns 404 problem for If-Match: * when the task is missing', async () => {
    const reply = await patch(setup(), MISSING_ID, { status: 'DONE' }, { 'If-Match': '*' });

    expect(reply.status).toBe(404);
  });

  it.each(['1', '"abc"', '"0"', '"01"', '""', '"1', 'W/1', '"1", "2"', '*, "1"', ''])(
    'returns 400 problem for the malformed If-Match %j',
    async (ifMatch) => {
      const { harness, taskId } = await withTask();

      const reply = await patch(harness, taskId, { status: 'DONE' }, { 'If-Match': ifMatch });

      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'If-Match' }],
      });
    },
  );
});
