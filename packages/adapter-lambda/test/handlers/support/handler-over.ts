import { makeTaskUseCases, type StatsStore, type TaskRepository } from '@tasks/domain';
import { makeJsonLogger } from '../../../src/index.js';
import { lambdaContext } from '../../http/events.js';
import { toReply } from '../../http/harness.js';
import { makeApiHandler } from '../../support/api-handler.js';
import type { Invoke } from './route-scenarios.js';

/** The HTTP handler over `repository` (and `stats`), for one fixed owner, with its logs dropped. */
export const handlerOver = (
  repository: TaskRepository,
  owner: string,
  stats?: StatsStore,
): Invoke => {
  const handler = makeApiHandler({
    useCases: makeTaskUseCases({ tasks: repository, ...(stats === undefined ? {} : { stats }) }),
    owner: { mode: 'fixed', owner },
    logger: makeJsonLogger({ sink: () => {} }),
  });
  return async (event) => toReply(await handler(event, lambdaContext()));
};
