/**
 * `@tasks/adapter-lambda/openapi/testing`: checks what the API answered against its
 * OpenAPI document. For tests; needs `ajv` (an optional peer dependency).
 */
export {
  deref,
  keysOf,
  member,
  type Node,
  refsIn,
  resolveRef,
  schemaCompiler,
} from './document-nodes.js';
export { type Exchange, exchangeChecker } from './exchange-checker.js';
