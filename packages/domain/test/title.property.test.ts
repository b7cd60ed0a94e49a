import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreateTaskInputSchema, parseInput, ValidationError } from '../src/index.js';

const INVISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
const BIDI_CONTROLS = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
// Every character that shows nothing, found by the rule's own definition in Unicode.
const invisibleCharacters = Array.from({ length: 0x110000 }, (_, point) => point)
  .filter((point) => point < 0xd800 || point > 0xdfff)
  .map((point) => String.fromCodePoint(point))
  .filter((character) => INVISIBLE.test(character));

const messagesOf = (body: unknown): string[] => {
  try {
    parseInput(CreateTaskInputSchema, body);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((issue) => issue.message);
    throw error;
  }
  return [];
};

describe('a title, for any text', () => {
  it('made only of characters that show nothing, is refused as empty', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...invisibleCharacters), { minLength: 1, maxLength: 10 }),
        (characters) => {
          expect(messagesOf({ title: characters.join('') })).toContain('must not be empty');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('holding a bidirectional embedding, override or isolate, is refused, as is such a description', () => {
    const around = fc.string({ unit: 'grapheme', maxLength: 20 });
    fc.assert(
      fc.property(around, fc.constantFrom(...BIDI_CONTROLS), around, (before, control, after) => {
        const text = `x${before}${control}${after}`;
        const refusal = 'must not contain bidirectional embedding, override or isolate controls';
        expect(messagesOf({ title: text })).toContain(refusal);
        expect(messagesOf({ title: 'x', description: text })).toContain(refusal);
      }),
      { numRuns: 1000 },
    );
  });
});
