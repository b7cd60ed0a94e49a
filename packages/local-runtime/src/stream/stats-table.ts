/** The template's statistics table (StatsTable), and its name beside the local tasks table. */
export const STATS_TABLE_ID = 'StatsTable';
export const statsTableNameFor = (tableName: string): string => `${tableName}-stats`;

/** The local stand-in of the stream processor's failure queue, in the data directory. */
export const FAILURE_QUEUE_FILE = 'stats-failure-queue.jsonl';
/** Where the stream's checkpoints of a table are kept between runs, in the data directory. */
export const checkpointFileFor = (tableName: string): string =>
  `stream-checkpoints.${tableName}.json`;
