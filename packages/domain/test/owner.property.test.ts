import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { makeGetTask, OwnerSchema, parseOwner, ValidationError } from '../src/index.js';
import { aTask } from '../src/testing/index.js';
import { stubRepository } from './stub-repository.js';

const refusal = (owner: unknown): unknown => {
  try {
    parseOwner(owner);
    return undefined;
  } catch (error) {
    return error;
  }
};

describe('parseOwner', () => {
  it('accepts exactly the owners the schema accepts, and returns them unchanged', () => {
    const owners = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', minLength: 250, maxLength: 260 }),
    );
    fc.assert(
      fc.property(owners, (owner) => {
        if (v.is(OwnerSchema, owner)) expect(parseOwner(owner)).toBe(owner);
        else expect(refusal(owner)).toBeInstanceOf(ValidationError);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses an empty, long, control-laden or non-string owner, naming the owner', () => {
    for (const owner of ['', 'x'.repeat(257), 'eve\u0000', 'eve\u0085', 123, undefined, null]) {
      const error = refusal(owner);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ issues: [{ path: 'owner' }] });
    }
    expect(parseOwner('x'.repeat(256))).toBe('x'.repeat(256));
    expect(parseOwner('Zoë 🐙')).toBe('Zoë 🐙');
  });

  it('is what the use cases check before they reach the store', async () => {
    const tasks = stubRepository();
    const getTask = makeGetTask({ tasks });
    await expect(getTask({ owner: '', taskId: aTask().taskId })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(tasks.get).not.toHaveBeenCalled();
  });
});
