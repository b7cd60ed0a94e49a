import { describe, expect, it } from 'vitest';
import { CorruptItemError, changeOfStreamRecord } from '../../src/index.js';

const image = {
  pk: { S: 'alice' },
  sk: { S: '01a22d5d-75c2-7126-84f2-795f36bb5059' },
  g: { S: 'TODO#01a22d5d-75c2-7126-84f2-795f36bb5059' },
  c: { N: '1764579600000' },
  u: { N: '1764579600000' },
  v: { N: '1' },
};

describe('changeOfStreamRecord', () => {
  it('refuses a task image with a number that is not one, naming it by its path', () => {
    const record = { eventName: 'MODIFY', dynamodb: { NewImage: { ...image, u: { N: 'soon' } } } };

    expect(() => changeOfStreamRecord(record)).toThrow(CorruptItemError);
    expect(() => changeOfStreamRecord(record)).toThrow(
      'unexpected task image: u.N: Invalid format: Expected /^-?\\d+(\\.\\d+)?$/ but received "soon"',
    );
  });
});
