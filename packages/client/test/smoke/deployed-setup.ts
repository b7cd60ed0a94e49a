import type { TestProject } from 'vitest/node';
import { smokeTargetFromEnv } from './target.js';

/** The global setup of `npm run smoke`: the target is the one the environment names. */
export default (project: TestProject): void => {
  const target = smokeTargetFromEnv(process.env);
  console.info(
    `Smoke suite against ${target.baseUrl}${target.secondToken ? ', with a second user' : ''}`,
  );
  project.provide('smokeTarget', target);
};
