export {
  createDynamoDbClient,
  createLocalDynamoDbClient,
  type DynamoDbClientOptions,
} from './clients.js';
export { createDocumentClient, documentClientFor } from './document-client.js';
export {
  DynamoDbTaskRepository,
  type DynamoDbTaskRepositoryOptions,
} from './dynamodb-task-repository.js';
export {
  CorruptItemError,
  describeIssues,
  FiniteNumberSchema,
  parseItem,
  SafeIntegerSchema,
  STATUS_INDEX,
  statusOfSortKey,
  toTaskAttributes,
  toTaskItem,
} from './item-mapping.js';
export * from './stats/index.js';
export { retryAfterSeconds, translateStorageError } from './storage-errors.js';
export { ensureTable, type TableSetup } from './table-admin.js';
export { isTableName, TABLE_NAME_RULE } from './table-name.js';
