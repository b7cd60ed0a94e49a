import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** AWS SAM's JSON schema, kept in infra/schema/ with its source and licence. */
export const SAM_SCHEMA_PATH = fileURLToPath(
  new URL('../../../infra/schema/sam.schema.json', import.meta.url),
);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Rewrites each `anyOf` over resource (or event) types into "the Type is known" plus one
 * `if Type is X then X's schema`, so that a resource is checked against its own type only:
 * with the plain `anyOf`, one typo yields an error per type SAM knows.
 */
const discriminateTypes = (node: unknown, definitions: Json): void => {
  if (Array.isArray(node)) {
    for (const item of node) discriminateTypes(item, definitions);
    return;
  }
  if (!isObject(node)) return;
  const branches = node['anyOf'];
  const typeOf = (branch: unknown): Json | undefined => {
    const ref = isObject(branch) ? branch['$ref'] : undefined;
    const definition =
      typeof ref === 'string' ? definitions[ref.replace('#/definitions/', '')] : undefined;
    const properties = isObject(definition) ? definition['properties'] : undefined;
    const type = isObject(properties) ? properties['Type'] : undefined;
    return isObject(type) ? type : undefined;
  };
  if (
    Array.isArray(branches) &&
    branches.length > 1 &&
    branches.every((branch) => typeOf(branch) !== undefined)
  ) {
    const known: unknown[] = [];
    const checks: Json[] = [];
    const others: Json[] = [];
    for (const branch of branches) {
      const type = typeOf(branch) ?? {};
      const names = type['enum'];
      if (Array.isArray(names)) {
        known.push(...names);
        // JSON Schema's `if`/`then` keywords, built as entries: an object literal with a
        // `then` property would look like a promise to every linter and to `await`.
        checks.push(
          Object.fromEntries([
            ['if', { type: 'object', required: ['Type'], properties: { Type: { enum: names } } }],
            ['then', branch],
          ]),
        );
      } else {
        others.push(type); // any other CloudFormation type, by pattern
      }
    }
    const typeRule = others.length > 0 ? { anyOf: [{ enum: known }, ...others] } : { enum: known };
    delete node['anyOf'];
    const allOf = Array.isArray(node['allOf']) ? node['allOf'] : [];
    node['allOf'] = [
      ...allOf,
      { type: 'object', required: ['Type'], properties: { Type: typeRule } },
      ...checks,
    ];
  }
  for (const value of Object.values(node)) discriminateTypes(value, definitions);
};

/** The SAM schema, with resource and event types discriminated for readable errors. */
export const loadSamSchema = (): Json => {
  const schema: unknown = JSON.parse(readFileSync(SAM_SCHEMA_PATH, 'utf8'));
  if (!isObject(schema) || !isObject(schema['definitions']))
    throw new Error(`${SAM_SCHEMA_PATH} is not a JSON schema`);
  discriminateTypes(schema, schema['definitions']);
  return schema;
};
