import { DynamoDbTaskRepository } from '@tasks/adapter-dynamodb';
import type { TaskRepository } from '@tasks/domain';
import type { Controller } from '../http/route-handler.js';
import {
  type ComposedHandler,
  type ControllerWiring,
  composeRouteOn,
  type StoreFactory,
} from './compose.js';
import { hostRepository } from './host-repository.js';

/** The task repository: DynamoDB, unless the host that imported the bundle provided one. */
export const taskRepositoryFor: StoreFactory<TaskRepository> = (env, { client, signal }) =>
  hostRepository() ??
  new DynamoDbTaskRepository({ client: client(), tableName: env.TABLE_NAME, signal });

/**
 * The composition root of a task route's function (`composeRouteOn` over the task
 * repository). `wire` builds the one use case and controller the function serves:
 * `(tasks) => getTaskController(makeGetTask({ tasks }))`.
 */
export const composeRoute = (
  wire: (tasks: TaskRepository, wiring: ControllerWiring) => Controller,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ComposedHandler => composeRouteOn(taskRepositoryFor, wire, env);
