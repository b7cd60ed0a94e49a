import type { TaskUseCases } from '@tasks/domain';
import { jsonResponse } from '../http-response.js';
import { parseListQuery } from '../query.js';
import type { Controller } from '../route-handler.js';

/** GET /tasks: one page, newest first; `nextKey` exactly when more follow. */
export const listTasksController =
  (listTasks: TaskUseCases['listTasks']): Controller =>
  async ({ request, owner }) => {
    const query = parseListQuery(request.query);
    const page = await listTasks({ owner, query });
    return jsonResponse(200, {
      items: page.items,
      ...(page.nextKey === undefined ? {} : { nextKey: page.nextKey }),
    });
  };
