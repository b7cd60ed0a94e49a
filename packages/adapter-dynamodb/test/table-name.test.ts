import { DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTableName } from '../src/index.js';
import { localClient } from './support/dynamodb.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.';
const allowed = fc.constantFrom(...ALPHABET);
/** A name of allowed characters, 3 to 255 of them. */
const aTableName = fc.string({ unit: allowed, minLength: 3, maxLength: 255 });
/** Any character DynamoDB refuses in a name: a space, `/`, `:`, a letter beyond ASCII… */
const refused = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
  .filter((text) => [...text].some((character) => !ALPHABET.includes(character)));

describe('isTableName, DynamoDB’s naming rule', () => {
  it.each([
    ['abc', true],
    ['tasks-local', true],
    ['a.b-c_D9', true],
    ['...', true],
    ['x'.repeat(255), true],
    ['', false],
    ['ab', false],
    ['x'.repeat(256), false],
    ['tasks local', false],
    ['tasks/local', false],
    ['täsks', false],
  ])('%j is a table name: %s', (name, expected) => {
    expect(isTableName(name)).toBe(expected);
  });

  it('takes any 3 to 255 letters, digits, "_", "-" and "."', () => {
    fc.assert(fc.property(aTableName, (name) => isTableName(name)));
  });

  it('refuses a name with any other character in it, wherever it stands', () => {
    fc.assert(
      fc.property(aTableName, refused, fc.nat(), (name, character, at) => {
        const index = at % (name.length + 1);
        return !isTableName(`${name.slice(0, index)}${character}${name.slice(index)}`);
      }),
    );
  });

  // The rule is DynamoDB's, not ours: DynamoDB Local, which validates names as DynamoDB
  // does, refuses exactly the names the rule refuses (a valid name of no table is "not found").
  it('agrees with DynamoDB Local on every name, valid or not', async () => {
    const client = localClient();
    const dynamoDbTakes = async (name: string): Promise<boolean> => {
      try {
        await client.send(new DescribeTableCommand({ TableName: name }));
        return true;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return true;
        if (error instanceof Error && error.name === 'ValidationException') return false;
        throw error;
      }
    };
    const names = fc.oneof(
      aTableName,
      fc.string({ maxLength: 8 }),
      fc.tuple(aTableName, refused).map(([name, character]) => `${name}${character}`),
      fc.constantFrom('', 'ab', 'x'.repeat(256), 'tasks:local'),
    );
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        expect(isTableName(name)).toBe(await dynamoDbTakes(name));
      }),
      { numRuns: 60 },
    );
    client.destroy();
  });
});
