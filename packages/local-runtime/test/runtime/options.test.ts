import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError, startLocalRuntime } from '../../src/index.js';
import { freePort } from '../support/cli.js';

/** Whether `port` can be listened on: nothing the refused start began still holds it. */
const isFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

describe('startLocalRuntime with a table name DynamoDB would refuse', () => {
  it.each([
    { tableName: 'ab', says: 'tableName "ab" must be a DynamoDB table name: 3 to 255 characters' },
    { tableName: 'tasks local', says: 'tableName "tasks local" must be a DynamoDB table name' },
    // Valid alone, but `<name>-stats` is 256 characters: the statistics table's name.
    { tableName: 'x'.repeat(250), says: 'leaves no room for the statistics table' },
  ])(
    'rejects $tableName with InvalidOptionsError before starting anything',
    async ({ tableName, says }) => {
      const port = await freePort();
      const dataDir = join(tmpdir(), `tasks-options-${port}-${tableName.length}`);

      const starting = startLocalRuntime({ tableName, port, dataDir });

      await expect(starting).rejects.toBeInstanceOf(InvalidOptionsError);
      await expect(starting).rejects.toMatchObject({
        code: 'invalid_options',
        message: expect.stringContaining(says),
      });
      // Neither DynamoDB Local's data directory nor the port was taken.
      expect(existsSync(dataDir)).toBe(false);
      expect(await isFree(port)).toBe(true);
    },
  );
});
