/**
 * `@tasks/domain/testing`: the repository contract suite and test builders, for our
 * adapters and for anyone who writes one. Needs `vitest` and `fast-check`.
 */
export * from './builders.js';
export type { ContractOptions, ContractSubject } from './contract/subject.js';
export * from './stats-history.js';
export { describeStatsStoreContract, type StatsStoreSubject } from './stats-store-contract.js';
export { describeTaskRepositoryContract } from './task-repository-contract.js';
export * from './walk.js';
