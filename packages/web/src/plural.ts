/** English plural rules: the page's words are English ("1 task", "0 tasks", "2 tasks"). */
const rules = new Intl.PluralRules('en');

/** `count` with `one` or `other` after it, as English says that number. */
export const counted = (count: number, one: string, other: string): string =>
  `${count} ${rules.select(count) === 'one' ? one : other}`;
