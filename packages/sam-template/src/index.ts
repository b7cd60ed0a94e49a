export {
  type TemplateFunction,
  type TemplateRoute,
  templateFunctions,
  templateRoutes,
} from './functions.js';
export { type IntrinsicContext, resolveIntrinsics } from './intrinsics.js';
export {
  cloudFormationTags,
  loadTemplate,
  parseTemplate,
  type SamTemplate,
  TEMPLATE_PATH,
  type TemplateResource,
} from './load-template.js';
export { loadSamSchema, SAM_SCHEMA_PATH } from './schema.js';
export {
  type CreateTableInput,
  type KeySchemaElement,
  type TableDefinition,
  tableDefinition,
} from './table-definition.js';
