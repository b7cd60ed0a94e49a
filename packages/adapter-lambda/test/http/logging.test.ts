import { describe, expect, it } from 'vitest';
import { errorFields, LOG_LEVELS, makeJsonLogger } from '../../src/index.js';
import { httpEvent } from './events.js';
import { AWS_REQUEST_ID, postTask, setup } from './harness.js';

describe('access logs', () => {
  it('writes one info line per request with both request ids, method, path, status and duration', async () => {
    const harness = setup();

    await harness.invoke(httpEvent({ rawPath: '/tasks', rawQueryString: 'limit=5' }));

    expect(harness.lines).toEqual([
      {
        level: 'info',
        message: 'request',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        requestId: 'KmHc1jV4liAEJvQ=',
        awsRequestId: AWS_REQUEST_ID,
        method: 'GET',
        path: '/tasks',
        route: 'GET /tasks',
        status: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('adds the problem code to the line of a refused request', async () => {
    const harness = setup();

    await postTask(harness, { title: '' });

    expect(harness.lines).toEqual([
      expect.objectContaining({ status: 400, code: 'validation_failed', route: 'POST /tasks' }),
    ]);
  });
});

describe('makeJsonLogger', () => {
  it('writes one JSON object per line, child fields included, head fields not overridable', () => {
    const lines: string[] = [];
    const logger = makeJsonLogger({
      sink: (line) => lines.push(line),
      now: () => new Date('2026-01-01T00:00:00.000Z'),
    });

    logger.child({ requestId: 'r-1' }).warn('slow', { level: 'debug', durationMs: 1200 });

    expect(lines).toEqual([
      '{"level":"warn","message":"slow","timestamp":"2026-01-01T00:00:00.000Z","requestId":"r-1","durationMs":1200}',
    ]);
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = makeJsonLogger({ sink: (line) => lines.push(line), level: 'warn' });

    logger.debug('a');
    logger.info('b');
    logger.error('c');

    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['c']);
  });

  it('says which levels it writes, so that a caller can skip fields nobody reads', () => {
    const logger = makeJsonLogger({ sink: () => undefined, level: 'warn' });

    expect(LOG_LEVELS.map((level) => logger.isEnabled(level))).toEqual([false, false, true, true]);
  });

  it('never throws, even when the sink does', () => {
    const logger = makeJsonLogger({
      sink: () => {
        throw new Error('disk full');
      },
    });

    expect(() => logger.error('lost')).not.toThrow();
  });

  it('describes an error by name, message, stack and cause', () => {
    const error = new TypeError('outer', { cause: new RangeError('inner') });

    expect(errorFields(error)).toEqual({
      name: 'TypeError',
      message: 'outer',
      stack: expect.stringContaining('TypeError: outer'),
      cause: expect.objectContaining({ name: 'RangeError', message: 'inner' }),
    });
  });
});
