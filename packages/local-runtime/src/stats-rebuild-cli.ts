#!/usr/bin/env node
/**
 * `npm run stats:rebuild`: recomputes every owner's statistics from the local tasks table
 * (see `rebuildLocalStats`). Reads `DYNAMODB_ENDPOINT` and `TASKS_DATA_DIR` as `npm start` does.
 */
import { DynamoDbLocalError } from '@tasks/dynamodb-local';
import { cliOptions } from './cli-options.js';
import { DataDirLockedError, LocalRuntimeError } from './errors.js';
import { rebuildLocalStats } from './stats-rebuild.js';

try {
  const report = await rebuildLocalStats({ ...cliOptions(process.env), env: process.env });
  process.stdout.write(
    `Statistics rebuilt from ${report.store}: ${report.tasks} tasks of ${report.owners} owners.\n`,
  );
  if (report.unsettled.length > 0) {
    process.stderr.write(
      `stats:rebuild: the tasks of ${report.unsettled.join(', ')} kept changing while they were rebuilt: run it again.\n`,
    );
  }
} catch (error) {
  const known = error instanceof LocalRuntimeError || error instanceof DynamoDbLocalError;
  const message =
    error instanceof Error
      ? known
        ? error.message
        : (error.stack ?? error.message)
      : String(error);
  process.stderr.write(`stats:rebuild: ${message}\n`);
  if (error instanceof DataDirLockedError) {
    process.stderr.write(
      '  While npm start runs, pass the DynamoDB Local endpoint it prints: DYNAMODB_ENDPOINT=http://127.0.0.1:<port> npm run stats:rebuild\n',
    );
  }
  process.exit(1);
}
