import { loadTemplate, TEMPLATE_PATH } from '@tasks/sam-template';
import { composeStatsRebuild, type RebuildReport } from '@tasks/stream-processor';
import { NothingToRebuildError } from './errors.js';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_TABLE_NAME,
  type LocalRuntimeOptions,
} from './runtime-options.js';
import { startStorage } from './storage.js';
import { statsTableNameFor } from './stream/stats-table.js';

/**
 * `npm run stats:rebuild`: the deployed RebuildStatsFunction's code, run on the local
 * tables: DynamoDB at `DYNAMODB_ENDPOINT` (such as the one `npm start` prints), or
 * DynamoDB Local started on the data directory (which `npm start` must not hold).
 */
export const rebuildLocalStats = async (
  options: Pick<LocalRuntimeOptions, 'dataDir' | 'dynamoDbEndpoint' | 'tableName' | 'env'>,
): Promise<RebuildReport & { readonly store: string }> => {
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const storage = await startStorage({
    store: 'dynamodb',
    dataDir: options.dataDir ?? DEFAULT_DATA_DIR,
    dynamoDbEndpoint: options.dynamoDbEndpoint,
    tableName,
    region: 'us-east-1',
    template: loadTemplate(TEMPLATE_PATH),
    env: options.env ?? process.env,
  });
  try {
    if (storage.endpoint === undefined) {
      throw new NothingToRebuildError(
        `no DynamoDB to rebuild from: ${storage.description}. ${storage.notes.join(' ')}`,
      );
    }
    const rebuild = composeStatsRebuild({
      TABLE_NAME: tableName,
      STATS_TABLE_NAME: statsTableNameFor(tableName),
      DYNAMODB_ENDPOINT: storage.endpoint,
      LOG_LEVEL: 'warn',
    });
    return { ...(await rebuild()), store: storage.description };
  } finally {
    await storage.stop();
  }
};
