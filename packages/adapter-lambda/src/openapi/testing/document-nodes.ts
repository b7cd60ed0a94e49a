import { Ajv2020 } from 'ajv/dist/2020.js';

/** A JSON value read from the document. */
export type Node = unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every `$ref` in `node`, at any depth. */
export const refsIn = (node: Node): string[] => {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (!isRecord(node)) return [];
  const own = typeof node['$ref'] === 'string' ? [node['$ref']] : [];
  return [...own, ...Object.values(node).flatMap(refsIn)];
};

/** What a local reference (`#/components/…`, RFC 6901 pointer) names, or `undefined`. */
export const resolveRef = (document: Node, ref: string): Node => {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<Node>((node, token) => (isRecord(node) ? node[token] : undefined), document);
};

/** `node` itself, or what it refers to when it is a `{ $ref }`. */
export const deref = (document: Node, node: Node): Node =>
  isRecord(node) && typeof node['$ref'] === 'string' ? resolveRef(document, node['$ref']) : node;

/** The member `key` of an object node (`undefined` for anything else). */
export const member = (node: Node, key: string): Node => (isRecord(node) ? node[key] : undefined);

/** The keys of an object node. */
export const keysOf = (node: Node): string[] => (isRecord(node) ? Object.keys(node) : []);

const COMPONENT_SCHEMA = '#/components/schemas/';

// Component schemas refer to each other as `#/components/schemas/X`; compiled on their
// own, those references are moved under `$defs`, where JSON Schema looks for them.
const toDefs = (node: Node): Node => {
  if (Array.isArray(node)) return node.map(toDefs);
  if (!isRecord(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_SCHEMA)
        ? `#/$defs/${value.slice(COMPONENT_SCHEMA.length)}`
        : toDefs(value),
    ]),
  );
};

/**
 * Compiles schemas of the document with Ajv in strict mode (an unknown keyword, or a
 * malformed one, is an error: a valid OpenAPI 3.1 schema is valid JSON Schema 2020-12).
 * Formats (`date-time`) are annotations here: the patterns beside them are checked.
 */
export const schemaCompiler = (document: Node) => {
  const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
  const defs = toDefs(member(member(document, 'components'), 'schemas'));
  const cache = new Map<string, (value: unknown) => string[]>();
  return (schema: Node): ((value: unknown) => string[]) => {
    const key = JSON.stringify(schema);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const root = toDefs(schema);
    const validate = ajv.compile({ ...(isRecord(root) ? root : {}), $defs: defs });
    const check = (value: unknown): string[] =>
      validate(value)
        ? []
        : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
    cache.set(key, check);
    return check;
  };
};
