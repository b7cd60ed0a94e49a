import type { Task } from '@tasks/domain';

/** RFC 9110 §8.8.3: a strong entity tag; the version names the representation exactly. */
export const etagOf = (task: Task): string => `"${task.version}"`;

/** The `taskId` path parameter of `/tasks/{taskId}` (API Gateway never routes it empty). */
export const taskIdOf = (params: Readonly<Record<string, string>>): string =>
  params['taskId'] ?? '';
