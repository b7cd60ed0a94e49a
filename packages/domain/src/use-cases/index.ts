import { type Clock, systemClock, type TaskIdGenerator, uuidV7Generator } from '../clock.js';
import type { Sha256Hex } from '../idempotency.js';
import { sha256Hex as javaScriptSha256Hex } from '../sha256-hex.js';
import type { StatsResponse } from '../stats/stats-response.js';
import type { StatsStore } from '../stats/stats-store.js';
import type { TaskRepository } from '../task-repository.js';
import { makeCreateTask } from './create-task.js';
import { makeDeleteTask } from './delete-task.js';
import { type GetStatsCommand, makeGetStats } from './get-stats.js';
import { makeGetTask } from './get-task.js';
import { makeListTasks } from './list-tasks.js';
import { makeUpdateTask } from './update-task.js';

export interface TaskUseCaseDependencies {
  readonly tasks: TaskRepository;
  /**
   * The statistics kept from the stream (only the function of `GET /tasks/stats` reads
   * them). Without it, `getStats` rejects: a wiring defect, never the caller's fault.
   */
  readonly stats?: StatsStore;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
  /** Defaults to UUIDv7. */
  readonly newTaskId?: TaskIdGenerator;
  /** Defaults to the domain's own SHA-256, in JavaScript. */
  readonly sha256Hex?: Sha256Hex;
}

const statsNotWired = async (_command: GetStatsCommand): Promise<StatsResponse> => {
  throw new Error('this function was composed without a statistics store (STATS_TABLE_NAME)');
};

/** Every use case over one repository: what a composition root wires once. */
export const makeTaskUseCases = ({
  tasks,
  stats,
  clock = systemClock,
  newTaskId = uuidV7Generator,
  sha256Hex = javaScriptSha256Hex,
}: TaskUseCaseDependencies) => ({
  createTask: makeCreateTask({ tasks, clock, newTaskId, sha256Hex }),
  listTasks: makeListTasks({ tasks }),
  getTask: makeGetTask({ tasks }),
  updateTask: makeUpdateTask({ tasks, clock }),
  deleteTask: makeDeleteTask({ tasks }),
  getStats: stats === undefined ? statsNotWired : makeGetStats({ stats, clock }),
});

export type TaskUseCases = ReturnType<typeof makeTaskUseCases>;

export * from './create-task.js';
export * from './delete-task.js';
export * from './get-stats.js';
export * from './get-task.js';
export * from './list-tasks.js';
export * from './update-task.js';
export * from './version.js';
