import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOG_LEVELS, makeJsonLogger } from '../../src/index.js';

const NOW = new Date('2026-12-04T19:00:00.123Z');

/** The line as the logger defines it: the head first, the fields merged, the head's values kept. */
const mergedLine = (
  level: string,
  message: string,
  fields: readonly Record<string, unknown>[],
): string => {
  const head = { level, message, timestamp: NOW.toISOString() };
  return JSON.stringify(Object.assign({ ...head }, ...fields, head));
};

/** Keys a line's fields may have, the awkward ones often. */
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('level', 'message', 'timestamp', 'toJSON', '__proto__', '0', '17', 'requestId'),
);
const fields = fc.dictionary(key, fc.jsonValue(), { maxKeys: 8 });

describe('the logger line', () => {
  it('is the merge of head and fields, whatever the fields, with or without a parent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOG_LEVELS),
        fc.string(),
        fc.array(fields, { maxLength: 2 }),
        fields,
        (level, message, parents, own) => {
          const lines: string[] = [];
          let logger = makeJsonLogger({
            sink: (line) => lines.push(line),
            level: 'debug',
            now: () => NOW,
          });
          for (const parent of parents) logger = logger.child(parent);
          logger[level](message, own);
          expect(lines).toEqual([mergedLine(level, message, [{}, ...parents, own])]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps what a toJSON among the fields does to the merged line', () => {
    const lines: string[] = [];
    const logger = makeJsonLogger({ sink: (line) => lines.push(line), now: () => NOW });
    const own = { status: 200, toJSON: () => ({ replaced: true }) };

    logger.info('request', own);

    expect(lines).toEqual([mergedLine('info', 'request', [{}, own])]);
    expect(lines).toEqual(['{"replaced":true}']);
  });

  it('is the merge for fields that are not plain objects, and for a message that is not text', () => {
    class WithToJson {
      readonly a = 1;
      toJSON() {
        return { replaced: true };
      }
    }
    const hidden = Object.defineProperty({ a: 1 }, 'toJSON', { value: () => 'x' });
    const odd: unknown[] = [[], ['x'], new Date(0), new WithToJson(), hidden, new Map([[1, 2]])];
    for (const own of odd) {
      const lines: string[] = [];
      const logger = makeJsonLogger({ sink: (line) => lines.push(line), now: () => NOW });
      // As a JavaScript caller, or a cast, could pass them.
      logger.info('request', own as Record<string, unknown>);
      logger.info(undefined as unknown as string, { a: 1 });
      expect(lines).toEqual([
        mergedLine('info', 'request', [{}, own as Record<string, unknown>]),
        JSON.stringify(
          Object.assign(
            { level: 'info', message: undefined, timestamp: NOW.toISOString() },
            { a: 1 },
          ),
        ),
      ]);
    }
  });

  it('leaves undefined fields out and writes nested values as JSON does', () => {
    const lines: string[] = [];
    const logger = makeJsonLogger({ sink: (line) => lines.push(line), now: () => NOW });

    logger.info('request', {
      requestId: undefined,
      status: 200,
      error: { name: 'E', list: [1, 'two'] },
    });

    expect(lines).toEqual([
      '{"level":"info","message":"request","timestamp":"2026-12-04T19:00:00.123Z","status":200,"error":{"name":"E","list":[1,"two"]}}',
    ]);
  });
});
