export { DynamoDbStatsStore, type DynamoDbStatsStoreOptions } from './dynamodb-stats-store.js';
export {
  fromTallyItem,
  statsItemsOf,
  TALLY_PREFIX,
  tallyCondition,
  toTallyItem,
} from './stats-items.js';
export { changeOfStreamRecord, isTaskImage, type TaskStreamRecord } from './stream-change.js';
