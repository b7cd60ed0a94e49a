import { describe, expect, it } from 'vitest';
import {
  CONTROL_CHARACTERS,
  CONTROL_CHARACTERS_BUT_TAB_AND_LINE_BREAKS,
  onFirstUse,
} from '../src/unicode.js';

/** Every code point but the surrogates, as strings. */
const everyCodePoint = function* (): Generator<string> {
  for (let point = 0; point <= 0x10ffff; point++) {
    if (point < 0xd800 || point > 0xdfff) yield String.fromCodePoint(point);
  }
};

describe('the character classes written out instead of property escapes', () => {
  it('CONTROL_CHARACTERS is exactly \\p{Cc}, over every code point', () => {
    const written = new RegExp(`^[${CONTROL_CHARACTERS}]$`, 'u');
    const property = /^\p{Cc}$/u;
    const differing = [...everyCodePoint()].filter(
      (character) => written.test(character) !== property.test(character),
    );
    expect(differing).toEqual([]);
  });

  it('CONTROL_CHARACTERS_BUT_TAB_AND_LINE_BREAKS is \\p{Cc} but tab, LF and CR', () => {
    const written = new RegExp(`^[${CONTROL_CHARACTERS_BUT_TAB_AND_LINE_BREAKS}]$`, 'u');
    const property = /^(?![\t\n\r])\p{Cc}$/u;
    const differing = [...everyCodePoint()].filter(
      (character) => written.test(character) !== property.test(character),
    );
    expect(differing).toEqual([]);
  });
});

describe('onFirstUse', () => {
  it('builds its expression once, when first asked', () => {
    const expression = onFirstUse('\\p{Cf}', 'u');
    expect(expression()).toBe(expression());
    expect(expression().test('\u200b')).toBe(true);
  });
});
