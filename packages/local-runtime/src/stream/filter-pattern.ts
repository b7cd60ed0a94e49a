import { InvalidTemplateError } from '../errors.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether `value` matches one field's rule of a Lambda event filter: a list of values
 * (any equal), or of `{ "exists": true | false }`. Other operators (prefix, numeric,
 * anything-but) are not used by the template and refused, so that a new one cannot be
 * silently misread here.
 */
const matchesRule = (rule: readonly unknown[], value: unknown, present: boolean): boolean =>
  rule.some((option) => {
    if (isRecord(option)) {
      const keys = Object.keys(option);
      if (keys.length === 1 && keys[0] === 'exists' && typeof option['exists'] === 'boolean') {
        return option['exists'] === present;
      }
      throw new InvalidTemplateError(
        `filter operator ${JSON.stringify(option)} is not supported locally`,
      );
    }
    return present && option === value;
  });

/** Whether `event` matches `pattern`, as Lambda's event filtering reads it (field by field, all must match). */
export const matchesPattern = (pattern: unknown, event: unknown): boolean => {
  if (!isRecord(pattern)) throw new InvalidTemplateError('a filter pattern must be a JSON object');
  return Object.entries(pattern).every(([key, rule]) => {
    const present = isRecord(event) && key in event;
    const value = isRecord(event) ? event[key] : undefined;
    if (Array.isArray(rule)) return matchesRule(rule, value, present);
    if (isRecord(rule)) {
      // `{"exists": false}` under a nested key matches when the parent is absent too.
      return matchesPattern(rule, present ? value : undefined);
    }
    throw new InvalidTemplateError(`filter rule for ${key} must be a list or an object`);
  });
};

/** Whether the record passes `FilterCriteria`: no filters pass everything; several are alternatives. */
export const passesFilters = (patterns: readonly unknown[], record: unknown): boolean =>
  patterns.length === 0 || patterns.some((pattern) => matchesPattern(pattern, record));
