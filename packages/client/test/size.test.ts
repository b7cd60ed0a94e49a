import { CLIENT_GZIP_LIMIT_BYTES, measureClientBundle } from '@tasks/client/bundle-size';
import { describe, expect, it } from 'vitest';

// SPEC §9: `@tasks/client`, minified and gzipped, ≤ 5 KB; §11: fetch, no other
// dependency. The bundle is of `dist` (built by the global setup), as an app would take it.
describe('the bundle of @tasks/client', () => {
  it('is at most 5 KB minified and gzipped', async () => {
    const bundle = await measureClientBundle();
    expect(bundle.gzipBytes).toBeLessThanOrEqual(CLIENT_GZIP_LIMIT_BYTES);
  });

  it('takes in only the client’s own files: no valibot, no domain code', async () => {
    const bundle = await measureClientBundle();
    expect(bundle.inputs.length).toBeGreaterThan(0);
    for (const input of bundle.inputs) expect(input).toMatch(/^dist\/[a-z-]+\.js$/);
    expect(bundle.code).not.toMatch(/valibot|zod|@tasks\/domain/);
  });
});
