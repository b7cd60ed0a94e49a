import type { TaskRepository } from '../../task-repository.js';

/** What an adapter hands the contract suite before each test. */
export interface ContractSubject {
  /** A repository on a fresh, empty store (or one shared store: tests use their own owners). */
  readonly repository: TaskRepository;
  /** Called after the test, to release what `setup` made. */
  readonly teardown?: () => Promise<void> | void;
}

/** The repository of the running test. */
export type CurrentRepository = () => TaskRepository;

export interface ContractOptions {
  /** fast-check runs of each property (default 30; a remote store may want fewer). */
  readonly propertyRuns?: number;
  /** Parallel callers in the concurrency tests (default 20). */
  readonly concurrency?: number;
}
