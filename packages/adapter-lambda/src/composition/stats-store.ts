import { DynamoDbStatsStore, documentClientFor } from '@tasks/adapter-dynamodb';
import type { StatsStore } from '@tasks/domain';
import * as v from 'valibot';
import type { Controller } from '../http/route-handler.js';
import { type ComposedHandler, composeRouteOn, type StoreFactory } from './compose.js';
import { environmentOf } from './environment.js';
import { hostStatsStore } from './host-repository.js';
import { TableNameSchema } from './route-environment.js';

/** What GET /tasks/stats reads besides every route's environment. */
const StatsEnvironmentSchema = v.object({
  /** The statistics table (StatsTable): set only on the function of GET /tasks/stats. */
  STATS_TABLE_NAME: TableNameSchema,
});

/**
 * The statistics store of GET /tasks/stats: the one the host that imported the bundle
 * provided (the local runtime's memory), or the statistics table (`STATS_TABLE_NAME`),
 * whose calls end with the invocation's deadline as the task repository's do.
 */
export const statsStoreFor =
  (env: Readonly<Record<string, string | undefined>>): StoreFactory<StatsStore> =>
  (_config, { client, signal }) =>
    hostStatsStore() ??
    new DynamoDbStatsStore({
      // The statistics store reads through the document client: only this bundle has it.
      client: documentClientFor(client()),
      tableName: environmentOf(StatsEnvironmentSchema, env).STATS_TABLE_NAME,
      signal,
    });

/** The composition root of GET /tasks/stats: `composeRouteOn` over the statistics store. */
export const composeStatsRoute = (
  wire: (stats: StatsStore) => Controller,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ComposedHandler => composeRouteOn(statsStoreFor(env), wire, env);
