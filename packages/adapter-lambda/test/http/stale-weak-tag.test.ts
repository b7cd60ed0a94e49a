import { describe, expect, it } from 'vitest';
import { httpEvent } from './events.js';
import { patchTask, withTask } from './harness.js';

// A weak tag is compared as if strong (src/http/if-match.ts): W/"1" names version 1, and a
// version-2 task does not match it. Read as "no condition", it would let a stale write win.
describe('a stale weak entity tag', () => {
  it('returns 412 problem for a PATCH with If-Match W/"1" on a version-2 task, and changes nothing', async () => {
    const { harness, taskId } = await withTask();
    await patchTask(harness, taskId, { status: 'IN_PROGRESS' });

    const reply = await patchTask(harness, taskId, { status: 'DONE' }, { 'If-Match': 'W/"1"' });

    expect(reply.status).toBe(412);
    expect(reply.body).toMatchObject({ status: 412, code: 'version_conflict' });
    const read = await harness.invoke(httpEvent({ rawPath: `/tasks/${taskId}` }));
    expect(read.body).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
  });

  it('returns 412 problem for a DELETE with If-Match W/"1" on a version-2 task, and keeps it', async () => {
    const { harness, taskId } = await withTask();
    await patchTask(harness, taskId, { status: 'IN_PROGRESS' });

    const reply = await harness.invoke(
      httpEvent({
        method: 'DELETE',
        rawPath: `/tasks/${taskId}`,
        headers: { 'if-match': 'W/"1"' },
      }),
    );

    expect(reply.status).toBe(412);
    const read = await harness.invoke(httpEvent({ rawPath: `/tasks/${taskId}` }));
    expect(read.status).toBe(200);
  });

  it('returns 412 problem when a weak and a strong tag both name the stale version', async () => {
    const { harness, taskId } = await withTask();
    await patchTask(harness, taskId, { status: 'IN_PROGRESS' });

    const reply = await patchTask(
      harness,
      taskId,
      { status: 'DONE' },
      { 'If-Match': '"1", W/"1"' },
    );

    expect(reply.status).toBe(412);
  });
});
