/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the routes, the valibot schemas
 * and the problem tables the handler uses. scripts/openapi.mjs writes it to openapi.json.
 */
export { OPENAPI_VERSION, type OpenApiDocument, openApiDocument } from './document.js';
export { OPERATIONS, type OperationSpec, type ProblemCode } from './operations.js';
export {
  componentSchemas,
  type JsonSchema,
  type OpenApiObject,
  ProblemSchema,
  TaskCreatedSchema,
  TaskPageSchema,
} from './schemas.js';
