/**
 * DynamoDB's rule for a table's name, in words: what a message about a wrong name says.
 * (Amazon DynamoDB Developer Guide, "Naming rules": 3 to 255 characters of `a-z`, `A-Z`,
 * `0-9`, `_`, `-` and `.`.)
 */
export const TABLE_NAME_RULE = '3 to 255 characters, each a letter, a digit, "_", "-" or "."';

const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * Whether DynamoDB takes `name` as a table's name. Checked where a name enters (a
 * function's environment, the local runtime's options) so that a wrong one fails there,
 * once, in these words, instead of as the SDK's `ValidationException` on every call.
 */
export const isTableName = (name: string): boolean => TABLE_NAME.test(name);
