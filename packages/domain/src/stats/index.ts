export * from './lead-time-histogram.js';
export * from './owner-stats.js';
export * from './rebuild.js';
export * from './stats-response.js';
export * from './stats-store.js';
export * from './tally.js';
export * from './task-change.js';
