/**
 * Unicode character classes for validation, written so that importing the domain costs
 * no ICU work. V8 resolves a property escape (`\p{Cf}`) against ICU's data when it parses
 * the expression; a literal at module level made every cold start pay that (about 1 ms
 * of each bundle's import, README "Performance"), even the functions that never use it.
 */

/**
 * The control characters, Unicode's general category Cc: C0 (U+0000–U+001F), DEL and C1
 * (U+007F–U+009F). Written out, because Unicode's stability policy freezes this set,
 * unlike Cf or White_Space; a test compares it with `\p{Cc}` over every code point.
 */
export const CONTROL_CHARACTERS = '\\u0000-\\u001f\\u007f-\\u009f';

/** Cc but tab, line feed and carriage return: what a description may not hold. */
export const CONTROL_CHARACTERS_BUT_TAB_AND_LINE_BREAKS =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f';

/**
 * A regular expression built when first used, for property escapes (sets that grow with
 * Unicode, kept as the runtime's ICU knows them): only the requests that need one pay.
 */
export const onFirstUse = (source: string, flags: string): (() => RegExp) => {
  let expression: RegExp | undefined;
  return () => {
    expression ??= new RegExp(source, flags);
    return expression;
  };
};
